from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxesConfig(AppConfig):
    name = "equalcity.toolboxes"
    label = "toolboxes"
    verbose_name = _("Toolboxes")

    def ready(self):
        from equalcity.toolboxes import permissions  # noqa: F401 - registers the rules
