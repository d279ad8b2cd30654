"""Who may do what with translations.

Predicates take an object with ``programme`` and ``language`` attributes — a
:class:`~equalcity.translations.models.Translation`, or a :class:`Target` (a toolbox and a
language) for actions on a whole file. Programme managers manage languages and translators;
a translator works only in the languages assigned to them in that programme.
"""

from dataclasses import dataclass

import rules

from equalcity.accounts.permissions import (
    _programme_of,
    is_partner_editor,
    is_programme_manager,
)
from equalcity.translations.models import TranslatorAssignment


@dataclass(frozen=True)
class Target:
    toolbox: object
    language: str

    @property
    def programme(self):
        return self.toolbox.programme


def _assignments(user) -> set[tuple[int, str]]:
    """(programme id, language) pairs the user translates, read once per request; only
    in programmes where the user is still an active member."""
    cache = getattr(user, "_equalcity_translator", None)
    if cache is None:
        cache = set(
            TranslatorAssignment.objects.in_force()
            .filter(user=user)
            .values_list("programme_id", "language")
        )
        user._equalcity_translator = cache
    return cache


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@rules.predicate
def is_translator_for_language(user, obj) -> bool:
    language = getattr(obj, "language", None)
    if not _signed_in(user) or obj is None or not language:
        return False
    return (_programme_of(obj).pk, language) in _assignments(user)


@rules.predicate
def is_any_translator(user, obj) -> bool:
    if not _signed_in(user) or obj is None:
        return False
    programme_id = _programme_of(obj).pk
    return any(pid == programme_id for pid, _language in _assignments(user))


is_translation_lead = is_programme_manager | is_partner_editor

rules.add_perm("translations.view_dashboard", is_translation_lead | is_any_translator)
rules.add_perm("translations.translate_unit", is_translator_for_language | is_translation_lead)
rules.add_perm("translations.review_unit", is_translator_for_language | is_programme_manager)
rules.add_perm("translations.export_file", is_translator_for_language | is_translation_lead)
rules.add_perm("translations.import_file", is_translator_for_language | is_programme_manager)
rules.add_perm("translations.manage_languages", is_programme_manager)
