from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "equalcity.surveys"
    label = "surveys"
    verbose_name = _("Needs analysis")

    def ready(self):
        from equalcity.surveys import permissions  # noqa: F401 - registers the rules
