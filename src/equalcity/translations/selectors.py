"""Reads of the translations app: coverage, a translator's worklist, reader text."""

from dataclasses import dataclass

from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Concat

from equalcity.accounts.models import User
from equalcity.accounts.selectors import programme_members
from equalcity.programmes.models import Programme
from equalcity.toolboxes.diff import diff_text
from equalcity.toolboxes.models import Toolbox
from equalcity.translations.languages import CODES, CONTENT_LANGUAGES, direction, native_name
from equalcity.translations.models import (
    PUBLISHABLE,
    ProgrammeLanguage,
    Translation,
    TranslationStatus,
    TranslatorAssignment,
)
from equalcity.translations.units import source_hash, toolbox_units, units_of_toolboxes

NAMES = dict(CONTENT_LANGUAGES)


def enabled_languages(programme) -> list[str]:
    return list(
        ProgrammeLanguage.objects.filter(programme=programme).values_list("language", flat=True)
    )


def is_enabled_language(programme, language: str) -> bool:
    """Whether ``language`` is one of the content languages and the programme enabled it."""
    return (
        language in CODES
        and ProgrammeLanguage.objects.filter(programme=programme, language=language).exists()
    )


def languages_by_programme(programme_ids) -> dict[int, list[str]]:
    """The enabled content languages of several programmes, in one query."""
    result: dict[int, list[str]] = {pk: [] for pk in programme_ids}
    for programme_id, language in ProgrammeLanguage.objects.filter(
        programme_id__in=list(result)
    ).values_list("programme_id", "language"):
        result[programme_id].append(language)
    return result


def dashboard_toolboxes(user) -> list[Toolbox]:
    """The toolboxes whose translation ``user`` may follow (``translations.view_dashboard``).

    The roles and translator assignments behind the rule are read once per request, so the
    number of queries does not grow with the number of toolboxes.
    """
    return [
        toolbox
        for toolbox in Toolbox.objects.select_related("programme").order_by("title", "pk")
        if user.has_perm("translations.view_dashboard", toolbox)
    ]


def managed_programmes(user) -> list:
    """Programmes whose content languages and translators ``user`` manages."""
    return [
        programme
        for programme in Programme.objects.order_by("name")
        if user.has_perm("translations.manage_languages", programme)
    ]


def translator_candidates(programme):
    """People who may be assigned as translators: the active members of the programme."""
    member_ids = programme_members(programme).filter(is_active=True).values("user_id")
    return User.objects.filter(pk__in=member_ids, is_active=True).order_by("full_name", "email")


def assignment_of(programme, pk: int) -> TranslatorAssignment | None:
    return (
        TranslatorAssignment.objects.filter(programme=programme, pk=pk)
        .select_related("user")
        .first()
    )


def is_translator(programme, user, language: str) -> bool:
    return TranslatorAssignment.objects.filter(
        programme=programme, user=user, language=language
    ).exists()


@dataclass
class LanguageSetting:
    language: str
    enabled: bool
    translators: list[TranslatorAssignment]

    @property
    def name(self) -> str:
        return str(NAMES[self.language])

    @property
    def native_name(self) -> str:
        return native_name(self.language)

    @property
    def dir(self) -> str:
        return direction(self.language)


def language_settings(programme) -> list[LanguageSetting]:
    """Every content language with whether the programme offers it and who translates into
    it, in two queries."""
    enabled = set(enabled_languages(programme))
    translators: dict[str, list[TranslatorAssignment]] = {}
    for assignment in (
        TranslatorAssignment.objects.filter(programme=programme)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    ):
        translators.setdefault(assignment.language, []).append(assignment)
    return [
        LanguageSetting(code, code in enabled, translators.get(code, []))
        for code, _name in CONTENT_LANGUAGES
    ]


@dataclass
class Coverage:
    language: str
    total: int
    reviewed: int
    translated: int
    outdated: int

    @property
    def missing(self) -> int:
        return self.total - self.reviewed - self.translated - self.outdated

    @property
    def dir(self) -> str:
        return direction(self.language)

    @property
    def name(self) -> str:
        return str(NAMES.get(self.language, self.language))

    @property
    def native_name(self) -> str:
        return native_name(self.language)


