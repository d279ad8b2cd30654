from datetime import date

import pytest
from django.urls import reverse

from equalcity.core.errors import DomainError
from equalcity.surveys import selectors, services
from equalcity.surveys.models import Excerpt, FocusGroup

pytestmark = pytest.mark.django_db


def record(demo, manager, **changes):
    fields = dict(
        programme=demo,
        by=manager,
        kind=FocusGroup.Kind.FOCUS_GROUP,
        held_on=date(2020, 2, 1),
        city="Rome",
        target_group="Migrant parents",
        facilitator="A facilitator",
        participants={"migrants": 6},
    )
    fields.update(changes)
    return services.record_focus_group(**fields)


def test_sessions_count_participants_and_code_excerpts_with_themes(demo, manager):
    first = record(demo, manager)
    second = record(demo, manager, city="Brussels", kind=FocusGroup.Kind.INTERVIEW)
    services.add_excerpt(
        focus_group=first, by=manager, text="Trust first.", themes=["trust", "referral"]
    )
    services.add_excerpt(focus_group=first, by=manager, text="Again trust.", themes=["trust"])
    services.add_excerpt(focus_group=second, by=manager, text="Papers.", themes=["referral"])
    table = selectors.theme_table(demo)
    rows = {row["theme"].name: row for row in table["rows"]}
    order = [s.pk for s in table["sessions"]]
    assert rows["trust"]["cells"][order.index(first.pk)] == 2
    assert rows["referral"]["total"] == 2
    assert first.participant_total == 6


def test_refusals_store_nothing(demo, manager):
    with pytest.raises(DomainError):
        record(demo, manager, participants={"migrants": -1})
    session = record(demo, manager)
    with pytest.raises(DomainError) as refusal:
        services.add_excerpt(focus_group=session, by=manager, text="x", themes=[" "])
    assert refusal.value.code == "no_theme" and not Excerpt.objects.exists()


def test_a_partner_records_a_session_and_codes_an_excerpt(verified_client, demo_users, demo):
    from equalcity.accounts.models import Role

    client = verified_client(demo_users[Role.PARTNER_EDITOR])
    response = client.post(
        reverse("surveys:new-focus-group", args=["equalcity"]),
        {
            "kind": "focus_group",
            "held_on": "2020-02-03",
            "city": "Luxembourg",
            "target_group": "Migrant women",
            "facilitator": "F",
            "count_women": "7",
            "notes": "n",
        },
    )
    session = FocusGroup.objects.get(city="Luxembourg", held_on=date(2020, 2, 3))
    assert response.status_code == 302 and session.participants == {"women": 7}
    url = reverse("surveys:focus-group", args=["equalcity", session.public_id])
    assert (
        client.post(url, {"text": "Said in the group.", "themes": "trust, safety"}).status_code
        == 302
    )
    page = client.get(reverse("surveys:focus-groups", args=["equalcity"])).content.decode()
    assert "safety" in page and "trust" in page
    viewer = verified_client(demo_users[Role.VIEWER])
    assert viewer.post(url, {"text": "x", "themes": "y"}).status_code == 404
