import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equalcity.accounts.models import Membership, Role, User
from equalcity.training import selectors, services
from equalcity.training.models import Attendance, Certificate, Enrolment, Session, TestAttempt
from tests.training.conftest import enrol, right_answers
from tests.training.test_services import complete

pytestmark = pytest.mark.django_db


def url(name, session, **kwargs):
    return reverse(f"training:{name}", kwargs={"public_id": session.public_id, **kwargs})


def test_meeting_link_is_shown_only_to_enrolled_people(client, session, worker, organisation):
    client.force_login(worker)
    page = client.get(url("session", session)).content.decode()
    assert "secret-room" not in page and "Register for this session" in page
    enrol(session, worker, organisation)
    assert "secret-room" in client.get(url("session", session)).content.decode()


def test_a_session_of_another_programme_answers_404(client, session, other_programme):
    outsider = User.objects.create_user("out@example.org", "x")
    Membership.objects.create(user=outsider, programme=other_programme, role=Role.TRAINER)
    client.force_login(outsider)
    assert client.get(url("session", session)).status_code == 404
    assert client.get(url("attendance", session)).status_code == 404
    assert client.get(reverse("training:index")).content.decode().count("Test course") == 0


def test_registering_through_the_page(client, session, worker, organisation):
    client.force_login(worker)
    response = client.post(
        url("enrol", session),
        {"organisation": organisation.pk, "profession": "health"},
        follow=True,
    )
    assert "You are registered for this session." in response.content.decode()
    response = client.post(
        url("enrol", session),
        {"organisation": organisation.pk, "profession": "health"},
        follow=True,
    )
    assert "already registered" in response.content.decode()
    assert Enrolment.objects.filter(session=session, user=worker).count() == 1


def test_a_worker_cannot_open_the_attendance_sheet(client, session, worker):
    client.force_login(worker)
    assert client.get(url("attendance", session)).status_code == 404


