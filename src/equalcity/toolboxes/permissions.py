"""Who may do what with toolboxes.

Every predicate takes an object with a ``programme`` attribute (a programme, a toolbox, a
review round). Published editions are public and need no permission.
"""

import rules

from equalcity.accounts.permissions import (
    is_city_coordinator,
    is_expert_reviewer,
    is_partner_editor,
    is_programme_manager,
)

is_editor = is_programme_manager | is_partner_editor
is_reviewer = is_expert_reviewer | is_city_coordinator

# Drafts are for the people who write, steer and review them; trainers, frontline workers and
# viewers read the published editions like everyone else.
rules.add_perm("toolboxes.view_draft", is_editor | is_reviewer)
rules.add_perm("toolboxes.add_toolbox", is_editor)
rules.add_perm("toolboxes.change_toolbox", is_editor)
rules.add_perm("toolboxes.move_toolbox", is_editor)
rules.add_perm("toolboxes.publish_toolbox", is_programme_manager)
rules.add_perm("toolboxes.open_round", is_editor)
rules.add_perm("toolboxes.review_toolbox", is_reviewer)
rules.add_perm("toolboxes.resolve_comment", is_editor)
rules.add_perm("toolboxes.view_round_summary", is_editor)

rules.add_perm("toolboxes.adapt_toolbox", is_city_coordinator | is_programme_manager)
