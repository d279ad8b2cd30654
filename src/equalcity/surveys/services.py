"""Every write of the surveys app: import, open/close, submit, focus groups, exports logged."""

import tempfile
import uuid
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError
from pyxform.xls2json import parse_file_to_json

from equalcity.accounts import audit
from equalcity.core.errors import DomainError
from equalcity.programmes.models import Programme
from equalcity.surveys import crypto
from equalcity.surveys.models import (
    Answer,
    Excerpt,
    FocusGroup,
    Question,
    Submission,
    Survey,
    Theme,
)
from equalcity.surveys.validation import clean, language_key_for
from equalcity.surveys.xlsform import ANSWERED, Report, convert, walk

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportRefused(DomainError):
    code = "import_refused"

    def __init__(self, message, *, code=None, report: Report | None = None):
        super().__init__(message, code=code)
        self.report = report or Report(errors=[str(message)])


class SubmissionRefused(DomainError):
    code = "submission_refused"

    def __init__(self, message, *, code=None, errors: dict | None = None):
        super().__init__(message, code=code)
        self.errors = errors or {}


def read_xlsform(*, content: bytes, filename: str) -> tuple[dict, Report]:
    """pyxform's reading of a workbook, converted; refuses what is not an XLSForm."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 2 MB."), code="too_large")
    if not filename.lower().endswith(".xlsx") or not content.startswith(b"PK"):
        raise ImportRefused(_("The file is not an .xlsx workbook."), code="not_xlsx")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xlsx"
        path.write_bytes(content)
        try:
            survey_json = parse_file_to_json(str(path), warnings=[])
        except PyXFormError as error:
            raise ImportRefused(
                _("The workbook is not a valid XLSForm: %(error)s") % {"error": error},
                code="invalid_xlsform",
            ) from error
        except Exception as error:  # a broken zip or sheet: pyxform raises many kinds
            raise ImportRefused(
                _("The workbook cannot be read as an XLSForm."), code="unreadable"
            ) from error
    definition, report = convert(survey_json)
    if report.errors:
        raise ImportRefused(
            _("The form uses features Equalcity does not support."),
            code="unsupported",
            report=report,
        )
    return definition, report


def _questions_of(definition: dict) -> list[dict]:
    return [
        {
            "name": item["name"],
            "kind": item["type"],
            "repeat": item["repeat"],
            "position": index,
            "sensitive": item["sensitive"],
        }
        for index, item in enumerate(walk(definition["items"]))
    ]


@transaction.atomic
def import_xlsform(
    *,
    programme: Programme,
    content: bytes,
    filename: str,
    by=None,
    anonymous: bool = True,
    open_now: bool = False,
) -> Survey:
    """A new survey from an XLSForm workbook; all or nothing."""
    definition, report = read_xlsform(content=content, filename=filename)
    if Survey.objects.filter(programme=programme, form_id=definition["form_id"]).exists():
        raise ImportRefused(
            _("A survey with the form id “%(form_id)s” exists already.")
            % {"form_id": definition["form_id"]},
            code="duplicate",
        )
    survey = Survey.objects.create(
        programme=programme,
        form_id=definition["form_id"],
        title=definition["title"][:250] or definition["form_id"],
        definition=definition,
        warnings=report.warnings,
        anonymous=anonymous,
        status=Survey.Status.OPEN if open_now else Survey.Status.DRAFT,
    )
    Question.objects.bulk_create(
        Question(survey=survey, **fields) for fields in _questions_of(definition)
    )
    audit.record(
        "surveys.survey.imported",
        actor=by,
        obj=survey,
        data={"form_id": survey.form_id, "warnings": len(report.warnings)},
    )
    return survey


@transaction.atomic
def set_survey_status(*, survey: Survey, status: str, by) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if status not in Survey.Status.values:
        raise DomainError(_("Unknown status."), code="bad_status")
    if survey.status != status:
        survey.status = status
        survey.save(update_fields=["status", "updated_at"])
        audit.record("surveys.survey.status_changed", actor=by, obj=survey, data={"to": status})
    return survey


def _rows(survey: Survey, values: dict, questions: dict[str, Question], submission: Submission):
    def make(item, value, instance):
        question = questions[item["name"]]
        options = value if isinstance(value, list) else [value]
        for position, option in enumerate(options):
            if option == "":
                continue
            if question.sensitive:
                yield Answer(
                    submission=submission,
                    question=question,
                    instance=instance,
                    position=position,
                    ciphertext=crypto.encrypt(option),
                )
            else:
                yield Answer(
                    submission=submission,
                    question=question,
                    instance=instance,
                    position=position,
                    value=option,
                )

    for item in walk(survey.definition["items"]):
        if item["type"] not in ANSWERED:
            continue
        if item["repeat"]:
            for index, instance in enumerate(values.get(item["repeat"]) or []):
                if item["name"] in instance:
                    yield from make(item, instance[item["name"]], index)
        elif item["name"] in values:
            yield from make(item, values[item["name"]], 0)


def submit_response(
    *,
    survey: Survey,
    public_id: uuid.UUID,
    data: dict,
    language: str,
    respondent=None,
    city: str = "",
    today: date | None = None,
) -> tuple[Submission, bool]:
    """Store one response, once: a second send of the same UUID returns the first."""
    existing = Submission.objects.filter(public_id=public_id).first()
    if existing is not None:
        if existing.survey_id != survey.pk:
            raise SubmissionRefused(_("This submission id is already used."), code="conflict")
        return existing, False
    current = Survey.objects.filter(pk=survey.pk).values_list("status", flat=True).first()
    if current != Survey.Status.OPEN:
        raise SubmissionRefused(_("This survey is not open for answers."), code="closed")
    language_key = language_key_for(survey.definition, language)
    values, errors = clean(survey.definition, data, language_key=language_key, today=today)
    if errors:
        raise SubmissionRefused(
            _("Some answers need attention."), code="invalid_answers", errors=errors
        )
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                public_id=public_id,
                survey=survey,
                respondent=None if survey.anonymous else respondent,
                language=language[:20],
                city=city[:120],
            )
            questions = {q.name: q for q in survey.questions.all()}
            Answer.objects.bulk_create(_rows(survey, values, questions, submission))
            audit.record(
                "surveys.submission.received",
                obj=survey,
                data={"submission": str(public_id)},
            )
    except IntegrityError:
        existing = Submission.objects.filter(public_id=public_id, survey=survey).first()
        if existing is None:
            raise
        return existing, False
    return submission, True


@transaction.atomic
def record_focus_group(
    *,
    programme: Programme,
    by,
    kind: str,
    held_on: date,
    city: str,
    target_group: str,
    facilitator: str,
    participants: dict[str, int],
    notes: str = "",
) -> FocusGroup:
    if any(int(count) < 0 for count in participants.values()):
        raise DomainError(_("A participant count cannot be negative."), code="bad_count")
    session = FocusGroup.objects.create(
        programme=programme,
        kind=kind,
        held_on=held_on,
        city=city,
        target_group=target_group,
        facilitator=facilitator,
        participants={key: int(value) for key, value in participants.items() if key},
        notes=notes,
    )
    audit.record("surveys.focus_group.recorded", actor=by, obj=session)
    return session


@transaction.atomic
def add_excerpt(*, focus_group: FocusGroup, by, text: str, themes: list[str]) -> Excerpt:
    text = text.strip()
    if not text:
        raise DomainError(_("An excerpt needs text."), code="empty_excerpt")
    names = sorted({name.strip() for name in themes if name.strip()})
    if not names:
        raise DomainError(_("Code the excerpt with at least one theme."), code="no_theme")
    last = focus_group.excerpts.order_by("-position").values_list("position", flat=True).first()
    excerpt = Excerpt.objects.create(
        focus_group=focus_group, text=text, position=0 if last is None else last + 1
    )
    for name in names:
        theme, _created = Theme.objects.get_or_create(
            programme=focus_group.programme, name=name[:120]
        )
        excerpt.themes.add(theme)
    audit.record("surveys.excerpt.coded", actor=by, obj=focus_group, data={"themes": names})
    return excerpt


def record_export(*, survey: Survey, by, fmt: str, request=None) -> None:
    """Exports carry every answer, decrypted: each one is written to the audit log."""
    audit.record(
        "surveys.results.exported", actor=by, obj=survey, request=request, data={"format": fmt}
    )
