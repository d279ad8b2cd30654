"""The audit log: the one way to write to it.

Action codes are dotted, app first: ``accounts.login.succeeded``,
``accounts.membership.role_changed``. Every sensitive write and every read of
sensitive records calls :func:`record`.
"""

from axes.helpers import get_client_ip_address

from equalcity.accounts.models import AuditEntry


def record(
    action: str,
    *,
    actor=None,
    obj=None,
    programme=None,
    request=None,
    data: dict | None = None,
    actor_label: str = "",
) -> AuditEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if programme is None and obj is not None:
        programme = getattr(obj, "programme", None)
    ip_address = None
    if request is not None:
        ip_address = get_client_ip_address(request) or None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label or (actor.email if actor is not None else ""),
        programme=programme,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:254] if obj is not None else "",
        ip_address=ip_address,
        data=data or {},
    )
