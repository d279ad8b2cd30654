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
# Staff of the receiving service are members of the programme and know the reference.
rules.add_perm("referral.update_slip", is_member)
rules.add_perm("referral.view_referral_counts", is_programme_manager)
rules.add_perm("referral.assess_safe_space", can_edit_directory | is_city_coordinator)
