from decimal import Decimal

import pytest

from equalcity.accounts.models import AuditEntry
from equalcity.training import selectors, services
from equalcity.training.models import (
    Attendance,
    Certificate,
    Enrolment,
    Evaluation,
    Question,
    Session,
    TestAttempt,
)
from tests.training.conftest import enrol, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_a_session_gets_one_day_per_date(session):
    assert [day.date.isoformat() for day in selectors.session_days(session)] == [
        "2030-05-04",
        "2030-05-05",
    ]
    assert AuditEntry.objects.filter(action="training.session.created").exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"mode": Session.Mode.ONLINE, "meeting_url": ""}, "link"),
        ({"mode": Session.Mode.IN_PERSON, "city": ""}, "city"),
        ({"capacity": 0}, "capacity"),
        ({"ends_on": __import__("datetime").date(2030, 5, 1)}, "dates"),
    ],
)
def test_an_incoherent_session_is_refused_and_nothing_written(make_session, overrides, code):
    before = Session.objects.count()
    with pytest.raises(services.TrainingError) as raised:
        make_session(**overrides)
    assert raised.value.code == code
    assert Session.objects.count() == before


def test_enrolment_takes_a_place_then_the_waiting_list(make_session, make_worker, organisation):
    session = make_session(capacity=1)
    first, second = make_worker(), make_worker()
    assert enrol(session, first, organisation).status == Enrolment.Status.ENROLLED
    assert enrol(session, second, organisation).status == Enrolment.Status.WAITING


def test_cancelling_promotes_the_first_waiting(make_session, make_worker, organisation):
    session = make_session(capacity=1)
    first, second, third = make_worker(), make_worker(), make_worker()
    taken = enrol(session, first, organisation)
    enrol(session, second, organisation)
    enrol(session, third, organisation)
    promoted = services.cancel_enrolment(enrolment=taken, by=first)
    assert promoted.user == second
    statuses = dict(Enrolment.objects.filter(session=session).values_list("user__email", "status"))
    assert statuses == {
        first.email: Enrolment.Status.CANCELLED,
        second.email: Enrolment.Status.ENROLLED,
        third.email: Enrolment.Status.WAITING,
    }


def test_double_registration_is_refused_and_counts_once(session, worker, organisation):
    enrol(session, worker, organisation)
    with pytest.raises(services.TrainingError) as raised:
        enrol(session, worker, organisation)
    assert raised.value.code == "duplicate"
    assert Enrolment.objects.filter(session=session).count() == 1


def test_registration_when_closed_is_refused(make_session, worker, organisation):
    session = make_session(registration_open=False)
    with pytest.raises(services.TrainingError) as raised:
        enrol(session, worker, organisation)
    assert raised.value.code == "closed"
    assert not Enrolment.objects.filter(session=session).exists()


