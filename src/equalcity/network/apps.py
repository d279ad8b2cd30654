from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "equalcity.network"
    label = "network"
    verbose_name = _("Network and events")

    def ready(self):
        from equalcity.network import permissions  # noqa: F401 - registers the rules
