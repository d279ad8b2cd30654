"""Who may do what in accounts, as rules predicates.

Role predicates take ``(user, obj)`` where ``obj`` is a programme, or anything with
a ``programme`` attribute (a membership, an invitation). A user's roles are read
in one query and kept on the user object for the rest of the request.
"""

import rules

from equalcity.accounts.models import Membership, Role


def roles_in(user, programme) -> frozenset[str]:
    """The roles a signed-in user holds, actively, in a programme."""
    if user is None or not user.is_authenticated or not user.is_active or programme is None:
        return frozenset()
    cache = getattr(user, "_equalcity_roles", None)
    if cache is None:
        cache = {}
        for programme_id, role in (
            Membership.objects.active().filter(user=user).values_list("programme_id", "role")
        ):
            cache.setdefault(programme_id, set()).add(role)
        user._equalcity_roles = cache
    return frozenset(cache.get(programme.pk, ()))


def forget_roles(user) -> None:
    """Drop the per-request cache after a membership of ``user`` changed."""
    if hasattr(user, "_equalcity_roles"):
        del user._equalcity_roles


def _programme_of(obj):
    return getattr(obj, "programme", obj)


def has_role(*roles: str):
    wanted = frozenset(roles)
    name = "has_role_" + "_or_".join(sorted(roles))

    @rules.predicate(name=name)
    def predicate(user, obj):
        return bool(roles_in(user, _programme_of(obj)) & wanted)

    return predicate


is_programme_manager = has_role(Role.PROGRAMME_MANAGER)
is_partner_editor = has_role(Role.PARTNER_EDITOR)
is_expert_reviewer = has_role(Role.EXPERT_REVIEWER)
is_trainer = has_role(Role.TRAINER)
is_frontline_worker = has_role(Role.FRONTLINE_WORKER)
is_city_coordinator = has_role(Role.CITY_COORDINATOR)
is_viewer = has_role(Role.VIEWER)
is_member = has_role(*Role.values)


@rules.predicate
def is_self(user, membership):
    return membership is not None and getattr(membership, "user_id", None) == user.pk


rules.add_perm("accounts.view_programme", is_member)
rules.add_perm("accounts.view_members", is_programme_manager)
rules.add_perm("accounts.invite_member", is_programme_manager)
rules.add_perm("accounts.change_membership", is_programme_manager & ~is_self)
rules.add_perm("accounts.view_audit_log", is_programme_manager)
