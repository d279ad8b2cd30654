import pytest

from equalcity.accounts.models import Organisation
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.training import selectors, services
from equalcity.training.selectors import hake_gain
from tests.training.conftest import enrol, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("pre", "post", "gain"),
    [(40, 70, 0.5), (0, 100, 1.0), (50, 25, -0.5), (100, 100, None), (None, 80, None)],
)
def test_hake_gain(pre, post, gain):
    assert hake_gain(pre, post) == gain


def take_tests(session, user, pre_right: bool, post_right: bool):
    enrolment = enrol(session, user, Organisation.objects.get(slug="etna"))
    for kind, good in (("pre", pre_right), ("post", post_right)):
        answers = (right_answers if good else wrong_answers)(session.course)
        services.submit_test(enrolment=enrolment, kind=kind, answers=answers, confidence=3, by=user)
    return enrolment


def test_session_gain_is_hidden_under_five_participants(session, make_worker):
    for _ in range(4):
        take_tests(session, make_worker(), pre_right=False, post_right=True)
    gain = selectors.session_gain(session)
    assert gain.participants.suppressed and gain.gain is None


def test_session_gain_from_the_means(session, make_worker):
    for index in range(6):
        take_tests(session, make_worker(), pre_right=False, post_right=index % 2 == 0)
    gain = selectors.session_gain(session)
    assert gain.participants.value == 6
    assert float(gain.pre) == 0.0 and float(gain.post) == 50.0 and gain.gain == 0.5


def test_participant_results_carry_each_gain(session, make_worker):
    take_tests(session, make_worker("Ana"), pre_right=False, post_right=True)
    rows = selectors.participant_results(session)
    assert [(row.user.full_name, row.gain) for row in rows] == [("Ana", 1.0)]


def test_evaluation_counts_under_five_are_hidden(session, make_worker, organisation):
    for rating in (5, 5, 5, 5, 5, 4):
        enrolment = enrol(session, make_worker(), organisation)
        services.submit_evaluation(
            enrolment=enrolment,
            relevance=rating,
            clarity=3,
            practical_use=rating,
            what_to_change="",
        )
    summary = selectors.session_evaluations(session)
    assert summary["answers"].value == 6
    relevance = summary["criteria"][0]["counts"]
    # one 4 is a small cell; the 5s would give it away through the total, so both hide.
    assert relevance[3].suppressed and relevance[4].suppressed
    clarity = summary["criteria"][1]["counts"]
    assert clarity[2].value == 6


def test_free_text_is_shown_only_from_five_answers(session, make_worker, organisation):
    for index in range(4):
        enrolment = enrol(session, make_worker(), organisation)
        services.submit_evaluation(
            enrolment=enrolment, relevance=4, clarity=4, practical_use=4, what_to_change=f"t{index}"
        )
    assert selectors.change_suggestions(session) == []
    enrolment = enrol(session, make_worker(), organisation)
    services.submit_evaluation(
        enrolment=enrolment, relevance=4, clarity=4, practical_use=4, what_to_change="t4"
    )
    assert sorted(selectors.change_suggestions(session)) == ["t0", "t1", "t2", "t3", "t4"]


def test_toolbox_evaluations_include_the_demo_pilot(full_demo):
    toolbox = toolbox_selectors.published_toolbox("migrant-women-and-girls")
    summary = selectors.toolbox_evaluations(toolbox)
    # The Luxembourg session's six and one per participant of the four pilot sessions.
    assert summary["answers"].value == 6 + 46
    assert summary["criteria"][0]["mean"] is not None
