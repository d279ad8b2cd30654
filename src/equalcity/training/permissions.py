"""Who may do what in training. Objects are a programme, a session or an enrolment."""

import rules

from equalcity.accounts.permissions import (
    is_frontline_worker,
    is_member,
    is_partner_editor,
    is_programme_manager,
    is_trainer,
)


@rules.predicate
def trains_session(user, session):
    """The user is one of the session's trainers (trainers of other sessions are not)."""
    if session is None or not hasattr(session, "trainers"):
        return False
    return any(trainer.pk == user.pk for trainer in session.trainers.all())


@rules.predicate
def owns_enrolment(user, enrolment):
    return enrolment is not None and getattr(enrolment, "user_id", None) == user.pk


rules.add_perm("training.view_session", is_member)
rules.add_perm("training.enrol_session", is_frontline_worker | is_trainer)
rules.add_perm("training.take_test", owns_enrolment)
rules.add_perm("training.evaluate_session", owns_enrolment)
rules.add_perm("training.get_certificate", owns_enrolment)
rules.add_perm("training.mark_attendance", (is_trainer & trains_session) | is_programme_manager)
rules.add_perm("training.view_results", (is_trainer & trains_session) | is_programme_manager)
rules.add_perm("training.view_evaluations", is_programme_manager | is_partner_editor)
# Children's individual records are for the trainers of their session only; programme
# managers see the aggregates.
rules.add_perm("training.manage_children", is_trainer & trains_session)
rules.add_perm("training.add_session", is_trainer | is_programme_manager)
# Invite people by e-mail to a session (members get its link, others a programme invitation).
rules.add_perm("training.invite_to_session", (is_trainer & trains_session) | is_programme_manager)
rules.add_perm("training.change_registration", (is_trainer & trains_session) | is_programme_manager)
# The programme's training dashboard (object: the programme): aggregates only.
rules.add_perm("training.view_dashboard", is_programme_manager | is_partner_editor | is_trainer)
