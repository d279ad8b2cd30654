from base64 import b32encode

import segno
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from equalcity.accounts import audit, selectors, services
from equalcity.accounts.forms import (
    AcceptInvitationForm,
    EmailAuthenticationForm,
    InvitationForm,
    RoleForm,
    TokenForm,
)
from equalcity.accounts.middleware import needs_second_factor
from equalcity.accounts.models import Invitation, Membership, Role
from equalcity.core import throttle
from equalcity.core.decorators import public_page
from equalcity.programmes.models import Programme


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def programme_for(user, slug: str, perm: str) -> Programme:
    """The programme behind ``slug`` if ``user`` holds ``perm`` on it; otherwise not found."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not user.has_perm(perm, programme):
        raise Http404
    return programme


def _safe_next(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@login_required
def dashboard(request):
    memberships = list(selectors.memberships_of(request.user))
    programmes = {}
    for membership in memberships:
        entry = programmes.setdefault(
            membership.programme_id,
            {"programme": membership.programme, "memberships": [], "manager": False},
        )
        entry["memberships"].append(membership)
        entry["manager"] = entry["manager"] or membership.role == "programme_manager"
    return render(
        request,
        "accounts/dashboard.html",
        {"programmes": list(programmes.values())},
    )


@login_required
def members(request, slug):
    programme = programme_for(request.user, slug, "accounts.view_members")
    form = InvitationForm(organisations=selectors.programme_organisations(programme))
    return _render_members(request, programme, form)


MEMBERS_PER_PAGE = 50


def _render_members(request, programme, form, status=200):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.programme_members(programme, search=search), MEMBERS_PER_PAGE)
    return render(
        request,
        "accounts/members.html",
        {
            "programme": programme,
            "page": page.get_page(request.GET.get("page")),
            "search": search,
            "invitations": selectors.open_invitations(programme),
            "form": form,
            "role_choices": Role.choices,
        },
        status=status,
    )


@login_required
@require_POST
def invite(request, slug):
    programme = programme_for(request.user, slug, "accounts.invite_member")
    form = InvitationForm(request.POST, organisations=selectors.programme_organisations(programme))
    if form.is_valid():
        try:
            invitation, _token = services.invite_member(
                programme=programme,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                request=request,
            )
        except services.AccountsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:members", slug=programme.slug)
    return _render_members(request, programme, form, status=400)


def _membership_for_manager(request, slug, membership_id) -> tuple[Programme, Membership]:
    programme = programme_for(request.user, slug, "accounts.view_members")
    membership = get_object_or_404(
        Membership.objects.select_related("user", "programme"),
        pk=membership_id,
        programme=programme,
    )
    if not request.user.has_perm("accounts.change_membership", membership):
        raise Http404
    return programme, membership


def _membership_changed(request, programme, membership, message, level):
    """Answer a change on the members page: the row alone for htmx, else the whole page."""
    if request.headers.get("HX-Request"):
        membership.refresh_from_db()
        return render(
            request,
            "accounts/includes/member_row.html",
            {
                "programme": programme,
                "membership": membership,
                "role_choices": Role.choices,
                "row_message": message,
                "row_message_level": level,
            },
        )
    messages.add_message(request, messages.ERROR if level == "error" else messages.SUCCESS, message)
    return redirect("accounts:members", slug=programme.slug)


@login_required
@require_POST
def change_role(request, slug, membership_id):
    programme, membership = _membership_for_manager(request, slug, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _membership_changed(
            request, programme, membership, _("Choose one of the listed roles."), "error"
        )
    try:
        services.change_role(
            membership=membership, role=form.cleaned_data["role"], by=request.user, request=request
        )
    except services.AccountsError as error:
        return _membership_changed(request, programme, membership, error.message, "error")
    message = _("The role of %(person)s was changed.") % {"person": membership.user}
    return _membership_changed(request, programme, membership, message, "success")


@login_required
@require_POST
def set_active(request, slug, membership_id):
    programme, membership = _membership_for_manager(request, slug, membership_id)
    active = request.POST.get("active") == "1"
    try:
        services.set_membership_active(
            membership=membership, active=active, by=request.user, request=request
        )
    except services.AccountsError as error:
        return _membership_changed(request, programme, membership, error.message, "error")
    message = (
        _("%(person)s can work in the programme again.")
        if active
        else _("%(person)s no longer has this role in the programme.")
    ) % {"person": membership.user}
    return _membership_changed(request, programme, membership, message, "success")


@login_required
@require_POST
def revoke_invitation(request, slug, public_id):
    programme = programme_for(request.user, slug, "accounts.invite_member")
    invitation = get_object_or_404(Invitation, public_id=public_id, programme=programme)
    services.revoke_invitation(invitation=invitation, by=request.user, request=request)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("accounts:members", slug=programme.slug)


@public_page
def accept_invitation(request, token):
    invitation = services.find_invitation(token)
    try:
        services.check_invitation_open(invitation)
    except services.AccountsError as error:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": error.message, "code": error.code},
            status=410 if invitation is not None else 404,
        )
    signed_in = request.user.is_authenticated
    form = None if signed_in else AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and (signed_in or form.is_valid()):
        try:
            user = services.accept_invitation(
                token=token,
                full_name="" if signed_in else form.cleaned_data["full_name"],
                password=None if signed_in else form.cleaned_data["password1"],
                user=request.user if signed_in else None,
                request=request,
            )
        except ValidationError as error:
            form.add_error("password1", error)
        except services.AccountsError as error:
            if form is None:
                messages.error(request, error.message)
            else:
                form.add_error(None, error.message)
        else:
            if not signed_in:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome. You now work in %(programme)s as %(role)s.")
                % {"programme": invitation.programme, "role": invitation.get_role_display()},
            )
            return redirect("accounts:dashboard")
    return render(
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "form": form, "signed_in": signed_in},
        status=400 if request.method == "POST" else 200,
    )


@public_page
@login_required
def two_factor(request):
    """Set up an authenticator app on first use, then ask for its code at each sign-in."""
    next_url = _safe_next(request, reverse("accounts:dashboard"))
    if request.user.is_verified():
        return redirect(next_url)
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        if has_device:
            device = match_token(request.user, token)
            if device is not None:
                otp_login(request, device)
                audit.record(
                    "accounts.two_factor.verified",
                    actor=request.user,
                    obj=request.user,
                    request=request,
                )
                return redirect(next_url)
            audit.record(
                "accounts.two_factor.failed", actor=request.user, obj=request.user, request=request
            )
            form.add_error(
                "token", _("That code is not right. Enter the newest code from your app.")
            )
        else:
            try:
                device = services.confirm_totp_device(
                    user=request.user, token=token, request=request
                )
            except services.AccountsError as error:
                form.add_error("token", error.message)
            else:
                otp_login(request, device)
                messages.success(request, _("Two-step sign-in is set up."))
                return redirect(next_url)
    context = {
        "form": form,
        "next": next_url,
        "has_device": has_device,
        "required": needs_second_factor(request.user),
    }
    if not has_device:
        device = services.pending_totp_device(request.user)
        context["secret"] = device.bin_key and _base32(device.bin_key)
        context["qr"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(
        request,
        "accounts/two_factor.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _base32(key: bytes) -> str:
    raw = b32encode(key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@login_required
def audit_log(request, slug):
    programme = programme_for(request.user, slug, "accounts.view_audit_log")
    audit.record(
        "accounts.audit_log.viewed", actor=request.user, programme=programme, request=request
    )
    return render(
        request,
        "accounts/audit_log.html",
        {"programme": programme, "entries": selectors.audit_entries(programme)},
    )


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' answer to a locked-out sign-in: a clear page, status 429."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {
        "minutes": minutes,
        "by_address": getattr(request, "equalcity_locked_by_address", False),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with a limit per address and per e-mail address.

    Past the address limit the page says so (status 429). Past the e-mail limit nothing
    more is sent but the answer is the usual "sent" page, so nobody learns whether an
    account exists or fills a person's mailbox.
    """

    def form_valid(self, form):
        hour = 60 * 60
        address = get_client_ip_address(self.request) or "unknown"
        if not throttle.allow(
            "password-reset-address",
            address,
            limit=settings.PASSWORD_RESET_ADDRESS_LIMIT,
            window_seconds=hour,
        ):
            return render(self.request, "accounts/password_reset_throttled.html", status=429)
        if not throttle.allow(
            "password-reset-email",
            form.cleaned_data["email"].strip().lower(),
            limit=settings.PASSWORD_RESET_EMAIL_LIMIT,
            window_seconds=hour,
        ):
            return redirect(self.get_success_url())
        return super().form_valid(form)
