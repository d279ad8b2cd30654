"""Every write of the translations app: languages, translators, units, files, suggestions."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equalcity.accounts.audit import record
from equalcity.accounts.permissions import forget_roles, roles_in
from equalcity.core.errors import DomainError
from equalcity.core.languages import CODES
from equalcity.programmes.models import Programme
from equalcity.toolboxes import services as toolbox_services
from equalcity.toolboxes.models import Module, Toolbox
from equalcity.translations import exchange, machine
from equalcity.translations.models import (
    ProgrammeLanguage,
    Translation,
    TranslationStatus,
    TranslatorAssignment,
)
from equalcity.translations.permissions import Target
from equalcity.translations.units import Unit, toolbox_units


class TranslationError(DomainError):
    code = "translation_invalid"


def _require(by, perm: str, obj) -> None:
    if not by.has_perm(perm, obj):
        raise TranslationError(
            _("Your role in this programme does not allow this."), code="not_allowed"
        )


def _check_language(programme, language: str) -> None:
    _check_known(language)
    if not ProgrammeLanguage.objects.filter(programme=programme, language=language).exists():
        raise TranslationError(
            _("This language is not enabled in the programme."), code="language_not_enabled"
        )


def _check_known(language: str) -> None:
    if language not in CODES:
        raise TranslationError(_("This language is not supported."), code="unknown_language")


def _lock_programme(programme):
    """Lock the programme row: its languages and translators change one manager at a time."""
    return Programme.objects.select_for_update().get(pk=programme.pk)


@transaction.atomic
def enable_language(*, programme, language: str, by) -> ProgrammeLanguage:
    """Offer a content language in the programme; enabling it again changes nothing."""
    _require(by, "translations.manage_languages", programme)
    _check_known(language)
    _lock_programme(programme)
    enabled, created = ProgrammeLanguage.objects.get_or_create(
        programme=programme, language=language
    )
    if created:
        record(
            "translations.language.enabled",
            actor=by,
            obj=enabled,
            programme=programme,
            data={"language": language},
        )
    return enabled


@dataclass(frozen=True)
class Disabled:
    was_enabled: bool
    translators_removed: int


@transaction.atomic
def disable_language(*, programme, language: str, by) -> Disabled:
    """Stop offering a content language: readers no longer get it, nobody translates into it.

    Its translator assignments go with it (they would give no work); the translations stay, so
    enabling the language again shows them as they were. Disabling twice changes nothing.
    """
    _require(by, "translations.manage_languages", programme)
    _check_known(language)
    _lock_programme(programme)
    enabled = ProgrammeLanguage.objects.filter(programme=programme, language=language).first()
    if enabled is None:
        return Disabled(was_enabled=False, translators_removed=0)
    removed, _by_model = TranslatorAssignment.objects.filter(
        programme=programme, language=language
    ).delete()
    record(
        "translations.language.disabled",
        actor=by,
        obj=enabled,
        programme=programme,
        data={"language": language, "translators_removed": removed},
    )
    enabled.delete()
    return Disabled(was_enabled=True, translators_removed=removed)


def _check_member(programme, user) -> None:
    forget_roles(user)  # read afresh: a role may have changed earlier in this request
    if not roles_in(user, programme):
        raise TranslationError(
            _("%(person)s is not an active member of the programme; invite them first.")
            % {"person": user},
            code="not_a_member",
        )


def _forget_assignments(user) -> None:
    if hasattr(user, "_equalcity_translator"):
        del user._equalcity_translator


@transaction.atomic
def assign_translator(*, programme, user, language: str, by) -> TranslatorAssignment:
    """Let a member of the programme translate into an enabled language; twice is once."""
    _require(by, "translations.manage_languages", programme)
    _lock_programme(programme)
    _check_language(programme, language)
    _check_member(programme, user)
    assignment, created = TranslatorAssignment.objects.get_or_create(
        user=user, programme=programme, language=language
    )
    _forget_assignments(user)
    if created:
        record(
            "translations.translator.assigned",
            actor=by,
            obj=assignment,
            programme=programme,
            data={"user": user.pk, "language": language},
        )
    return assignment


@transaction.atomic
def unassign_translator(*, programme, user, language: str, by) -> bool:
    """Take a language away from a translator; whether they had it. Their work stays."""
    _require(by, "translations.manage_languages", programme)
    _check_known(language)
    _lock_programme(programme)
    assignment = TranslatorAssignment.objects.filter(
        user=user, programme=programme, language=language
    ).first()
    _forget_assignments(user)
    if assignment is None:
        return False
    record(
        "translations.translator.unassigned",
        actor=by,
        obj=assignment,
        programme=programme,
        data={"user": user.pk, "language": language},
    )
    assignment.delete()
    return True


def _unit(toolbox: Toolbox, unit_id: str) -> Unit:
    for unit in toolbox_units(toolbox):
        if unit.id == unit_id:
            return unit
    raise TranslationError(_("This text is not part of the toolbox."), code="unknown_unit")


def _check_markup(unit: Unit, text: str) -> None:
    lost = exchange.lost_markup(unit.text, text)
    if lost:
        raise TranslationError(
            _("The translation lost placeholders or markup of the source: %(tokens)s")
            % {"tokens": ", ".join(lost)},
            code="markup_lost",
        )


def _write(translation: Translation, *, unit: Unit, text: str, status: str, by) -> None:
    translation.text = text
    translation.status = status
    translation.source_text = unit.text
    translation.source_hash = unit.hash
    translation.updated_by = by
    translation.reviewed_by = None
    translation.reviewed_at = None


@transaction.atomic
def save_translation(
    *, toolbox: Toolbox, unit_id: str, language: str, text: str, done: bool, by
) -> Translation:
    """Save a person's translation: *translated* when ``done``, otherwise *in progress*."""
    _require(by, "translations.translate_unit", Target(toolbox, language))
    _check_language(toolbox.programme, language)
    unit = _unit(toolbox, unit_id)
    text = (text or "").strip()
    if done:
        if not text:
            raise TranslationError(_("An empty text cannot be translated."), code="empty")
        _check_markup(unit, text)
    translation, _created = Translation.objects.select_for_update().get_or_create(
        toolbox=toolbox, unit_id=unit_id, language=language
    )
    status = TranslationStatus.TRANSLATED if done else TranslationStatus.IN_PROGRESS
    _write(translation, unit=unit, text=text, status=status, by=by)
    translation.save()
    toolbox_services.mark_pdfs_outdated(toolbox=toolbox, language=language)
    record(
        "translations.unit.saved",
        actor=by,
        obj=translation,
        data={"unit": unit_id, "language": language, "status": status},
    )
    return translation


