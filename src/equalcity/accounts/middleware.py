from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from equalcity.accounts.models import Membership, Role

EXEMPT_PREFIXES = ("/static/", "/exit/", "/healthz", "/favicon.ico")


def needs_second_factor(user) -> bool:
    """Programme managers and administrators sign in with a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.active().filter(user=user, role=Role.PROGRAMME_MANAGER).exists()


class ManagerTwoFactorMiddleware:
    """Send a programme manager who has not passed the second factor to the two-factor page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES):
            return None
        if getattr(view_func, "equalcity_public", False):
            return None
        if user.is_verified() or not needs_second_factor(user):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two-factor')}?{query}")
