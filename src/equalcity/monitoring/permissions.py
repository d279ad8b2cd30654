"""Who may do what in monitoring. Objects are a programme or a partner report."""

import rules

from equalcity.accounts.models import Membership, Role
from equalcity.accounts.permissions import is_member, is_partner_editor, is_programme_manager


@rules.predicate
def is_own_report(user, report) -> bool:
    """The report belongs to an organisation the user edits for, in that programme."""
    if report is None or not user.is_authenticated:
        return False
    return (
        Membership.objects.active()
        .filter(
            user=user,
            programme_id=report.programme_id,
            role=Role.PARTNER_EDITOR,
            organisation_id=report.organisation_id,
        )
        .exists()
    )


rules.add_perm("monitoring.view_dashboard", is_member)
rules.add_perm("monitoring.view_reports", is_programme_manager | is_partner_editor)
rules.add_perm("monitoring.view_report", is_programme_manager | (is_partner_editor & is_own_report))
rules.add_perm("monitoring.edit_report", is_partner_editor & is_own_report)
rules.add_perm("monitoring.submit_report", is_partner_editor & is_own_report)
rules.add_perm("monitoring.review_report", is_programme_manager)
rules.add_perm("monitoring.view_late_partners", is_programme_manager)
rules.add_perm("monitoring.export_iati", is_programme_manager)
rules.add_perm("monitoring.generate_evaluation", is_programme_manager)
