"""The monitoring dashboard: breakdowns by city, partner and target group with small cells
hidden, the programme's phases and milestones, the map of reach, constant queries."""

import json
import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import Organisation, Role, User
from equalcity.monitoring import selectors
from equalcity.monitoring.models import (
    Indicator,
    IndicatorValue,
    LogframeNode,
    Meeting,
    ProgrammePhase,
)
from equalcity.network.models import CityProfile, Event, Registration
from equalcity.programmes.demo import DEMO_ACCOUNTS
from equalcity.toolboxes.models import Toolbox
from equalcity.training.models import (
    Attendance,
    Audience,
    Course,
    Enrolment,
    Evaluation,
    Session,
    SessionDay,
    TestAttempt,
)
from equalcity.translations.models import Translation

pytestmark = pytest.mark.django_db

TODAY = date(2030, 1, 1)
WHEN = datetime(2021, 1, 1, 9, tzinfo=UTC)


@pytest.fixture
def full_demo(db):
    """Every app's demo, in the order ``equalcity load_demo`` loads it."""
    from equalcity.programmes.demo import load_all_demo_data

    return load_all_demo_data()


@pytest.fixture
def lead(full_demo):
    account = next(a for a in DEMO_ACCOUNTS if a.role == Role.PROGRAMME_MANAGER)
    return User.objects.get(email=account.email)


def page(client, programme) -> str:
    response = client.get(reverse("monitoring:dashboard", args=[programme.slug]))
    assert response.status_code == 200
    return response.content.decode()


def grow_training(programme, *, city, people, ends_on=date(2021, 3, 1), completed=True):
    """One held session of the frontline course in ``city`` whose people all took both tests
    and (if ``completed``) met the completion rules."""
    course = Course.objects.filter(programme=programme, audience=Audience.FRONTLINE_WORKERS).first()
    session = Session.objects.create(
        course=course,
        mode=Session.Mode.IN_PERSON,
        city=city,
        language="en",
        starts_on=ends_on,
        ends_on=ends_on,
        starts_at=time(9),
        ends_at=time(17),
        hours=Decimal("7.0"),
        capacity=people + 1,
    )
    day = SessionDay.objects.create(session=session, date=ends_on)
    first = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"m{first + i}@example.org", full_name=f"M {i}", password="!")  # noqa: S106
        for i in range(people)
    )
    organisation = Organisation.objects.get(slug="city-of-gothenburg")
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            session=session,
            user=user,
            organisation=organisation,
            profession="police",
            status=Enrolment.Status.ENROLLED,
            queued_at=WHEN,
        )
        for user in users
    )
    Attendance.objects.bulk_create(
        Attendance(enrolment=e, day=day, present=completed) for e in enrolments
    )
    TestAttempt.objects.bulk_create(
        TestAttempt(enrolment=e, kind=kind, score=Decimal(score), confidence=3)
        for e in enrolments
        for kind, score in (("pre", 40), ("post", 80))
    )
    Evaluation.objects.bulk_create(
        Evaluation(session=session, relevance=4, clarity=4, practical_use=5) for _ in users
    )
    return session


def table(figures, dimension, code) -> dict:
    section = next(s for s in figures["breakdowns"] if s["dimension"] == dimension)
    found = next(t for t in section["tables"] if t["indicator"].code == code)
    return {row["label"]: row["value"] for row in found["rows"]}


# --- the page -----------------------------------------------------------------------------


def test_the_page_shows_breakdowns_phases_milestones_and_the_map(verified_client, lead, full_demo):
    html = page(verified_client(lead), full_demo)
    # breakdowns by city, target group and partner
    for dimension, code in (("city", "I1"), ("target_group", "I1"), ("partner", "I11")):
        assert f'data-breakdown="{dimension}" data-indicator="{code}"' in html
    # I4 and I5 are computed now: no partner table of theirs
    assert 'data-breakdown="partner" data-indicator="I4"' not in html
    # early quarters have no evaluation yet: the average says why it is missing
    assert "fewer than 5 answers" in html
    # the phases with their state, and the milestones taken from the data
    phases = html[html.index('id="phases"') : html.index('id="milestones"')]
    assert phases.count('class="phase phase-done"') == 5  # the demo programme ended in 2021
    for name in ("Needs analysis", "Evaluation and closing"):
        assert name in phases
    milestones = html[html.index('id="milestones"') :]
    assert "Steering committee: kick-off" in milestones
    assert "edition 1.0 published" in milestones
    # the map's points are the network's mapped cities; the table counts them by country
    points = json.loads(
        re.search(r'id="network-map-points" type="application/json">(.*?)</script>', html)[1]
    )
    mapped = CityProfile.objects.filter(programme=full_demo, latitude__isnull=False).count()
    assert mapped == 25 and len(points["points"]) == mapped
    by_country = html[html.index('id="reach-by-country"') :]
    assert '<th scope="row">Greece</th><td>4</td>' in by_country
    # strict CSP: no inline style, every script either a file or JSON data
    assert " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag


def test_the_breakdown_by_city_adds_up_to_the_workers_trained(full_demo):
    figures = selectors.dashboard(full_demo, today=TODAY)
    latest = next(r for r in figures["rows"] if r["indicator"].code == "I1")["latest"]
    by_city = table(figures, "city", "I1")
    # each demo worker was trained in one city only
    assert set(by_city) == {"Brussels", "Gothenburg", "Luxembourg", "Rome"}
    assert sum(by_city.values()) == latest
    assert table(figures, "target_group", "I1") == {"Migrant women and girls": latest}
    partners = next(t for t in figures["partners"] if t["indicator"].code == "I11")
    assert partners["cells"].total.value == sum(
        IndicatorValue.objects.filter(indicator__code="I11").values_list("value", flat=True)
    )


def test_small_counts_of_people_are_hidden_and_counts_of_sessions_are_not(monitoring_demo):
    grow_training(monitoring_demo, city="Testville", people=3)
    figures = selectors.dashboard(monitoring_demo, today=TODAY)
    workers = table(figures, "city", "I1")
    assert workers["Testville"] is None
    # only one cell was small: the next smallest is hidden too, so the total gives none away
    assert sum(value is None for value in workers.values()) == 2
    assert table(figures, "city", "I6")["Testville"] == 1
    # the same helper shows small counts of things as they are
    assert [c.value for c in selectors._cells({"a": 3, "b": 7}, people=False).cells.values()] == [
        3,
        7,
    ]


def test_averages_are_withheld_by_city_under_five_answers(monitoring_demo):
    grow_training(monitoring_demo, city="Smalltown", people=4)
    grow_training(monitoring_demo, city="Bigtown", people=5)
    figures = selectors.dashboard(monitoring_demo, today=TODAY)
    gains = table(figures, "city", "I8")
    scores = table(figures, "city", "I9")
    assert gains["Smalltown"] is None and scores["Smalltown"] is None
    # pre 40, post 80: (80 − 40) / (100 − 40) = 0.67
    assert gains["Bigtown"] == Decimal(67)
    assert scores["Bigtown"] == Decimal("4.3")


def test_the_rendered_breakdowns_say_what_is_hidden(verified_client, manager, monitoring_demo):
    grow_training(monitoring_demo, city="Smalltown", people=4)
    html = page(verified_client(manager), monitoring_demo)
    city = html.index('data-breakdown="city" data-indicator="I8"')
    gains = html[city : html.index("</table>", city)]
    assert re.search(r"Smalltown</th><td>\s*fewer than 5 answers\s*</td>", gains)
    city = html.index('data-breakdown="city" data-indicator="I1"')
    workers = html[city : html.index("</table>", city)]
    assert re.search(r"Smalltown</th><td>\s*fewer than 5\s*</td>", workers)


