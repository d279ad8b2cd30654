"""Who may do what in monitoring. Objects are a programme, a partner report, an indicator
value (its evidence), a meeting's action item."""

import rules

from equalcity.accounts.models import Membership, Role
from equalcity.accounts.permissions import (
    is_member,
    is_partner_editor,
    is_programme_manager,
    roles_in,
)
from equalcity.monitoring.models import ActionItem, IndicatorValue, PartnerReport
from equalcity.programmes.models import Programme


def editor_organisations(user, programme_id) -> frozenset[int]:
    """The organisations a user edits reports for in a programme, read once per request.

    Kept on the user beside the accounts app's roles cache, and read again whenever that cache
    is dropped (``accounts.permissions.forget_roles``), so a list page that asks about every
    row costs one query, not one per row.
    """
    if user is None or not user.is_authenticated or not user.is_active or programme_id is None:
        return frozenset()
    roles_cache = getattr(user, "_equalcity_roles", None)
    cached = getattr(user, "_equalcity_editor_organisations", None)
    if cached is None or cached[0] is not roles_cache:
        per_programme: dict[int, set[int]] = {}
        for programme, organisation in (
            Membership.objects.active()
            .filter(user=user, role=Role.PARTNER_EDITOR, organisation__isnull=False)
            .values_list("programme_id", "organisation_id")
        ):
            per_programme.setdefault(programme, set()).add(organisation)
        cached = (roles_cache, per_programme)
        user._equalcity_editor_organisations = cached
    return frozenset(cached[1].get(programme_id, ()))


def _programme_id(obj) -> int | None:
    if isinstance(obj, Programme):
        return obj.pk
    if isinstance(obj, ActionItem):
        return obj.meeting.programme_id
    if isinstance(obj, IndicatorValue):
        return obj.indicator.programme_id
    return getattr(obj, "programme_id", None)


@rules.predicate
def manages_its_programme(user, obj) -> bool:
    """The user manages the programme the object belongs to (a value, an action item, …)."""
    programme_id = _programme_id(obj)
    if programme_id is None:
        return False
    # roles_in reads only the primary key of the programme it is given.
    return Role.PROGRAMME_MANAGER in roles_in(user, Programme(pk=programme_id))


@rules.predicate
def is_own_report(user, report) -> bool:
    """The report belongs to an organisation the user edits for, in that programme."""
    if not isinstance(report, PartnerReport):
        return False
    return report.organisation_id in editor_organisations(user, report.programme_id)


@rules.predicate
def is_own_value(user, value) -> bool:
    """The indicator value was entered for an organisation the user edits for."""
    if not isinstance(value, IndicatorValue):
        return False
    return value.organisation_id in editor_organisations(user, _programme_id(value))


@rules.predicate
def owns_action_item(user, item) -> bool:
    """The action item is owned by an organisation the user edits for."""
    if not isinstance(item, ActionItem):
        return False
    return item.owner_id in editor_organisations(user, _programme_id(item))


rules.add_perm("monitoring.view_dashboard", is_member)
rules.add_perm("monitoring.view_reports", is_programme_manager | is_partner_editor)
rules.add_perm("monitoring.start_report", is_partner_editor)
rules.add_perm("monitoring.view_report", is_programme_manager | (is_partner_editor & is_own_report))
rules.add_perm("monitoring.edit_report", is_partner_editor & is_own_report)
rules.add_perm("monitoring.submit_report", is_partner_editor & is_own_report)
rules.add_perm("monitoring.review_report", is_programme_manager)
rules.add_perm("monitoring.read_evidence", manages_its_programme | is_own_value)
rules.add_perm("monitoring.view_late_partners", is_programme_manager)
rules.add_perm("monitoring.export_iati", is_programme_manager)
rules.add_perm("monitoring.generate_evaluation", is_programme_manager)
rules.add_perm("monitoring.manage_meetings", is_programme_manager)
rules.add_perm("monitoring.manage_phases", is_programme_manager)
rules.add_perm("monitoring.complete_action", manages_its_programme | owns_action_item)