def _coverage(units: dict[int, list], languages: dict[int, list[str]]) -> dict[int, list[Coverage]]:
    """Coverage of several toolboxes (``units`` and ``languages`` keyed by toolbox pk), counted
    in one aggregate query.

    A translation is fresh when its stored source hash is the current hash of its unit; the
    pair is compared as one ``unit_id:hash`` key so the query holds one list, not one
    condition per unit.
    """
    every_unit = [unit for toolbox_units_ in units.values() for unit in toolbox_units_]
    wanted = sorted({language for codes in languages.values() for language in codes})
    counts = {}
    if every_unit and wanted:
        keys = [f"{unit.id}:{unit.hash}" for unit in every_unit]
        rows = (
            Translation.objects.filter(
                toolbox_id__in=list(units),
                language__in=wanted,
                unit_id__in=[unit.id for unit in every_unit],
            )
            .exclude(text="")
            .alias(key=Concat("unit_id", Value(":"), "source_hash", output_field=CharField()))
            .values("toolbox_id", "language")
            .annotate(
                reviewed=Count("pk", filter=Q(key__in=keys, status=TranslationStatus.REVIEWED)),
                translated=Count("pk", filter=Q(key__in=keys, status=TranslationStatus.TRANSLATED)),
                outdated=Count("pk", filter=~Q(key__in=keys) & Q(status__in=PUBLISHABLE)),
            )
            .order_by()
        )
        counts = {(row["toolbox_id"], row["language"]): row for row in rows}
    result = {}
    for toolbox_id, toolbox_units_ in units.items():
        result[toolbox_id] = []
        for language in languages.get(toolbox_id, []):
            row = counts.get((toolbox_id, language), {})
            result[toolbox_id].append(
                Coverage(
                    language,
                    len(toolbox_units_),
                    row.get("reviewed", 0),
                    row.get("translated", 0),
                    row.get("outdated", 0),
                )
            )
    return result


def coverage(toolbox, languages: list[str]) -> list[Coverage]:
    """Per language: units reviewed, translated (not yet reviewed), outdated and missing.

    Counted in one aggregate query; in-progress work and machine drafts count as missing,
    since readers do not see them.
    """
    return _coverage({toolbox.pk: toolbox_units(toolbox)}, {toolbox.pk: list(languages)})[
        toolbox.pk
    ]


@dataclass
class ToolboxCoverage:
    toolbox: Toolbox
    units: int
    languages: list[Coverage]


def coverage_of_toolboxes(toolboxes) -> list[ToolboxCoverage]:
    """Coverage of each toolbox in each language its programme enabled: toolbox × language.

    A constant number of queries whatever the number of toolboxes and languages: the
    languages, the units (three) and one aggregate.
    """
    toolboxes = list(toolboxes)
    by_programme = languages_by_programme({toolbox.programme_id for toolbox in toolboxes})
    languages = {toolbox.pk: by_programme[toolbox.programme_id] for toolbox in toolboxes}
    units = units_of_toolboxes(toolboxes)
    counted = _coverage(units, languages)
    return [
        ToolboxCoverage(toolbox, len(units[toolbox.pk]), counted[toolbox.pk])
        for toolbox in toolboxes
    ]


@dataclass
class WorkItem:
    unit: object
    translation: Translation | None

    @property
    def outdated(self) -> bool:
        t = self.translation
        return bool(t and t.text and t.source_hash != self.unit.hash)

    @property
    def status(self) -> str:
        if self.translation is None or not self.translation.text:
            return TranslationStatus.MISSING
        return self.translation.status

    @property
    def awaits_a_person(self) -> bool:
        """No person's text yet: a machine suggestion may be asked for (or asked again)."""
        t = self.translation
        return t is None or not t.text or t.status == TranslationStatus.MACHINE_DRAFT

    def source_diff(self):
        """The source as it was translated → as it is now (escaped, marked up)."""
        return diff_text(self.translation.source_text, self.unit.text)


def worklist(toolbox, language: str, *, module=None) -> list[WorkItem]:
    units = toolbox_units(toolbox, module=module)
    existing = {
        t.unit_id: t
        for t in Translation.objects.filter(
            toolbox=toolbox, language=language, unit_id__in=[u.id for u in units]
        ).select_related("updated_by", "reviewed_by")
    }
    return [WorkItem(unit, existing.get(unit.id)) for unit in units]