def test_the_trainer_marks_attendance_with_htmx(client, session, trainer, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    client.force_login(trainer)
    page = client.get(url("attendance", session)).content.decode()
    assert 'Present<span class="visually-hidden"> (Demo frontline worker' in page
    response = client.post(
        url("mark", session, enrolment=enrolment.public_id),
        {"day": "2030-05-05", "present": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    assert Attendance.objects.get(enrolment=enrolment).day.date.isoformat() == "2030-05-05"


def test_marking_someone_of_another_session_answers_404(client, make_session, trainer, worker):
    other = make_session(city="Rome")
    enrolment = enrol(other, worker, other.course.organiser)
    session = make_session()
    client.force_login(trainer)
    response = client.post(
        url("mark", session, enrolment=enrolment.public_id), {"day": "2030-05-04", "present": "1"}
    )
    assert response.status_code == 404
    assert not Attendance.objects.filter(enrolment=enrolment).exists()


def test_taking_the_pre_test_through_the_page(client, session, worker, organisation):
    enrol(session, worker, organisation)
    client.force_login(worker)
    form = client.get(url("test", session, kind="pre")).context["form"]
    data = {"confidence": "2"}
    for question in form.questions:
        value = right_answers(session.course)[str(question.public_id)]
        data[f"q-{question.public_id}"] = value if question.kind == "multiple" else value[0]
    response = client.post(url("test", session, kind="pre"), data, follow=True)
    assert "Score: 100.00%" in response.content.decode()
    again = client.post(url("test", session, kind="pre"), data, follow=True)
    assert "already submitted" in again.content.decode()
    assert TestAttempt.objects.filter(enrolment__user=worker).count() == 1


def test_someone_not_enrolled_cannot_take_a_test(client, session, worker):
    client.force_login(worker)
    assert client.get(url("test", session, kind="pre")).status_code == 404


def test_certificate_pdf_badge_and_verification(client, session, worker, organisation, trainer):
    complete(session, worker, organisation, trainer)
    client.force_login(worker)
    response = client.post(url("certificate-issue", session), follow=True)
    assert response.status_code == 200
    certificate = Certificate.objects.get(enrolment__user=worker, enrolment__session=session)
    assert "data:image/svg+xml" in response.content.decode()
    pdf = client.get(url("certificate-pdf", session))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    badge = json.loads(client.get(url("certificate-badge", session)).content)
    verify_url = "http://testserver" + reverse("training:verify", args=[certificate.code])
    assert badge["id"] == verify_url
    assert "OpenBadgeCredential" in badge["type"]
    assert badge["credentialSubject"]["achievement"]["name"] == "Test course"
    client.logout()
    page = client.get(verify_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "This certificate is valid" in text
    assert "Test course" not in text and worker.full_name not in text
    assert client.get(reverse("training:verify", args=["NOSUCHCODE"])).status_code == 404


def test_a_certificate_is_refused_while_incomplete(client, session, worker, organisation):
    enrol(session, worker, organisation)
    client.force_login(worker)
    response = client.post(url("certificate-issue", session), follow=True)
    assert "not complete yet" in response.content.decode()
    assert client.get(url("certificate-pdf", session)).status_code == 404


def test_evaluation_through_the_page(client, session, worker, organisation):
    enrol(session, worker, organisation)
    client.force_login(worker)
    data = {"relevance": "5", "clarity": "4", "practical_use": "4", "what_to_change": "More"}
    response = client.post(url("evaluate", session), data, follow=True)
    assert "evaluation is saved anonymously" in response.content.decode()
    again = client.post(url("evaluate", session), data, follow=True)
    assert "already evaluated" in again.content.decode()


def test_editors_see_the_evaluations_in_the_toolbox_workspace(client, people):
    client.force_login(people[Role.PARTNER_EDITOR])
    page = client.get(reverse("toolboxes:workspace", args=["migrant-women-and-girls"]))
    assert "Evaluations from training sessions" in page.content.decode()
    client.force_login(people[Role.EXPERT_REVIEWER])
    page = client.get(reverse("toolboxes:workspace", args=["migrant-women-and-girls"]))
    assert "Evaluations from training sessions" not in page.content.decode()


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def grow(session, make_worker, trainer, count):
    for _ in range(count):
        user = make_worker()
        enrolment = enrol(session, user, session.course.organiser)
        day = selectors.session_days(session)[0]
        services.mark_attendance(enrolment=enrolment, day=day, present=True, by=trainer)
        for kind in ("pre", "post"):
            services.submit_test(
                enrolment=enrolment,
                kind=kind,
                answers=right_answers(session.course),
                confidence=3,
                by=user,
            )
        services.submit_evaluation(
            enrolment=enrolment, relevance=4, clarity=4, practical_use=4, what_to_change="x"
        )


@pytest.mark.parametrize("page", ["index", "session", "attendance"])
def test_query_counts_stay_constant_as_data_grows(client, make_session, make_worker, trainer, page):
    session = make_session(capacity=100)
    client.force_login(trainer)
    path = reverse("training:index") if page == "index" else url(page, session)
    grow(session, make_worker, trainer, 2)
    before = count_queries(client, path)
    grow(session, make_worker, trainer, 8)
    make_session(city="Rome")
    assert count_queries(client, path) == before


def test_the_demo_loader_writes_nothing_the_second_time(full_demo):
    from io import StringIO

    from django.core.management import call_command

    from equalcity.training.demo import load_demo

    def snapshot():
        out = StringIO()
        call_command("dumpdata", "training", "accounts.user", "accounts.membership", stdout=out)
        return out.getvalue()

    first = snapshot()
    load_demo(programme=full_demo)
    assert snapshot() == first
    held = Session.objects.get(city="Luxembourg", starts_on="2021-04-19")
    assert held.enrolments.count() == 6 and held.evaluations.count() == 6
    assert Certificate.objects.filter(code="DEMO2021LU").exists()
    assert Session.objects.filter(registration_open=True, starts_on__year=2030).exists()


SESSION_DATA = {
    "mode": "hybrid",
    "venue": "Room 2",
    "city": "Luxembourg",
    "meeting_url": "https://meet.example.org/new",
    "language": "en",
    "starts_on": "2030-06-01",
    "ends_on": "2030-06-02",
    "starts_at": "09:00",
    "ends_at": "17:00",
    "hours": "14",
    "capacity": "12",
}


def test_a_trainer_creates_a_hybrid_session(client, course, trainer):
    client.force_login(trainer)
    path = reverse("training:session-create", args=[course.public_id])
    response = client.post(path, SESSION_DATA, follow=True)
    assert "The session is created" in response.content.decode()
    session = Session.objects.get(course=course, starts_on="2030-06-01")
    assert list(session.trainers.all()) == [trainer] and session.days.count() == 2


def test_a_hybrid_session_without_a_link_is_refused(client, course, trainer):
    client.force_login(trainer)
    path = reverse("training:session-create", args=[course.public_id])
    response = client.post(path, {**SESSION_DATA, "meeting_url": ""})
    assert "needs a meeting link" in response.content.decode()
    assert not Session.objects.filter(course=course).exists()


def test_a_worker_cannot_create_sessions(client, course, worker):
    client.force_login(worker)
    path = reverse("training:session-create", args=[course.public_id])
    assert client.get(path).status_code == 404
    assert client.post(path, SESSION_DATA).status_code == 404


def test_the_trainer_closes_registration(client, session, trainer, worker):
    client.force_login(worker)
    assert client.post(url("registration", session), {"open": "0"}).status_code == 404
    client.force_login(trainer)
    client.post(url("registration", session), {"open": "0"})
    session.refresh_from_db()
    assert not session.registration_open
