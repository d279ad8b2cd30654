"""Toolbox text in other languages, as the translations app provides it.

Toolboxes are written in their source language. The translations app builds on this app
(it reads toolboxes to make translation units), so this app cannot import it back: the
translations app registers itself here when Django starts (its ``AppConfig.ready``), and
the reader, the PDF and the services ask through these functions.
"""

from django.core.exceptions import ImproperlyConfigured

_provider = None


def register(provider) -> None:
    """``provider`` answers ``content_language``, ``enabled_languages``,
    ``is_enabled_language`` and ``translate_edition`` (see ``translations.selectors``)."""
    global _provider
    _provider = provider


def provider():
    if _provider is None:
        raise ImproperlyConfigured(
            "The toolboxes read their translations through equalcity.translations, "
            "which is not installed."
        )
    return _provider
