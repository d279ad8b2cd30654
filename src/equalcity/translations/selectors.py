"""Reads of the translations app: coverage, a translator's worklist, reader text."""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, Value, When

from equalcity.toolboxes.diff import diff_text
from equalcity.translations.languages import direction
from equalcity.translations.models import (
    PUBLISHABLE,
    ProgrammeLanguage,
    Translation,
    TranslationStatus,
)
from equalcity.translations.units import source_hash, toolbox_units


def enabled_languages(programme) -> list[str]:
    return list(
        ProgrammeLanguage.objects.filter(programme=programme).values_list("language", flat=True)
    )


def _fresh(units) -> Q:
    """Rows whose stored source hash is the current source hash of their unit."""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(unit_id=unit.id, source_hash=unit.hash)
    return condition


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


def coverage(toolbox, languages: list[str]) -> list[Coverage]:
    """Per language: units reviewed, translated (not yet reviewed), outdated and missing.

    Counted in one aggregate query; in-progress work and machine drafts count as missing,
    since readers do not see them.
    """
    units = toolbox_units(toolbox)
    ids = [unit.id for unit in units]
    fresh = Case(
        When(_fresh(units), then=Value(True)), default=Value(False), output_field=BooleanField()
    )
    rows = (
        Translation.objects.filter(toolbox=toolbox, language__in=languages, unit_id__in=ids)
        .exclude(text="")
        .annotate(fresh=fresh)
        .values("language")
        .annotate(
            reviewed=Count("pk", filter=Q(fresh=True, status=TranslationStatus.REVIEWED)),
            translated=Count("pk", filter=Q(fresh=True, status=TranslationStatus.TRANSLATED)),
            outdated=Count("pk", filter=Q(fresh=False, status__in=PUBLISHABLE)),
        )
        .order_by()
    )
    counts = {row["language"]: row for row in rows}
    result = []
    for language in languages:
        row = counts.get(language, {})
        result.append(
            Coverage(
                language,
                len(ids),
                row.get("reviewed", 0),
                row.get("translated", 0),
                row.get("outdated", 0),
            )
        )
    return result


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
