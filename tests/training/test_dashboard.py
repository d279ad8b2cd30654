"""The programme training dashboard: figures, suppression, constant queries, access, CSV."""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.core.privacy import SUPPRESSED_LABEL
from equalcity.training import selectors
from equalcity.training.models import (
    Attendance,
    Audience,
    ChildParticipant,
    Course,
    Enrolment,
    Evaluation,
    Session,
    SessionDay,
    TestAttempt,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 1)
WHEN = datetime(2022, 1, 1, 9, tzinfo=UTC)


def grow(programme, trainer, *, sessions, per_session, city="Gothenburg", present=True, post=80):
    """Held sessions of the pilot course, each with participants who completed it."""
    course = Course.objects.filter(programme=programme, audience=Audience.FRONTLINE_WORKERS).first()
    organisation = Organisation.objects.get(slug="city-of-gothenburg")
    start = Session.objects.count()
    made = Session.objects.bulk_create(
        Session(
            course=course,
            mode=Session.Mode.IN_PERSON,
            city=city,
            language="en",
            starts_on=date(2022, 1, 1) + timedelta(days=start + i),
            ends_on=date(2022, 1, 1) + timedelta(days=start + i),
            starts_at=time(9),
            ends_at=time(17),
            hours=Decimal("7.0"),
            capacity=per_session,
        )
        for i in range(sessions)
    )
    days = SessionDay.objects.bulk_create(SessionDay(session=s, date=s.starts_on) for s in made)
    first = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"dash{first + i}@example.org", full_name=f"D {i}", password="!")  # noqa: S106
        for i in range(sessions * per_session)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            session=made[i // per_session],
            user=user,
            organisation=organisation,
            profession="police",
            status=Enrolment.Status.ENROLLED,
            queued_at=WHEN,
        )
        for i, user in enumerate(users)
    )
    Attendance.objects.bulk_create(
        Attendance(enrolment=e, day=days[i // per_session], present=present)
        for i, e in enumerate(enrolments)
    )
    TestAttempt.objects.bulk_create(
        TestAttempt(enrolment=e, kind=kind, score=Decimal(score), confidence=3)
        for e in enrolments
        for kind, score in (("pre", 40), ("post", post))
    )
    Evaluation.objects.bulk_create(
        Evaluation(session=s, relevance=4, clarity=5, practical_use=3)
        for s in made
        for _ in range(per_session)
    )
    return made


def figures(programme):
    return selectors.programme_dashboard(programme, today=TODAY)


def progress(data, measure):
    return next(p for p in data["progress"] if p.measure == measure)


def test_workers_trained_follow_the_completion_rules(full_demo, trainer):
    # The demo's held Luxembourg session: 4 of its 6 people complete, which is hidden.
    before = progress(figures(full_demo), "frontline_workers_trained")
    assert before.value == 350
    base = selectors.completed_enrolments(full_demo).values("user").distinct().count()
    grow(full_demo, trainer, sessions=2, per_session=5)
    grow(full_demo, trainer, sessions=1, per_session=5, present=False)  # attendance too low
    grow(full_demo, trainer, sessions=1, per_session=5, post=50)  # post-test under the mark
    after = progress(figures(full_demo), "frontline_workers_trained")
    # Only the ten of the two sessions whose people met both rules are added.
    assert after.reached.value == base + 10


def test_a_person_completing_twice_counts_once(full_demo, trainer):
    made = grow(full_demo, trainer, sessions=2, per_session=5)
    base = progress(figures(full_demo), "frontline_workers_trained").reached.value
    # The people of the second session also join the first one and complete it again.
    again = Enrolment.objects.filter(session=made[1])
    day = SessionDay.objects.get(session=made[0])
    for enrolment in again:
        twin = Enrolment.objects.create(
            session=made[0],
            user=enrolment.user,
            organisation=enrolment.organisation,
            profession=enrolment.profession,
            status=Enrolment.Status.ENROLLED,
            queued_at=WHEN,
        )
        Attendance.objects.create(enrolment=twin, day=day, present=True)
        TestAttempt.objects.create(enrolment=twin, kind="post", score=90, confidence=4)
    assert progress(figures(full_demo), "frontline_workers_trained").reached.value == base


def test_children_trained_are_the_children_of_held_sessions(full_demo):
    data = figures(full_demo)
    children = ChildParticipant.objects.filter(session__starts_on__lte=TODAY).count()
    assert progress(data, "children_trained").reached.value == children
    assert progress(data, "children_trained").value == 200


def test_small_counts_are_hidden(full_demo, trainer):
    grow(full_demo, trainer, sessions=1, per_session=3, city="Testville")
    data = figures(full_demo)
    brussels = next(row for row in data["cities"] if row["city"] == "Testville")
    assert brussels["participants"].suppressed
    assert brussels["sessions"] == 1  # sessions name nobody
    small = next(row for row in data["sessions"] if row["session"].city == "Testville")
    assert small["enrolled"].suppressed and small["participants"].suppressed
    assert small["gain"] is None and small["pre"] is None
    assert small["evaluations"].suppressed and small["relevance"] is None


def test_the_number_of_queries_does_not_grow_with_the_data(verified_client, full_demo, people):
    client = verified_client(people[Role.PROGRAMME_MANAGER])
    url = reverse("training:dashboard", kwargs={"slug": full_demo.slug})
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as direct_small:
        selectors.programme_dashboard(full_demo, today=TODAY)
    grow(full_demo, people[Role.TRAINER], sessions=6, per_session=12, city="Rome")
    grow(full_demo, people[Role.TRAINER], sessions=3, per_session=7, city="Brussels")
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    with CaptureQueriesContext(connection) as direct:
        selectors.programme_dashboard(full_demo, today=TODAY)
    assert len(direct.captured_queries) == len(direct_small.captured_queries) == 13


def test_the_page_shows_progress_bars_and_tables(verified_client, full_demo, people):
    client = verified_client(people[Role.PROGRAMME_MANAGER])
    response = client.get(reverse("training:dashboard", kwargs={"slug": full_demo.slug}))
    html = response.content.decode()
    assert '<progress id="target-frontline_workers_trained" max="350"' in html
    assert '<progress id="target-children_trained" max="200"' in html
    assert "<caption>" in html and "style=" not in html.split("<main", 1)[1]
    assert str(SUPPRESSED_LABEL) in html or "Luxembourg" in html


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR, Role.TRAINER])
def test_who_may_see_the_dashboard(verified_client, full_demo, people, role):
    client = verified_client(people[role])
    response = client.get(reverse("training:dashboard", kwargs={"slug": full_demo.slug}))
    assert response.status_code == 200


