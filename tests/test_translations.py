"""The UI catalogues: complete, not fuzzy, placeholders intact, in every partner language."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

CATALOGUES = Path(settings.PACKAGE_DIR) / "locale"
PARTNER_LANGUAGES = ["fr", "nl", "it", "sv", "de"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue(language):
    return polib.pofile(str(CATALOGUES / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_every_ui_string_is_translated(language):
    po = catalogue(language)
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_placeholders_survive_translation(language):
    for entry in catalogue(language).translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) <= expected | set(
                PLACEHOLDER.findall(entry.msgid_plural or "")
            ), (language, entry.msgid)


@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_translations_are_not_english_copies(language):
    entries = catalogue(language).translated_entries()
    # A single word may well be the same ("Organisation", "Status"); a sentence may not.
    copies = [e.msgid for e in entries if e.msgstr == e.msgid and " " in e.msgid.strip()]
    assert not copies, copies


@pytest.mark.django_db
@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_pages_are_served_in_the_language_of_the_prefix(language):
    with translation.override(language):
        expected = translation.gettext("Exit this page")
    assert expected != "Exit this page"
    assert expected in Client().get(f"/{language}/").content.decode()