def translation_of(toolbox, pk: int) -> Translation | None:
    return Translation.objects.filter(toolbox=toolbox, pk=pk).first()


@dataclass
class ReaderText:
    text: str
    language: str
    translated: bool
    outdated: bool

    @property
    def dir(self) -> str:
        return direction(self.language)


def reader_texts(toolbox, language: str) -> dict[str, Translation]:
    """The publishable translations of a toolbox in ``language``, by unit id."""
    return {
        t.unit_id: t
        for t in Translation.objects.filter(
            toolbox=toolbox, language=language, status__in=PUBLISHABLE
        ).exclude(text="")
    }


def pick(
    translations: dict, unit_id: str, source: str, *, source_language: str, language: str
) -> ReaderText:
    """The reader's text of one unit: the translation, or the source with a notice."""
    found = translations.get(unit_id)
    if found is None:
        return ReaderText(source, source_language, False, False)
    return ReaderText(found.text, language, True, found.source_hash != source_hash(source))


def reader_languages(programme) -> list[str]:
    """The content languages a reader may ask for: those enabled in the programme."""
    return enabled_languages(programme)


def content_language(toolbox, wanted: str | None, fallback: str) -> str:
    """``wanted`` if the programme enabled it (or it is the source), else ``fallback``."""
    source = toolbox.latest_edition.language if toolbox.latest_edition else toolbox.source_language
    for candidate in (wanted, fallback):
        if candidate and (candidate == source or candidate in enabled_languages(toolbox.programme)):
            return candidate
    return source


def _apply(obj, attr: str, unit_id: str, translations, *, source_language, language) -> ReaderText:
    shown = pick(
        translations,
        unit_id,
        getattr(obj, attr),
        source_language=source_language,
        language=language,
    )
    setattr(obj, attr, shown.text)
    return shown


def translate_edition(edition, modules, language: str, *, sections=()) -> dict:
    """Show an edition in ``language``: titles, objectives and sections are replaced *in
    memory* (never saved) by publishable translations, unit by unit; a unit without one stays
    in the source language and is marked ``fallback`` so the page can say so.

    Returns the language and direction of the page and whether any unit fell back or is
    outdated.
    """
    source = edition.language
    toolbox = edition.toolbox
    info = {
        "language": language,
        "dir": direction(language),
        "fallback": False,
        "outdated": False,
        "source_language": source,
    }
    if language == source:
        return info
    translations = reader_texts(toolbox, language)
    shown = []

    def mark(obj, parts):
        obj.fallback = any(not p.translated for p in parts)
        obj.outdated = any(p.outdated for p in parts)
        obj.text_language = language if not obj.fallback else source
        obj.text_dir = direction(obj.text_language)
        shown.extend(parts)

    common = {"source_language": source, "language": language}
    mark(
        edition,
        [_apply(edition, "title", f"toolbox:{toolbox.pk}:title", translations, **common)]
        + (
            [_apply(edition, "summary", f"toolbox:{toolbox.pk}:summary", translations, **common)]
            if edition.summary.strip()
            else []
        ),
    )
    every_section = list(sections)
    for module in modules:
        parts = [
            _apply(
                module, "title", f"module:{module.source_module_id}:title", translations, **common
            )
        ]
        if module.learning_objectives.strip():
            parts.append(
                _apply(
                    module,
                    "learning_objectives",
                    f"module:{module.source_module_id}:objectives",
                    translations,
                    **common,
                )
            )
        mark(module, parts)
        every_section.extend(module.sections.all())
    for section in every_section:
        key = f"section:{section.source_section_id}"
        parts = [_apply(section, "title", f"{key}:title", translations, **common)]
        if "body" not in section.get_deferred_fields() and section.body.strip():
            parts.append(_apply(section, "body", f"{key}:body", translations, **common))
        mark(section, parts)
    info["fallback"] = any(not p.translated for p in shown)
    info["translated_any"] = any(p.translated for p in shown)
    info["outdated"] = any(p.outdated for p in shown)
    return info
