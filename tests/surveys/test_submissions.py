import json
import uuid

import pytest
from django.urls import reverse

from equalcity.surveys import crypto, services
from equalcity.surveys.demo import DEMO_TODAY, demo_answers
from equalcity.surveys.models import Answer, Submission, Survey
from tests.surveys.conftest import XLSFORM_DIR, workbook

pytestmark = pytest.mark.django_db


def submit(survey, data, public_id=None, **kw):
    return services.submit_response(
        survey=survey,
        public_id=public_id or uuid.uuid4(),
        data=data,
        language="en",
        today=DEMO_TODAY,
        **kw,
    )


def valid(**changes):
    data = demo_answers("brussels", 0)
    data.update(changes)
    return data


def test_a_valid_response_is_stored_and_a_second_send_is_the_same_one(demo_survey, manager):
    before = Submission.objects.count()
    public_id = uuid.uuid4()
    first, created = submit(demo_survey, valid(), public_id, respondent=manager)
    again, created_again = submit(demo_survey, valid(), public_id)
    assert created and not created_again and first.pk == again.pk
    assert Submission.objects.count() == before + 1
    assert first.respondent is None  # an anonymous survey keeps no account
    fields = {f.name for f in Submission._meta.get_fields()}
    assert not fields & {"ip_address", "user_agent", "remote_addr"}


def test_a_sensitive_answer_is_encrypted_at_rest(demo_survey):
    submission, _ = submit(demo_survey, valid(disclosure="yes"))
    answer = Answer.objects.get(submission=submission, question__name="disclosure")
    assert answer.value == "" and "yes" not in answer.ciphertext
    assert crypto.decrypt(answer.ciphertext) == "yes"
    plain = Answer.objects.get(submission=submission, question__name="city")
    assert plain.value == "brussels" and plain.ciphertext == ""


def test_the_encryption_key_can_come_from_its_own_setting(settings):
    token = crypto.encrypt("secret")
    settings.SURVEY_ENCRYPTION_KEY = "another key"
    with pytest.raises(Exception):  # noqa: B017 - InvalidToken from cryptography
        crypto.decrypt(token)
    assert crypto.decrypt(crypto.encrypt("secret")) == "secret"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"city": ""}, "city"),
        ({"years": "70"}, "years"),
        ({"years": "three"}, "years"),
        ({"city": "paris"}, "city"),
        ({"sector": "other", "sector_other": ""}, "sector_other"),
        ({"trained": "yes", "trained_when": "2031-01-01"}, "trained_when"),
        ({"topics": ["fgm", "domestic", "children", "referral"]}, "topics"),
        ({"confidence": "9"}, "confidence"),
        ({"consent": ""}, "consent"),
    ],
)
def test_a_response_that_bypasses_the_browser_is_refused_whole(demo_survey, changes, field):
    before = (Submission.objects.count(), Answer.objects.count())
    with pytest.raises(services.SubmissionRefused) as refusal:
        submit(demo_survey, valid(**changes))
    assert refusal.value.code == "invalid_answers"
    assert field in refusal.value.errors
    assert (Submission.objects.count(), Answer.objects.count()) == before


def test_skip_logic_drops_answers_to_questions_not_shown(demo_survey):
    submission, _ = submit(demo_survey, valid(sector="health", sector_other="sneaked in"))
    assert not Answer.objects.filter(submission=submission, question__name="sector_other").exists()


def test_repeats_and_calculations_are_stored(demo_survey):
    data = valid(
        topics=["fgm", "children"],
        referrals=[{"referral_service": "Shelter"}, {"referral_service": "Police"}],
    )
    submission, _ = submit(demo_survey, data)
    rows = Answer.objects.filter(submission=submission, question__name="referral_service")
    assert sorted(rows.values_list("instance", "value")) == [(0, "Shelter"), (1, "Police")]
    assert Answer.objects.get(submission=submission, question__name="topic_count").value == "2"


def test_a_closed_survey_takes_no_answers(demo_survey, manager):
    services.set_survey_status(survey=demo_survey, status=Survey.Status.CLOSED, by=manager)
    with pytest.raises(services.SubmissionRefused) as refusal:
        submit(demo_survey, valid())
    assert refusal.value.code == "closed"


