"""Who may do what with the directory, pathways and referral slips (rules predicates).

The object is a programme. The HSDS read API and the public help pages are open to
anyone and need no permission; everything here is for signed-in members.
"""

import rules

from equalcity.accounts.permissions import (
    is_city_coordinator,
    is_frontline_worker,
    is_member,
    is_partner_editor,
    is_programme_manager,
)

can_edit_directory = is_programme_manager | is_partner_editor
can_refer = is_frontline_worker | is_programme_manager | is_partner_editor | is_city_coordinator

rules.add_perm("referral.search_services", is_member)
rules.add_perm("referral.view_pathway", is_member)
rules.add_perm("referral.import_directory", can_edit_directory)
rules.add_perm("referral.export_directory", can_edit_directory)
rules.add_perm("referral.edit_pathway", can_edit_directory | is_city_coordinator)
rules.add_perm("referral.create_slip", can_refer)


@rules.predicate
def handles_slip(user, slip) -> bool:
    """The user made the referral, or works at the service it was sent to."""
    if slip is None or not user.is_authenticated:
        return False
    if slip.referred_by_id == user.pk:
        return True
    from equalcity.referral.models import ServiceStaff

    return ServiceStaff.objects.filter(
        programme_id=slip.programme_id, service_id=slip.service_id, user=user
    ).exists()


@rules.predicate
def manages_slip_programme(user, slip) -> bool:
    return slip is not None and is_programme_manager(user, slip.programme)


# The status page is open to members; which slip they may change is checked per slip:
# staff of the receiving service, the worker who referred, or a programme manager.
rules.add_perm("referral.update_slip", is_member)
rules.add_perm("referral.change_slip_status", handles_slip | manages_slip_programme)
rules.add_perm("referral.manage_service_staff", is_programme_manager)
rules.add_perm("referral.view_referral_counts", is_programme_manager)
rules.add_perm("referral.assess_safe_space", can_edit_directory | is_city_coordinator)
