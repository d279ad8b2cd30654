"""Sign-in events from Django and django-axes, written to the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from equalcity.accounts import audit


@receiver(user_logged_in, dispatch_uid="equalcity.audit.login")
def audit_login(sender, request, user, **kwargs):
    audit.record("accounts.login.succeeded", actor=user, obj=user, request=request)


@receiver(user_logged_out, dispatch_uid="equalcity.audit.logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("accounts.logout", actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="equalcity.audit.login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    attempted = str(credentials.get("username") or credentials.get("email") or "")[:254]
    audit.record("accounts.login.failed", actor_label=attempted, request=request)


@receiver(user_locked_out, dispatch_uid="equalcity.audit.locked_out")
def audit_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit.record(
        "accounts.login.locked_out", actor_label=str(username or "")[:254], request=request
    )
