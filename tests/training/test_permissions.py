"""Every role × every training action, allowed and refused."""

import pytest

from equalcity.accounts.models import Membership, Role, User
from equalcity.toolboxes import selectors as toolbox_selectors
from tests.training.conftest import enrol

pytestmark = pytest.mark.django_db

R = Role
ALLOWED = {
    "training.view_session": set(Role.values),
    "training.enrol_session": {R.FRONTLINE_WORKER, R.TRAINER},
    "training.mark_attendance": {R.TRAINER, R.PROGRAMME_MANAGER},
    "training.view_results": {R.TRAINER, R.PROGRAMME_MANAGER},
    "training.view_evaluations": {R.PROGRAMME_MANAGER, R.PARTNER_EDITOR},
    "training.manage_children": {R.TRAINER},
    "training.add_session": {R.TRAINER, R.PROGRAMME_MANAGER},
    "training.change_registration": {R.TRAINER, R.PROGRAMME_MANAGER},
}


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_role_matrix(people, session, role, perm):
    target = session
    if perm == "training.view_evaluations":
        target = toolbox_selectors.published_toolbox("migrant-women-and-girls")
    assert people[role].has_perm(perm, target) == (role in ALLOWED[perm])


@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_someone_outside_the_programme_may_do_nothing(session, perm):
    stranger = User.objects.create_user("stranger@example.org", "x")
    assert not stranger.has_perm(perm, session)


def test_a_trainer_of_another_session_may_not_mark_or_see_results(session, full_demo):
    other = User.objects.create_user("other-trainer@example.org", "x")
    Membership.objects.create(user=other, programme=full_demo, role=Role.TRAINER)
    assert other.has_perm("training.view_session", session)
    assert not other.has_perm("training.mark_attendance", session)
    assert not other.has_perm("training.view_results", session)


@pytest.mark.parametrize(
    "perm", ["training.take_test", "training.evaluate_session", "training.get_certificate"]
)
def test_only_the_participant_acts_on_their_enrolment(people, session, worker, organisation, perm):
    enrolment = enrol(session, worker, organisation)
    for role, user in people.items():
        assert user.has_perm(perm, enrolment) == (user == worker), role