def _grow_everything(programme, n):
    """More of every kind of data the dashboard reads, ``n`` of each."""
    for i in range(n):
        grow_training(programme, city=f"City {n}-{i}", people=6)
    toolbox = Toolbox.objects.filter(programme=programme).first()
    Translation.objects.bulk_create(
        Translation(
            toolbox=toolbox,
            unit_id=f"grow:{n}:{i}",
            language="de",
            text="Text",
            status="reviewed",
            reviewed_at=WHEN,
        )
        for i in range(n)
    )
    for i in range(n):
        organisation = Organisation.objects.create(
            name=f"Grow {n}-{i}", slug=f"grow-{n}-{i}", kind="trainee", country="PT"
        )
        CityProfile.objects.create(
            programme=programme,
            organisation=organisation,
            slug=f"grow-{n}-{i}",
            kind=CityProfile.Kind.TRAINEE,
            latitude=Decimal("38.7") + i,
            longitude=Decimal("-9.1"),
            joined_on=date(2021, 2, 1),
        )
        event = Event.objects.create(
            programme=programme,
            slug=f"grow-{n}-{i}",
            kind=Event.Kind.ONLINE_WORKSHOP,
            title="Grow",
            starts_at=WHEN + timedelta(days=i),
            ends_at=WHEN + timedelta(days=i, hours=2),
            capacity=50,
        )
        Registration.objects.bulk_create(
            Registration(
                event=event,
                name="R",
                email=f"r{j}-{n}-{i}@example.org",
                status="confirmed",
                attended=True,
            )
            for j in range(6)
        )
        ProgrammePhase.objects.create(
            programme=programme,
            name=f"Phase {n}-{i}",
            starts_on=programme.starts_on,
            ends_on=programme.ends_on,
            position=10 + i,
        )
        Meeting.objects.create(
            programme=programme,
            kind=Meeting.Kind.STEERING_COMMITTEE,
            title=f"Extra {n}-{i}",
            held_on=date(2020, 6, 1) + timedelta(days=7 * n + i),
        )
    goal = LogframeNode.objects.get(programme=programme, code="G")
    for template in list(Indicator.objects.filter(programme=programme, code__regex=r"^I\d+$")):
        template.pk = None
        template.code, template.node = f"{template.code}x{n}", goal.children.first()
        template.save()
        if not template.automatic:
            IndicatorValue.objects.create(
                indicator=template,
                organisation=Organisation.objects.get(slug="femmes-en-detresse"),
                year=2020,
                quarter=2,
                value=Decimal(7),
                source="test",
            )


def test_the_dashboard_query_count_is_the_same_for_two_sizes(verified_client, lead, full_demo):
    client = verified_client(lead)
    page(client, full_demo)
    with CaptureQueriesContext(connection) as small:
        page(client, full_demo)
    _grow_everything(full_demo, 3)
    _grow_everything(full_demo, 7)
    with CaptureQueriesContext(connection) as large:
        html = page(client, full_demo)
    assert len(large) == len(small)
    # and the growth shows: the extra copies, phases and workshops are on the page
    assert 'data-indicator="I1x7"' in html and "Phase 7-6" in html
    assert 'data-breakdown="event_kind"' in html


# --- the timeline -------------------------------------------------------------------------


def test_the_timeline_marks_today_and_the_state_of_each_phase(monitoring_demo):
    today = date(2021, 2, 1)
    timeline = selectors.timeline(monitoring_demo, today=today)
    states = {row["phase"].name: row["state"] for row in timeline["phases"]}
    assert states == {
        "Needs analysis": "done",
        "Toolbox development and expert review": "done",
        "Piloting and training": "current",
        "Translation and dissemination": "planned",
        "Evaluation and closing": "planned",
    }
    span = (monitoring_demo.ends_on - monitoring_demo.starts_on).days
    assert timeline["today"]["x"] == round(100 * (today - monitoring_demo.starts_on).days / span, 2)
    first = timeline["phases"][0]
    assert first["x"] == 0 and 0 < first["width"] < 100
    # after the programme, today is off the axis and said in words
    assert selectors.timeline(monitoring_demo, today=TODAY)["today"]["x"] is None


def test_milestones_are_steering_committees_and_editions(monitoring_demo):
    Meeting.objects.create(
        programme=monitoring_demo,
        kind=Meeting.Kind.COORDINATION_CALL,
        title="A coordination call",
        held_on=date(2020, 6, 2),
    )
    labels = [m["label"] for m in selectors.timeline(monitoring_demo, today=TODAY)["milestones"]]
    assert "A coordination call" not in labels
    assert labels[0] == "Steering committee: kick-off"
    assert any("edition 1.1 published" in str(label) for label in labels)
    dates = [m["date"] for m in selectors.timeline(monitoring_demo, today=TODAY)["milestones"]]
    assert dates == sorted(dates)


def test_a_phase_must_lie_within_the_programme_and_end_after_it_starts(monitoring_demo):
    phase = ProgrammePhase(
        programme=monitoring_demo,
        name="Too early",
        starts_on=date(2019, 1, 1),
        ends_on=date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert "starts_on" in error.value.message_dict
    phase.starts_on, phase.ends_on = date(2020, 5, 1), date(2022, 5, 1)
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert "ends_on" in error.value.message_dict
    phase.ends_on = date(2020, 4, 1)
    with pytest.raises(ValidationError):
        phase.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        phase.save()
    phase.ends_on = date(2020, 6, 1)
    phase.full_clean()
    phase.save()