@transaction.atomic
def review_translation(*, translation: Translation, by) -> Translation:
    """A second person confirms a translation; only an up-to-date one can be reviewed."""
    translation = (
        Translation.objects.select_for_update().select_related("toolbox").get(pk=translation.pk)
    )
    _require(by, "translations.review_unit", translation)
    unit = _unit(translation.toolbox, translation.unit_id)
    if not translation.text or translation.status in (
        TranslationStatus.MISSING,
        TranslationStatus.IN_PROGRESS,
    ):
        raise TranslationError(_("There is no finished translation to review."), code="not_ready")
    if translation.source_hash != unit.hash:
        raise TranslationError(
            _("The source changed since this was translated; update the translation first."),
            code="outdated",
        )
    _check_markup(unit, translation.text)
    translation.status = TranslationStatus.REVIEWED
    translation.reviewed_by = by
    translation.reviewed_at = timezone.now()
    translation.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    toolbox_services.mark_pdfs_outdated(toolbox=translation.toolbox, language=translation.language)
    record(
        "translations.unit.reviewed",
        actor=by,
        obj=translation,
        data={"unit": translation.unit_id, "language": translation.language},
    )
    return translation


@transaction.atomic
def suggest_machine_translation(
    *, toolbox: Toolbox, unit_id: str, language: str, by
) -> Translation:
    _require(by, "translations.translate_unit", Target(toolbox, language))
    _check_language(toolbox.programme, language)
    backend = machine.get_backend()
    if backend is None:
        raise TranslationError(_("Machine suggestions are not switched on."), code="machine_off")
    unit = _unit(toolbox, unit_id)
    translation, _created = Translation.objects.select_for_update().get_or_create(
        toolbox=toolbox, unit_id=unit_id, language=language
    )
    if translation.text and translation.status != TranslationStatus.MACHINE_DRAFT:
        raise TranslationError(
            _("A person already translated this text; a suggestion would replace their work."),
            code="already_translated",
        )
    text = backend.translate(unit.text, source=toolbox.source_language, target=language)
    _write(translation, unit=unit, text=text, status=TranslationStatus.MACHINE_DRAFT, by=by)
    translation.save()
    record(
        "translations.unit.machine_suggested",
        actor=by,
        obj=translation,
        data={"unit": unit_id, "language": language},
    )
    return translation


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""

    @property
    def applied(self) -> bool:
        return not self.error and not self.rejected