def test_a_cancelled_person_can_register_again(session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    services.cancel_enrolment(enrolment=enrolment, by=worker)
    again = enrol(session, worker, organisation)
    assert again.pk == enrolment.pk and again.status == Enrolment.Status.ENROLLED


def test_attendance_for_someone_not_enrolled_is_refused(
    make_session, make_worker, organisation, trainer
):
    session = make_session(capacity=1)
    enrol(session, make_worker(), organisation)
    waiting = enrol(session, make_worker(), organisation)
    day = selectors.session_days(session)[0]
    with pytest.raises(services.TrainingError) as raised:
        services.mark_attendance(enrolment=waiting, day=day, present=True, by=trainer)
    assert raised.value.code == "not_enrolled"
    assert not Attendance.objects.filter(enrolment=waiting).exists()


def test_marking_twice_keeps_one_row(session, worker, organisation, trainer):
    enrolment = enrol(session, worker, organisation)
    day = selectors.session_days(session)[0]
    services.mark_attendance(enrolment=enrolment, day=day, present=True, by=trainer)
    services.mark_attendance(enrolment=enrolment, day=day, present=False, by=trainer)
    assert list(enrolment.attendance.values_list("present", flat=True)) == [False]


def test_tests_are_scored_and_a_second_submission_is_refused(session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    pre = services.submit_test(
        enrolment=enrolment,
        kind=TestAttempt.Kind.PRE,
        answers=wrong_answers(session.course),
        confidence=2,
        by=worker,
    )
    assert pre.score == 0
    post = services.submit_test(
        enrolment=enrolment,
        kind=TestAttempt.Kind.POST,
        answers=right_answers(session.course),
        confidence=4,
        by=worker,
    )
    assert post.score == 100
    with pytest.raises(services.TrainingError) as raised:
        services.submit_test(
            enrolment=enrolment,
            kind=TestAttempt.Kind.POST,
            answers=right_answers(session.course),
            confidence=4,
            by=worker,
        )
    assert raised.value.code == "duplicate"
    assert TestAttempt.objects.filter(enrolment=enrolment).count() == 2


def test_post_test_before_pre_test_is_refused(session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    with pytest.raises(services.TrainingError) as raised:
        services.submit_test(enrolment=enrolment, kind="post", answers={}, confidence=3, by=worker)
    assert raised.value.code == "order"


def test_scoring_per_kind_of_question(course, people):
    questions = list(selectors.course_questions(course))[:4]
    by_kind = {question.kind: question for question in questions}
    assert set(by_kind) == set(Question.Kind.values)
    multiple = by_kind[Question.Kind.MULTIPLE]
    half_right = {str(multiple.public_id): [multiple.correct[0]]}
    assert services.score_answers([multiple], half_right) == 0
    short = by_kind[Question.Kind.SHORT]
    assert services.score_answers([short], {str(short.public_id): ["  Informed "]}) == 100
    true_false = by_kind[Question.Kind.TRUE_FALSE]
    assert services.score_answers([true_false], {str(true_false.public_id): [1]}) == 100
    assert services.score_answers(questions[:2], {str(questions[0].public_id): [0]}) == Decimal(
        "50.00"
    )


def test_a_question_whose_answer_is_no_option_is_refused(course, people):
    module = Question.objects.first().module
    with pytest.raises(services.TrainingError):
        services.add_question(
            module=module, kind="single", text="?", options=["a"], correct=[3], by=None
        )


def test_evaluation_is_anonymous_and_once(session, worker, organisation):
    enrolment = enrol(session, worker, organisation)
    services.submit_evaluation(
        enrolment=enrolment, relevance=5, clarity=4, practical_use=3, what_to_change="More"
    )
    with pytest.raises(services.TrainingError) as raised:
        services.submit_evaluation(
            enrolment=enrolment, relevance=5, clarity=4, practical_use=3, what_to_change=""
        )
    assert raised.value.code == "duplicate"
    assert Evaluation.objects.filter(session=session).count() == 1
    field_names = {field.name for field in Evaluation._meta.get_fields()}
    assert not field_names & {"user", "enrolment", "participant"}
    entry = AuditEntry.objects.get(action="training.evaluation.submitted")
    assert entry.actor is None and worker.email not in entry.actor_label


def complete(session, user, organisation, trainer):
    enrolment = enrol(session, user, organisation)
    for day in selectors.session_days(session):
        services.mark_attendance(enrolment=enrolment, day=day, present=True, by=trainer)
    for kind in ("pre", "post"):
        services.submit_test(
            enrolment=enrolment,
            kind=kind,
            answers=right_answers(session.course),
            confidence=3,
            by=user,
        )
    return enrolment


def test_a_certificate_for_an_incomplete_course_is_refused(session, worker, organisation, trainer):
    enrolment = enrol(session, worker, organisation)
    day = selectors.session_days(session)[0]
    services.mark_attendance(enrolment=enrolment, day=day, present=True, by=trainer)
    with pytest.raises(services.TrainingError) as raised:
        services.issue_certificate(enrolment=enrolment, by=worker)
    assert raised.value.code == "incomplete"
    assert "50%" in raised.value.message and "post-test" in raised.value.message
    assert not Certificate.objects.filter(enrolment=enrolment).exists()


def test_a_completed_course_gets_one_certificate(session, worker, organisation, trainer):
    enrolment = complete(session, worker, organisation, trainer)
    first = services.issue_certificate(enrolment=enrolment, by=worker)
    again = services.issue_certificate(enrolment=enrolment, by=worker)
    assert first.pk == again.pk
    assert first.hours == Decimal("14.0") and first.organiser_name == "Femmes en Détresse"
    assert len(first.code) == 10


def test_a_failed_post_test_blocks_completion(session, worker, organisation, trainer):
    enrolment = enrol(session, worker, organisation)
    for day in selectors.session_days(session):
        services.mark_attendance(enrolment=enrolment, day=day, present=True, by=trainer)
    for kind in ("pre", "post"):
        services.submit_test(
            enrolment=enrolment,
            kind=kind,
            answers=wrong_answers(session.course),
            confidence=3,
            by=worker,
        )
    progress = selectors.completion(enrolment)
    assert progress.attendance_percent == 100 and not progress.complete


def test_an_unknown_profession_is_refused(session, worker, organisation):
    with pytest.raises(services.TrainingError) as raised:
        services.enrol(session=session, user=worker, organisation=organisation, profession="spy")
    assert raised.value.code == "profession"
    assert not Enrolment.objects.filter(session=session).exists()
