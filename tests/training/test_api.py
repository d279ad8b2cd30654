"""The training API: one's programmes' courses and sessions, one's own enrolments, and the
public certificate verification."""

import pytest
import yaml
from django.urls import reverse

from equalcity.accounts.models import Membership, Role, User
from equalcity.training.models import Certificate, Enrolment
from tests.training.conftest import enrol

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_anonymous_people_get_nothing_but_verification(client, full_demo):
    for name in ("course-list", "session-list", "enrolment-list"):
        assert client.get(reverse(f"training-api:{name}")).status_code in (401, 403)


def test_courses_and_sessions_of_ones_programmes(client, full_demo, worker):
    client.force_login(worker)
    courses = results(client.get(reverse("training-api:course-list")))
    assert {c["title"] for c in courses} >= {"Responding to SGBV against migrant women (pilot)"}
    sessions = results(client.get(reverse("training-api:session-list")))
    assert sessions and all("meeting_url" not in s for s in sessions)
    one = sessions[0]
    detail = client.get(reverse("training-api:session-detail", kwargs={"public_id": one["id"]}))
    assert detail.status_code == 200 and detail.json()["id"] == one["id"]


def test_nothing_of_another_programme(client, full_demo, other_programme):
    outsider = User.objects.create_user("outsider@example.org", "x")
    Membership.objects.create(user=outsider, programme=other_programme, role=Role.TRAINER)
    client.force_login(outsider)
    assert results(client.get(reverse("training-api:course-list"))) == []
    assert results(client.get(reverse("training-api:session-list"))) == []
    session = full_demo.courses.first().sessions.first()
    url = reverse("training-api:session-detail", kwargs={"public_id": session.public_id})
    assert client.get(url).status_code == 404


def test_enrolments_are_ones_own_only(client, session, worker, organisation, make_worker):
    mine = enrol(session, worker, organisation)
    other = make_worker()
    theirs = enrol(session, other, organisation)
    client.force_login(worker)
    ids = {e["id"] for e in results(client.get(reverse("training-api:enrolment-list")))}
    assert str(mine.public_id) in ids and str(theirs.public_id) not in ids
    url = reverse("training-api:enrolment-detail", kwargs={"public_id": theirs.public_id})
    assert client.get(url).status_code == 404
    assert Enrolment.objects.count() >= 2


def test_certificate_verification_says_valid_and_nothing_else(client, full_demo):
    certificate = Certificate.objects.get(code="DEMO2021LU")
    response = client.get(reverse("training-api:certificate", kwargs={"code": "demo2021lu"}))
    assert response.status_code == 200
    assert response.json() == {"code": certificate.code, "valid": True}
    body = response.content.decode()
    assert certificate.holder_name not in body and certificate.course_title not in body


def test_an_unknown_certificate_code_is_404(client, full_demo):
    response = client.get(reverse("training-api:certificate", kwargs={"code": "NOPE1234"}))
    assert response.status_code == 404


def test_the_schema_lists_the_training_api(client, full_demo):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    paths = yaml.safe_load(response.content)["paths"]
    for path in (
        "/api/v1/training/courses/",
        "/api/v1/training/sessions/{public_id}/",
        "/api/v1/training/enrolments/",
        "/api/v1/training/certificates/{code}/",
    ):
        assert path in paths
