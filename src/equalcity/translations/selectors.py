"""Reads of the translations app: coverage, a translator's worklist, reader text."""

from dataclasses import dataclass

from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Concat

from equalcity.accounts.models import User
from equalcity.accounts.selectors import programme_members
from equalcity.core.languages import CODES, CONTENT_LANGUAGES, direction, native_name
from equalcity.programmes.models import Programme
from equalcity.toolboxes.diff import diff_text
from equalcity.toolboxes.models import Toolbox
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
    return (
        TranslatorAssignment.objects.in_force()
        .filter(programme=programme, user=user, language=language)
        .exists()
    )


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

    @property
    def html_dir(self) -> str:
        """The ``dir`` attribute of the text on a web page: its language's direction when
        translated, ``auto`` for the source text (written by people, in any script)."""
        return self.dir if self.translated else "auto"


@dataclass
class ReaderTestimony:
    """A testimony of an edition as a reader sees it: its words in the content language
    (or the source with a notice), and the attribution the edition recorded."""

    text: ReaderText
    pseudonym: str
    country: str
    illustrative: bool
    fallback: bool

    @property
    def quote(self) -> str:
        return self.text.text

    @property
    def outdated(self) -> bool:
        return self.text.outdated


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
    """The reader's text of one unit: the translation, or the source with a notice.

    ``translations`` holds only publishable ones (:func:`reader_texts`): a machine draft or
    work in progress is never shown. A translation made from another source text than the
    one shown is marked outdated.
    """
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


def _draft_testimony(item: dict, drafts: list):
    """The draft testimony an edition's copy was made from, or None: by the pk the edition
    recorded, or — for editions published before they recorded it — the one of the same
    module with the same words."""
    if item.get("id") is not None:
        return next((draft for draft in drafts if draft.pk == item["id"]), None)
    return next((draft for draft in drafts if draft.quote == item.get("quote")), None)


def reader_testimonies(modules, translations, *, source_language: str, language: str) -> list:
    """Replace (in memory) each module's testimonies by those a reader may see, in
    ``language``, unit by unit (``testimony:<pk>:quote``). Returns the texts shown.

    A testimony is shown only while its draft record has consent or is illustrative: consent
    withdrawn after publication hides it in every language. A copy no draft record matches
    any more is shown only if the edition recorded it as illustrative (no person's consent is
    at stake); it then has no unit and stays in the source language. One query.
    """
    from equalcity.toolboxes.selectors import draft_testimonies

    drafts = draft_testimonies(module.source_module_id for module in modules)
    shown = []
    for module in modules:
        kept = []
        for item in module.testimonies:
            draft = _draft_testimony(item, drafts.get(module.source_module_id, []))
            if draft is None and not item.get("illustrative"):
                continue
            if draft is not None and not (draft.consent_given or draft.is_illustrative):
                continue
            quote = item.get("quote", "")
            if draft is None:
                text = ReaderText(quote, source_language, False, False)
            else:
                text = pick(
                    translations,
                    f"testimony:{draft.pk}:quote",
                    quote,
                    source_language=source_language,
                    language=language,
                )
            shown.append(text)
            kept.append(
                ReaderTestimony(
                    text,
                    item.get("pseudonym", ""),
                    item.get("country", ""),
                    bool(item.get("illustrative")),
                    fallback=language != source_language and not text.translated,
                )
            )
        module.testimonies = kept
    return shown


def translate_edition(
    edition, modules, language: str, *, sections=(), testimonies: bool = True
) -> dict:
    """Show an edition in ``language``, unit by unit, *in memory* (nothing is saved): the
    toolbox's title and summary, each module's title, summary and objectives, the sections
    (titles, and bodies when loaded) and, unless ``testimonies`` is false, the testimonies
    a reader may see (:func:`reader_testimonies`).

    Each unit shows its publishable translation or stays in the source language. Every
    edition, module and section gets ``texts`` (field → :class:`ReaderText`, for the
    ``lang`` and ``dir`` of each text), ``fallback`` (a part of it is not translated) and
    ``outdated`` (a part was translated from an earlier source text), so the page can say so.
    In the source language nothing is marked.

    Returns the language and direction of the page and whether any unit fell back or is
    outdated. Two queries at most, whatever the size of the edition.
    """
    source = edition.language
    toolbox = edition.toolbox
    translations = reader_texts(toolbox, language) if language != source else {}
    common = {"source_language": source, "language": language}
    shown = []

    def mark(obj, prefix: str, fields: list[tuple[str, str]]) -> None:
        """``fields``: (attribute of ``obj``, field of the unit id), e.g. the module's
        ``learning_objectives`` are the unit ``module:<pk>:objectives``."""
        obj.texts = {
            field: _apply(obj, attr, f"{prefix}:{field}", translations, **common)
            for attr, field in fields
        }
        parts = obj.texts.values()
        obj.fallback = language != source and any(not p.translated for p in parts)
        obj.outdated = any(p.outdated for p in parts)
        shown.extend(parts)

    mark(
        edition,
        f"toolbox:{toolbox.pk}",
        [("title", "title")] + ([("summary", "summary")] if edition.summary.strip() else []),
    )
    every_section = list(sections)
    for module in modules:
        fields = [("title", "title")]
        if module.summary.strip():
            fields.append(("summary", "summary"))
        if module.learning_objectives.strip():
            fields.append(("learning_objectives", "objectives"))
        mark(module, f"module:{module.source_module_id}", fields)
        every_section.extend(module.sections.all())
    for section in every_section:
        fields = [("title", "title")]
        if "body" not in section.get_deferred_fields() and section.body.strip():
            fields.append(("body", "body"))
        mark(section, f"section:{section.source_section_id}", fields)
    if testimonies and modules:
        shown.extend(reader_testimonies(modules, translations, **common))
    return {
        "language": language,
        "dir": direction(language),
        "source_language": source,
        "fallback": language != source and any(not p.translated for p in shown),
        "translated_any": any(p.translated for p in shown),
        "outdated": any(p.outdated for p in shown),
    }
