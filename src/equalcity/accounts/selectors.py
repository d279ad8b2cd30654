from django.db.models import Q

from equalcity.accounts.models import AuditEntry, Invitation, Membership, Organisation


def memberships_of(user):
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("programme", "organisation")
        .order_by("programme__name", "role")
    )


def programme_members(programme, *, search: str = ""):
    members = Membership.objects.filter(programme=programme)
    if search:
        members = members.filter(
            Q(user__email__icontains=search)
            | Q(user__full_name__icontains=search)
            | Q(organisation__name__icontains=search)
        )
    return members.select_related("user", "organisation").order_by(
        "-is_active", "user__email", "role"
    )


def open_invitations(programme):
    return (
        Invitation.objects.filter(programme=programme, accepted_at=None, revoked_at=None)
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )


def programme_organisations(programme):
    return Organisation.objects.filter(
        Q(participations__programme=programme) | Q(led_programmes=programme)
    ).distinct()


def audit_entries(programme, *, limit: int = 200):
    """What happened in a programme, and the sign-ins of the people in it."""
    member_ids = Membership.objects.filter(programme=programme).values("user_id")
    return (
        AuditEntry.objects.filter(
            Q(programme=programme) | Q(programme__isnull=True, actor_id__in=member_ids)
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
