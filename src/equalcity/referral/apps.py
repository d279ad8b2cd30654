from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralConfig(AppConfig):
    name = "equalcity.referral"
    label = "referral"
    verbose_name = _("Referral")

    def ready(self):
        from equalcity.referral import permissions  # noqa: F401 - registers the rules
