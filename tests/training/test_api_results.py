"""The API of a session's attendance and results: for its trainers and the programme
managers, names for its trainers only, children by pseudonym only; everyone else 404."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import AuditEntry, Membership, Role, User
from equalcity.training import selectors, services
from equalcity.training.models import Audience, Course
from tests.training.conftest import enrol, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def attendance_url(session):
    return reverse("training-api:session-attendance", kwargs={"public_id": session.public_id})


def results_url(session):
    return reverse("training-api:session-results", kwargs={"public_id": session.public_id})


def take(enrolment, kind, answers, user):
    return services.submit_test(
        enrolment=enrolment, kind=kind, answers=answers, confidence=3, by=user
    )


@pytest.fixture
def class_of_three(session, trainer, make_worker, organisation):
    """Ana completes; Ben is present one day of two and fails the post-test; Cy only enrolled."""
    ana, ben, cy = make_worker("Ana"), make_worker("Ben"), make_worker("Cy")
    first, second = selectors.session_days(session)
    rows = {}
    for person in (ana, ben, cy):
        rows[person.full_name] = enrol(session, person, organisation)
    for day in (first, second):
        services.mark_attendance(enrolment=rows["Ana"], day=day, present=True, by=trainer)
    services.mark_attendance(enrolment=rows["Ben"], day=first, present=True, by=trainer)
    services.mark_attendance(enrolment=rows["Ben"], day=second, present=False, by=trainer)
    take(rows["Ana"], "pre", wrong_answers(session.course), ana)
    take(rows["Ana"], "post", right_answers(session.course), ana)
    take(rows["Ben"], "pre", wrong_answers(session.course), ben)
    take(rows["Ben"], "post", wrong_answers(session.course), ben)
    return rows


def test_the_trainer_sees_attendance_per_day_with_names(client, session, trainer, class_of_three):
    client.force_login(trainer)
    response = client.get(attendance_url(session))
    assert response.status_code == 200
    data = response.json()
    assert data["session"] == str(session.public_id)
    assert [day["date"] for day in data["days"]] == ["2030-05-04", "2030-05-05"]
    by_name = {row["name"]: row["present"] for row in data["days"][1]["participants"]}
    assert by_name == {"Ana": True, "Ben": False, "Cy": None}
    ids = {row["enrolment"] for row in data["days"][0]["participants"]}
    assert ids == {str(enrolment.public_id) for enrolment in class_of_three.values()}
    assert set(data["days"][0]["participants"][0]) == {"enrolment", "name", "present"}


def test_the_trainer_sees_scores_gain_and_completion(client, session, trainer, class_of_three):
    client.force_login(trainer)
    response = client.get(results_url(session))
    assert response.status_code == 200
    data = response.json()
    assert data["children"] == []
    rows = {row["name"]: row for row in data["participants"]}
    assert rows["Ana"]["enrolment"] == str(class_of_three["Ana"].public_id)
    assert (rows["Ana"]["pre"], rows["Ana"]["post"]) == ("0.00", "100.00")
    assert rows["Ana"]["gain"] == 1.0
    assert rows["Ana"]["attendance_percent"] == 100 and rows["Ana"]["complete"] is True
    assert rows["Ben"]["gain"] == 0.0 and rows["Ben"]["attendance_percent"] == 50
    assert rows["Ben"]["complete"] is False
    assert rows["Cy"]["pre"] is None and rows["Cy"]["gain"] is None
    assert rows["Cy"]["attendance_percent"] == 0 and rows["Cy"]["complete"] is False
    # the same rules as the certificate
    for name, enrolment in class_of_three.items():
        assert rows[name]["complete"] is selectors.completion(enrolment).complete


def test_programme_managers_see_the_figures_without_names(
    client, verified_client, session, people, class_of_three
):
    verified_client(people[Role.PROGRAMME_MANAGER])
    results = client.get(results_url(session)).json()["participants"]
    assert len(results) == 3 and all(row["name"] is None for row in results)
    assert sorted(row["attendance_percent"] for row in results) == [0, 50, 100]
    attendance = client.get(attendance_url(session))
    assert attendance.status_code == 200
    days = attendance.json()["days"]
    assert all(row["name"] is None for day in days for row in day["participants"])
    for name in ("Ana", "Ben", "Cy"):
        assert f'"{name}"' not in attendance.content.decode()


def test_everyone_else_gets_404(client, session, class_of_three, worker, people, full_demo):
    other_trainer = User.objects.create_user("t2@example.org", "x", full_name="Other")
    Membership.objects.create(user=other_trainer, programme=full_demo, role=Role.TRAINER)
    participant = class_of_three["Ana"].user
    for person in (
        worker,
        participant,
        other_trainer,
        people[Role.PARTNER_EDITOR],
        people[Role.VIEWER],
    ):
        client.force_login(person)
        for url in (attendance_url(session), results_url(session)):
            assert client.get(url).status_code == 404, (person, url)


def test_another_programmes_trainer_and_anonymous_people_get_nothing(
    client, session, other_programme
):
    for url in (attendance_url(session), results_url(session)):
        assert client.get(url).status_code in (401, 403)
    outsider = User.objects.create_user("out@example.org", "x")
    Membership.objects.create(user=outsider, programme=other_programme, role=Role.TRAINER)
    client.force_login(outsider)
    for url in (attendance_url(session), results_url(session)):
        assert client.get(url).status_code == 404


@pytest.fixture
def children_session(make_session, course, trainer):
    Course.objects.filter(pk=course.pk).update(audience=Audience.CHILDREN)
    course.refresh_from_db()
    session = make_session(mode="in_person", meeting_url="")
    for pre, post in ((20, 60), (50, None)):
        child = services.add_child(
            session=session,
            age_band="12_14",
            guardian_consent=True,
            consent_date=date(2021, 5, 1),
            by=trainer,
        )
        services.record_child_scores(child=child, pre_score=pre, post_score=post, by=trainer)
    return session


def test_childrens_results_are_pseudonyms_and_scores_only(client, children_session, trainer):
    client.force_login(trainer)
    response = client.get(results_url(children_session))
    assert response.status_code == 200
    data = response.json()
    assert data["participants"] == []
    children = {row["pseudonym"]: row for row in data["children"]}
    expected = {child.pseudonym for child in selectors.children_of(children_session)}
    assert set(children) == expected
    assert all(set(row) == {"pseudonym", "pre", "post", "gain"} for row in children.values())
    assert sorted((row["pre"], row["post"], row["gain"]) for row in children.values()) == [
        (20, 60, 0.5),
        (50, None, None),
    ]
    body = response.content.decode()
    for child in selectors.children_of(children_session):
        assert str(child.public_id) not in body
    assert "12_14" not in body and "2021-05-01" not in body
    # every look at children's records is audited
    entry = AuditEntry.objects.filter(action="training.children.viewed").get()
    assert entry.actor == trainer and entry.data == {"via": "api"}
    days = client.get(attendance_url(children_session)).json()["days"]
    assert len(days) == 2 and all(day["participants"] == [] for day in days)


def test_childrens_records_are_not_for_programme_managers(
    client, verified_client, children_session, people
):
    verified_client(people[Role.PROGRAMME_MANAGER])
    assert client.get(results_url(children_session)).status_code == 404
    assert client.get(attendance_url(children_session)).status_code == 404
    assert not AuditEntry.objects.filter(action="training.children.viewed").exists()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(session, make_worker, organisation, trainer, count):
    for _ in range(count):
        person = make_worker()
        enrolment = enrol(session, person, organisation)
        for day in selectors.session_days(session):
            services.mark_attendance(enrolment=enrolment, day=day, present=True, by=trainer)
        take(enrolment, "pre", wrong_answers(session.course), person)
        take(enrolment, "post", right_answers(session.course), person)


@pytest.mark.parametrize("endpoint", [attendance_url, results_url])
def test_query_counts_stay_constant(
    client, make_session, make_worker, organisation, trainer, endpoint
):
    session = make_session(capacity=50, ends_on=date(2030, 5, 7))
    client.force_login(trainer)
    grow(session, make_worker, organisation, trainer, 2)
    small = count_queries(client, endpoint(session))
    grow(session, make_worker, organisation, trainer, 10)
    make_session(city="Rome")
    assert count_queries(client, endpoint(session)) == small
    rows = client.get(endpoint(session)).json()
    assert len(rows["days"][3]["participants"] if "days" in rows else rows["participants"]) == 12


def test_the_schema_has_the_endpoints_and_builds_without_warnings(client, tmp_path):
    import yaml

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    for path in (
        "/api/v1/training/sessions/{public_id}/attendance/",
        "/api/v1/training/sessions/{public_id}/results/",
    ):
        assert path in paths and set(paths[path]) == {"get"}
