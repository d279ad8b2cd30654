"""Sign-in lock-out: per account and address (django-axes), and per address across accounts.

Axes counts failures per (e-mail, address): five wrong passwords for one account from one
connection lock that pair. Someone trying one password against many accounts from one
address would never trip that, so failures from an address are also added up across every
account; past ``ADDRESS_FAILURE_LIMIT`` (higher than the per-account limit, since an NGO
office or a shelter shares one address) the address is locked for the cool-off time.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        per_account = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return per_account
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        across = (
            AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
                total=Sum("failures_since_start")
            )["total"]
            or 0
        )
        if across >= settings.ADDRESS_FAILURE_LIMIT and per_account < settings.AXES_FAILURE_LIMIT:
            request.equalcity_locked_by_address = True
            return max(per_account, settings.AXES_FAILURE_LIMIT)
        return per_account