def _post_json(client, survey, body, **headers):
    return client.post(
        reverse("surveys-api:submit", args=[survey.public_id]),
        data=json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_the_json_endpoint_is_idempotent_and_same_origin(client, demo_survey):
    body = {"id": str(uuid.uuid4()), "language": "en", "data": valid(trained="no")}
    first = _post_json(client, demo_survey, body)
    second = _post_json(client, demo_survey, body)
    assert (first.status_code, first.json()["status"]) == (201, "created")
    assert (second.status_code, second.json()["status"]) == (200, "duplicate")
    assert Submission.objects.filter(public_id=body["id"]).count() == 1
    assert not first.cookies
    foreign = _post_json(
        client, demo_survey, {**body, "id": str(uuid.uuid4())}, HTTP_ORIGIN="https://evil.example"
    )
    assert foreign.status_code == 403
    bad = _post_json(
        client, demo_survey, {**body, "id": str(uuid.uuid4()), "data": valid(years="-4")}
    )
    assert bad.status_code == 400 and "years" in bad.json()["errors"]
    assert _post_json(client, demo_survey, {"id": "not-a-uuid"}).status_code == 400


def test_the_form_works_without_script_and_sets_no_cookie(client, demo_survey):
    url = reverse("surveys:respond", args=[demo_survey.public_id])
    page = client.get(url)
    assert page.status_code == 200 and not page.cookies
    assert b"Which kind of service do you work in?" in page.content
    post = {
        "submission_id": str(uuid.uuid4()),
        "referrals.count": "1",
        **{k: v for k, v in valid(trained="no").items() if k != "referrals"},
    }
    post["referrals.0.referral_service"] = "Shelter"
    response = client.post(url, post)
    assert response.status_code == 302 and not response.cookies
    submission = Submission.objects.get(public_id=post["submission_id"])
    assert submission.answers.filter(question__name="topics").count() == 2
    refused = client.post(url, {**post, "submission_id": str(uuid.uuid4()), "years": "99"})
    assert refused.status_code == 400 and b"Enter a number from 0 to 50." in refused.content


def test_the_form_speaks_the_respondents_language(client, demo_survey):
    page = client.get(f"/fr/surveys/answer/{demo_survey.public_id}/")
    assert "Dans quel type de service travaillez-vous ?" in page.content.decode()


def test_a_draft_survey_is_not_found_and_a_closed_one_says_so(client, demo_survey, manager):
    url = reverse("surveys:respond", args=[demo_survey.public_id])
    services.set_survey_status(survey=demo_survey, status=Survey.Status.CLOSED, by=manager)
    assert client.get(url).status_code == 410
    services.set_survey_status(survey=demo_survey, status=Survey.Status.DRAFT, by=manager)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        ("choice_filter_test.xlsx", {"state": "texas", "county": "cameron", "city": "harlingen"}),
        ("specify_other.xlsx", {"sex": "other", "sex_other": "prefer to describe"}),
    ],
)
def test_each_shared_example_renders_and_accepts_a_valid_submission(
    client, import_form, name, answers
):
    survey = import_form((XLSFORM_DIR / name).read_bytes(), name=name)
    assert client.get(reverse("surveys:respond", args=[survey.public_id])).status_code == 200
    submission, created = submit(survey, answers)
    assert created and submission.answers.count() == len(answers)


def test_a_choice_filter_is_enforced_on_the_server(import_form):
    survey = import_form((XLSFORM_DIR / "choice_filter_test.xlsx").read_bytes())
    with pytest.raises(services.SubmissionRefused) as refusal:
        submit(survey, {"state": "texas", "county": "pierce"})
    assert "county" in refusal.value.errors


def test_a_consent_question_gates_everything_else(import_form):
    rows = [
        ["type", "name", "label", "consent", "required"],
        ["acknowledge", "agree", "I agree", "yes", ""],
        ["text", "t", "T", "", "yes"],
    ]
    survey = import_form(workbook(rows))
    with pytest.raises(services.SubmissionRefused) as refusal:
        submit(survey, {"t": "answered without consent"})
    assert "agree" in refusal.value.errors and Submission.objects.count() == 0
    submission, _ = submit(survey, {"agree": "OK", "t": "fine"})
    assert submission.answers.count() == 2


def test_a_survey_that_is_not_anonymous_keeps_the_account(import_form, manager):
    rows = [["type", "name", "label"], ["text", "t", "T"]]
    survey = import_form(workbook(rows), anonymous=False)
    submission, _ = submit(survey, {"t": "x"}, respondent=manager)
    assert submission.respondent == manager


def test_without_script_add_another_shows_one_more_entry_and_keeps_answers(client, demo_survey):
    url = reverse("surveys:respond", args=[demo_survey.public_id])
    post = {
        "submission_id": str(uuid.uuid4()),
        "referrals.count": "1",
        "referrals.0.referral_service": "Shelter",
        "city": "rome",
        "add_repeat": "referrals",
    }
    page = client.post(url, post)
    content = page.content.decode()
    assert page.status_code == 200 and 'name="referrals.1.referral_service"' in content
    assert (
        "Shelter" in content
        and Submission.objects.filter(public_id=post["submission_id"]).count() == 0
    )
