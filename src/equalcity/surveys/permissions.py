"""Who may do what with surveys and focus groups. Objects are programmes or carry one."""

import rules

from equalcity.accounts.permissions import is_member, is_partner_editor, is_programme_manager

rules.add_perm("surveys.view_surveys", is_member)
rules.add_perm("surveys.view_results", is_member)
rules.add_perm("surveys.view_free_text", is_member)
rules.add_perm("surveys.import_survey", is_programme_manager | is_partner_editor)
rules.add_perm("surveys.change_survey", is_programme_manager | is_partner_editor)
rules.add_perm("surveys.export_results", is_programme_manager)
rules.add_perm("surveys.view_focus_groups", is_member)
rules.add_perm("surveys.record_focus_group", is_programme_manager | is_partner_editor)
