"""Actions that change accounts: invitations, memberships, two-factor devices.

Each is one transaction, writes its audit entry, and refuses with an
:class:`AccountsError` carrying a code and a translated message.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from equalcity.accounts import audit
from equalcity.accounts.models import Invitation, Membership, Organisation, Role, User
from equalcity.accounts.permissions import forget_roles
from equalcity.core.errors import DomainError


class AccountsError(DomainError):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_url(token: str, *, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        path = reverse("accounts:accept-invitation", kwargs={"token": token})
    return settings.SITE_URL + path


@transaction.atomic
def invite_member(
    *,
    programme,
    email: str,
    role: str,
    organisation: Organisation | None,
    by: User,
    request=None,
) -> tuple[Invitation, str]:
    """Invite a person by e-mail; returns the invitation and its one-time token.

    Inviting the same address to the same role again replaces the open
    invitation, so a second click on "Send" never leaves two valid links.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise AccountsError(_("Choose one of the listed roles."), code="unknown_role")
    if Membership.objects.filter(
        programme=programme, user__email__iexact=email, role=role, is_active=True
    ).exists():
        raise AccountsError(
            _("%(email)s already has this role in the programme.") % {"email": email},
            code="already_member",
        )
    now = timezone.now()
    Invitation.objects.select_for_update().filter(
        programme=programme, email__iexact=email, role=role, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        programme=programme,
        email=email,
        role=role,
        organisation=organisation,
        token_hash=hash_token(token),
        invited_by=by,
    )
    audit.record(
        "accounts.invitation.sent",
        actor=by,
        obj=invitation,
        request=request,
        data={"email": email, "role": role},
    )
    language = translation.get_language()
    transaction.on_commit(lambda: _send_invitation(invitation.pk, token, language))
    return invitation, token


def _send_invitation(invitation_id: int, token: str, language: str | None) -> None:
    invitation = Invitation.objects.select_related("programme", "invited_by").get(pk=invitation_id)
    with translation.override(language):
        context = {
            "invitation": invitation,
            "url": invitation_url(token, language=language),
            "role": invitation.get_role_display(),
        }
        subject = str(
            _("Invitation to the %(programme)s programme") % {"programme": invitation.programme}
        )
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("programme", "organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def check_invitation_open(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise AccountsError(
            _("This invitation link is not valid. Check that you copied the whole link."),
            code="invitation_unknown",
        )
    if invitation.accepted_at is not None:
        raise AccountsError(
            _("This invitation has already been used. Sign in with your account instead."),
            code="invitation_used",
        )
    if invitation.revoked_at is not None:
        raise AccountsError(
            _("This invitation was withdrawn. Ask the programme manager for a new one."),
            code="invitation_revoked",
        )
    if invitation.is_expired:
        raise AccountsError(
            _("This invitation has expired. Ask the programme manager for a new one."),
            code="invitation_expired",
        )
    return invitation


@transaction.atomic
def accept_invitation(
    *,
    token: str,
    full_name: str = "",
    password: str | None = None,
    user: User | None = None,
    request=None,
) -> User:
    """Use an invitation once: create the account (or take the signed-in one) and its role."""
    invitation = check_invitation_open(
        Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    )
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            raise AccountsError(
                _("This invitation is for another e-mail address. Sign out, then open the link."),
                code="invitation_other_user",
            )
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise AccountsError(
                _("An account with this e-mail address exists. Sign in, then open the link again."),
                code="invitation_sign_in",
            )
        candidate = User(email=invitation.email, full_name=full_name.strip())
        validate_password(password or "", user=candidate)
        candidate.set_password(password)
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError as error:
            raise AccountsError(
                _("An account with this e-mail address exists. Sign in, then open the link again."),
                code="invitation_sign_in",
            ) from error
        user = candidate
    membership, created = Membership.objects.get_or_create(
        user=user,
        programme=invitation.programme,
        role=invitation.role,
        defaults={"organisation": invitation.organisation},
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(user)
    audit.record(
        "accounts.invitation.accepted",
        actor=user,
        obj=invitation,
        request=request,
        data={"role": invitation.role},
    )
    audit.record(
        "accounts.membership.granted",
        actor=user,
        obj=membership,
        request=request,
        data={"role": membership.role, "via": "invitation"},
    )
    return user


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: User, request=None) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record("accounts.invitation.revoked", actor=by, obj=invitation, request=request)
    return invitation


def _ensure_a_manager_remains(membership: Membership) -> None:
    others = (
        Membership.objects.active()
        .filter(programme_id=membership.programme_id, role=Role.PROGRAMME_MANAGER)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise AccountsError(
            _("A programme needs at least one active programme manager."),
            code="last_manager",
        )


@transaction.atomic
def change_role(*, membership: Membership, role: str, by: User, request=None) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Role.values:
        raise AccountsError(_("Choose one of the listed roles."), code="unknown_role")
    if role == membership.role:
        return membership
    if membership.role == Role.PROGRAMME_MANAGER:
        _ensure_a_manager_remains(membership)
    if Membership.objects.filter(
        user_id=membership.user_id, programme_id=membership.programme_id, role=role
    ).exists():
        raise AccountsError(
            _("This person already has that role in the programme."), code="duplicate_role"
        )
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    forget_roles(membership.user)
    audit.record(
        "accounts.membership.role_changed",
        actor=by,
        obj=membership,
        request=request,
        data={"from": previous, "to": role},
    )
    return membership


@transaction.atomic
def set_membership_active(
    *, membership: Membership, active: bool, by: User, request=None
) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.is_active == active:
        return membership
    if not active and membership.role == Role.PROGRAMME_MANAGER:
        _ensure_a_manager_remains(membership)
    membership.is_active = active
    membership.save(update_fields=["is_active", "updated_at"])
    forget_roles(membership.user)
    audit.record(
        "accounts.membership.reactivated" if active else "accounts.membership.deactivated",
        actor=by,
        obj=membership,
        request=request,
        data={"role": membership.role},
    )
    return membership


def pending_totp_device(user: User):
    """The unconfirmed authenticator a person is setting up, made on first need."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, user: User, token: str, request=None):
    """Confirm the pending authenticator with a first code; returns the device."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("-id")
        .first()
    )
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        raise AccountsError(
            _("That code is not right. Check the time on your phone and enter the newest code."),
            code="totp_invalid",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit.record("accounts.two_factor.enabled", actor=user, obj=user, request=request)
    return device


# --- organisations ---------------------------------------------------------------------------


def _organisation_slug(name: str, country: str) -> str:
    base = (slugify(f"{name}-{country}") or "organisation")[:70]
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def get_or_create_organisation(
    *, name: str, kind: str, country: str, city: str = "", by: User | None, request=None
) -> tuple[Organisation, bool]:
    """The organisation of this name (any case) in this country, created if there is none.

    An existing organisation is returned as it is: its kind and city are not changed by a
    later request. Returns the organisation and whether it was created.
    """
    name = " ".join(name.split())
    if not name:
        raise AccountsError(_("Give the name of the organisation."), code="name_required")
    if kind not in Organisation.Kind.values:
        raise AccountsError(_("Choose one of the listed kinds."), code="unknown_kind")
    existing = (
        Organisation.objects.select_for_update()
        .filter(name__iexact=name, country=country)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing, False
    organisation = Organisation.objects.create(
        name=name,
        slug=_organisation_slug(name, str(country)),
        kind=kind,
        country=country,
        city=city.strip(),
    )
    audit.record(
        "accounts.organisation.created",
        actor=by,
        obj=organisation,
        request=request,
        data={"name": name, "kind": kind, "country": str(country)},
    )
    return organisation, True
