from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "equalcity.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from equalcity.toolboxes import content
        from equalcity.translations import selectors

        content.register(selectors)