def test_a_frontline_worker_gets_404(client, full_demo, worker):
    client.force_login(worker)
    response = client.get(reverse("training:dashboard", kwargs={"slug": full_demo.slug}))
    assert response.status_code == 404
    response = client.get(reverse("training:dashboard-csv", kwargs={"slug": full_demo.slug}))
    assert response.status_code == 404


def test_another_programme_answers_404(verified_client, full_demo, people, other_programme):
    manager = User.objects.create_user("other-manager@example.org", "x")
    Membership.objects.create(user=manager, programme=other_programme, role=Role.PROGRAMME_MANAGER)
    client = verified_client(manager)
    response = client.get(reverse("training:dashboard", kwargs={"slug": full_demo.slug}))
    assert response.status_code == 404
    client = verified_client(people[Role.PROGRAMME_MANAGER])
    response = client.get(reverse("training:dashboard", kwargs={"slug": other_programme.slug}))
    assert response.status_code == 404


def test_csv_export_has_the_session_table_suppressed(verified_client, full_demo, people):
    grow(full_demo, people[Role.TRAINER], sessions=1, per_session=3, city="Testville")
    client = verified_client(people[Role.PROGRAMME_MANAGER])
    response = client.get(reverse("training:dashboard-csv", kwargs={"slug": full_demo.slug}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Course"
    small = next(row for row in rows if row[1] == "Testville")
    assert small[3] == str(SUPPRESSED_LABEL)
    assert small[7] == ""


def test_the_demo_shows_progress_in_the_four_pilot_cities(full_demo):
    data = selectors.programme_dashboard(full_demo, today=date(2022, 1, 1))
    cities = {row["city"]: row for row in data["cities"]}
    assert {"Brussels", "Luxembourg", "Rome", "Gothenburg"} <= set(cities)
    assert all(cities[city]["sessions"] >= 2 for city in cities)
    workers = progress(data, "frontline_workers_trained").reached.value
    children = progress(data, "children_trained").reached.value
    assert 30 <= workers < 350
    assert 30 <= children < 200
    assert all(not row["participants"].suppressed for row in data["modules"])


def test_xlsx_export_holds_every_table_suppressed(verified_client, full_demo, people):
    from openpyxl import load_workbook

    grow(full_demo, people[Role.TRAINER], sessions=1, per_session=3, city="=Testville")
    client = verified_client(people[Role.PROGRAMME_MANAGER])
    response = client.get(reverse("training:dashboard-xlsx", kwargs={"slug": full_demo.slug}))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Targets", "Cities", "Professions", "Sessions", "Modules"]
    cities = {row[0].value: row for row in book["Cities"].iter_rows(min_row=2)}
    # A city typed as a formula stays text, and its three people are hidden.
    assert cities["=Testville"][0].data_type == "s"
    assert cities["=Testville"][2].value == str(SUPPRESSED_LABEL)
    sessions = list(book["Sessions"].iter_rows(min_row=2, values_only=True))
    held = selectors.programme_dashboard(full_demo, today=date.today())["sessions"]
    assert len(sessions) == len(held)


def test_xlsx_export_is_404_for_a_frontline_worker(client, full_demo, worker):
    client.force_login(worker)
    response = client.get(reverse("training:dashboard-xlsx", kwargs={"slug": full_demo.slug}))
    assert response.status_code == 404
