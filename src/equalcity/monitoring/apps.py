from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "equalcity.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from equalcity.monitoring import permissions  # noqa: F401 - registers the rules
