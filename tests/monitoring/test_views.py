import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.monitoring.models import Indicator, LogframeNode, PartnerReport

pytestmark = pytest.mark.django_db


def _dashboard(client, programme):
    return client.get(reverse("monitoring:dashboard", args=[programme.slug]))


def test_the_dashboard_shows_indicators_with_text_traffic_lights(
    verified_client, manager, monitoring_demo
):
    response = _dashboard(verified_client(manager), monitoring_demo)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="monitoring-chart-data"' in html and 'id="indicator-table"' in html
    assert "Frontline workers trained" in html
    assert any(label in html for label in ("On track", "At risk", "Off track"))
    assert "Publish the translated toolboxes on the platform" in html  # open action item


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    verified_client, manager, monitoring_demo
):
    client = verified_client(manager)
    _dashboard(client, monitoring_demo)
    with CaptureQueriesContext(connection) as before:
        _dashboard(client, monitoring_demo)
    goal = LogframeNode.objects.get(programme=monitoring_demo, code="G")
    template = Indicator.objects.get(programme=monitoring_demo, code="I4")
    for n in range(5):
        node = LogframeNode.objects.create(
            programme=monitoring_demo, parent=goal, level="outcome", code=f"X{n}", title="x"
        )
        template.pk = None
        template.code, template.node = f"X{n}", node
        template.save()
    with CaptureQueriesContext(connection) as after:
        _dashboard(client, monitoring_demo)
    assert len(after) == len(before)


def test_a_partner_sees_only_its_own_reports(client, users, monitoring_demo):
    from equalcity.accounts.models import Role

    editor = users[Role.PARTNER_EDITOR]
    client.force_login(editor)
    listing = client.get(reverse("monitoring:reports", args=[monitoring_demo.slug]))
    assert listing.status_code == 200
    assert "Femmes en Détresse" in listing.content.decode()
    assert "RainbowHouse Brussels" not in listing.content.decode()
    other = PartnerReport.objects.filter(organisation__slug="rainbowhouse-brussels").first()
    url = reverse("monitoring:report", args=[monitoring_demo.slug, other.public_id])
    assert client.get(url).status_code == 404
    own = PartnerReport.objects.filter(organisation__slug="femmes-en-detresse").first()
    url = reverse("monitoring:report", args=[monitoring_demo.slug, own.public_id])
    assert client.get(url).status_code == 200


def test_the_lead_agency_sees_who_is_late(verified_client, manager, monitoring_demo):
    response = verified_client(manager).get(
        reverse("monitoring:reports", args=[monitoring_demo.slug])
    )
    # No demo report covers 2019 Q4, whose deadline has long passed.
    assert 'id="late"' in response.content.decode()
    assert "2019 Q4" in response.content.decode()


def test_approving_through_the_page_and_refusing_a_second_submission(
    client, verified_client, users, manager, monitoring_demo
):
    from equalcity.accounts.models import Organisation, Role
    from equalcity.monitoring import services

    report = services.start_report(
        programme=monitoring_demo,
        organisation=Organisation.objects.get(slug="femmes-en-detresse"),
        year=2019,
        quarter=4,
        by=manager,
    )
    args = [monitoring_demo.slug, report.public_id]
    client.force_login(users[Role.PARTNER_EDITOR])
    client.post(reverse("monitoring:report-action", args=[*args, "submit"]))
    again = client.post(reverse("monitoring:report-action", args=[*args, "submit"]), follow=True)
    assert "already been submitted" in again.content.decode()
    # a partner may not approve
    assert (
        client.post(reverse("monitoring:report-action", args=[*args, "review"])).status_code == 404
    )
    lead = verified_client(manager)
    lead.post(reverse("monitoring:report-action", args=[*args, "review"]))
    lead.post(reverse("monitoring:report-action", args=[*args, "approve"]))
    report.refresh_from_db()
    assert report.status == PartnerReport.Status.APPROVED


def test_a_viewer_cannot_see_reports(client, users, monitoring_demo):
    from equalcity.accounts.models import Role

    client.force_login(users[Role.VIEWER])
    assert client.get(reverse("monitoring:reports", args=[monitoring_demo.slug])).status_code == 404
    assert (
        client.get(reverse("monitoring:meetings", args=[monitoring_demo.slug])).status_code == 200
    )
