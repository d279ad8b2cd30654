from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "equalcity.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from equalcity.training import permissions  # noqa: F401 - registers the rules
