import pytest

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.toolboxes import services
from equalcity.toolboxes.models import Adaptation, Status
from tests.toolboxes.journeys import walk_to_final

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(coordinator, demo):
    """The demo coordinator works for a trainee city."""
    return Membership.objects.get(user=coordinator, programme=demo).organisation


def test_a_trainee_city_adapts_a_published_toolbox_with_local_notes(
    published, coordinator, city, client
):
    client.force_login(coordinator)
    answer = client.post(f"/en/toolboxes/{published.slug}/adapt/")
    adaptation = Adaptation.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(
        f"/adaptations/{adaptation.pk}/"
    )
    assert adaptation.organisation == city and adaptation.edition == published.latest_edition

    section = published.latest_edition.sections.order_by("id").first()
    client.post(
        answer["Location"], {"section": section.source_section_id, "body": "Call **our** helpline."}
    )
    client.post(answer["Location"], {"contacts": "- Helpline: 0800 000"})
    html = client.get(answer["Location"]).content.decode()
    assert "<strong>our</strong>" in html and "Helpline: 0800 000" in html
    assert "A newer edition" not in html


def test_the_adaptation_shows_a_newer_source_edition_and_follows_it(
    published, coordinator, city, client, editor, reviewer, manager
):
    adaptation = services.adapt_toolbox(toolbox=published, by=coordinator)
    section_id = published.latest_edition.sections.order_by("id").first().source_section_id
    services.save_local_note(
        adaptation=adaptation, section_id=section_id, body="Local", by=coordinator
    )
    services.move_toolbox(toolbox=published, to_status=Status.DRAFT, by=editor)
    walk_to_final(published, editor=editor, reviewer=reviewer, coordinator=coordinator)
    services.publish_edition(toolbox=published, by=manager)

    client.force_login(coordinator)
    html = client.get(f"/en/toolboxes/adaptations/{adaptation.pk}/").content.decode()
    assert "A newer edition, 1.1, is published" in html
    assert "editions/compare/?from=1.0&amp;to=1.1" in html
    client.post(f"/en/toolboxes/adaptations/{adaptation.pk}/", {"follow": "1"})
    adaptation.refresh_from_db()
    assert adaptation.edition.number == "1.1"
    assert adaptation.notes.get().body == "Local"


def test_another_city_does_not_see_the_adaptation(published, coordinator, city, demo, client):
    adaptation = services.adapt_toolbox(toolbox=published, by=coordinator)
    other_city = Organisation.objects.create(name="Elsewhere", slug="elsewhere", kind="trainee")
    other = User.objects.create_user("other.city@example.org", "x")
    Membership.objects.create(
        user=other, programme=demo, role=Role.CITY_COORDINATOR, organisation=other_city
    )
    client.force_login(other)
    assert client.get(f"/en/toolboxes/adaptations/{adaptation.pk}/").status_code == 404
    assert (
        client.post(f"/en/toolboxes/adaptations/{adaptation.pk}/", {"contacts": "x"}).status_code
        == 404
    )


def test_only_coordinators_and_managers_adapt(published, demo_users, client):
    client.force_login(demo_users[Role.FRONTLINE_WORKER])
    assert client.post(f"/en/toolboxes/{published.slug}/adapt/").status_code == 404
    assert not Adaptation.objects.exists()


def test_a_note_for_a_section_outside_the_edition_is_refused(published, coordinator, city):
    adaptation = services.adapt_toolbox(toolbox=published, by=coordinator)
    with pytest.raises(services.ToolboxError, match="not part of the edition"):
        services.save_local_note(adaptation=adaptation, section_id=999999, body="x", by=coordinator)