@transaction.atomic
def import_translations(
    *,
    toolbox: Toolbox,
    language: str,
    content: bytes,
    fmt: str,
    by,
    module: Module | None = None,
) -> ImportReport:
    """Read a returned file and apply it, all or nothing.

    A file for another toolbox or language, or with any rejected unit, changes nothing: the
    report says what would have been added, changed or kept, and why units were rejected.
    """
    _require(by, "translations.import_file", Target(toolbox, language))
    _check_language(toolbox.programme, language)
    report = ImportReport()
    try:
        read = exchange.read(content, fmt=fmt)
    except exchange.UnreadableFile:
        report.error = _("The file could not be read as %(format)s.") % {"format": fmt}
        return report
    if read.toolbox != toolbox.slug:
        report.error = _("This file belongs to another toolbox (%(name)s).") % {
            "name": read.toolbox or "?"
        }
        return report
    if read.language.replace("_", "-").lower() != language:
        report.error = _("This file is for another language (%(language)s).") % {
            "language": read.language or "?"
        }
        return report
    units = {unit.id: unit for unit in toolbox_units(toolbox, module=module)}
    existing = {
        t.unit_id: t
        for t in Translation.objects.select_for_update().filter(
            toolbox=toolbox, language=language, unit_id__in=list(units)
        )
    }
    planned = []
    seen = set()
    for item in read.units:
        unit = units.get(item.id)
        if unit is None:
            report.rejected.append((item.id, _("Unknown unit id.")))
            continue
        if item.id in seen:
            report.rejected.append((item.id, _("The unit appears twice in the file.")))
            continue
        seen.add(item.id)
        if item.source.strip() != unit.text.strip():
            report.rejected.append(
                (item.id, _("The source text changed since the file was exported."))
            )
            continue
        text = item.target.strip()
        current = existing.get(item.id)
        if not text or (current is not None and current.text == text):
            report.unchanged.append(item.id)
            continue
        lost = exchange.lost_markup(unit.text, text)
        if lost:
            report.rejected.append(
                (
                    item.id,
                    _("Placeholders or markup missing: %(tokens)s") % {"tokens": ", ".join(lost)},
                )
            )
            continue
        (report.changed if current is not None and current.text else report.added).append(item.id)
        planned.append((unit, current, text))
    if not report.applied:
        return report
    for unit, current, text in planned:
        translation = current or Translation(toolbox=toolbox, unit_id=unit.id, language=language)
        _write(translation, unit=unit, text=text, status=TranslationStatus.TRANSLATED, by=by)
        translation.save()
    toolbox_services.mark_pdfs_outdated(toolbox=toolbox, language=language)
    record(
        "translations.file.imported",
        actor=by,
        obj=toolbox,
        data={
            "language": language,
            "format": fmt,
            "added": len(report.added),
            "changed": len(report.changed),
            "unchanged": len(report.unchanged),
        },
    )
    return report


def export_translations(
    *, toolbox: Toolbox, language: str, fmt: str, by, module: Module | None = None
) -> bytes:
    _require(by, "translations.export_file", Target(toolbox, language))
    _check_language(toolbox.programme, language)
    if fmt not in exchange.FORMATS:
        raise TranslationError(_("Unknown file format."), code="unknown_format")
    existing = dict(
        Translation.objects.filter(toolbox=toolbox, language=language)
        .exclude(status=TranslationStatus.MACHINE_DRAFT)
        .values_list("unit_id", "text")
    )
    units = [(u, existing.get(u.id, ""), u.label) for u in toolbox_units(toolbox, module=module)]
    return exchange.write(
        slug=toolbox.slug,
        source_language=toolbox.source_language,
        language=language,
        units=units,
        fmt=fmt,
    )


@transaction.atomic
def request_content_pdf(*, edition, language: str):
    """Queue the PDF of an edition in a content language of the programme (Arabic, Dari…).

    Refuses a language the programme has not enabled with this app's message, then asks the
    toolboxes app, which owns PDF editions (once per edition and language).
    """
    _check_language(edition.toolbox.programme, language)
    return toolbox_services.request_edition_pdf(edition=edition, language=language)
