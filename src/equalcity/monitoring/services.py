"""Every write of monitoring: one transaction each, locked, audited, refused with DomainError."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from equalcity.accounts.audit import record
from equalcity.core import jobs
from equalcity.core.errors import DomainError
from equalcity.monitoring import currencies, selectors
from equalcity.monitoring.models import (
    ActionItem,
    EvaluationReport,
    FinanceLine,
    Indicator,
    IndicatorValue,
    Meeting,
    PartnerReport,
    ProgrammePhase,
    ReportingPartner,
    ReportReminder,
)
from equalcity.monitoring.periods import quarter_end, quarter_start, quarters_of, report_due_on
from equalcity.programmes.models import Programme

EVIDENCE_TYPES = {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".csv", ".odt", ".ods"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
Status = PartnerReport.Status


def _check_period(programme, year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4):
        raise DomainError(_("A quarter is a number from 1 to 4."), code="bad_quarter")
    if (
        quarter_end(year, quarter) < programme.starts_on
        or quarter_start(year, quarter) > programme.ends_on
    ):
        raise DomainError(
            _("%(year)s Q%(quarter)s is outside the programme (%(start)s – %(end)s).")
            % {
                "year": year,
                "quarter": quarter,
                "start": programme.starts_on,
                "end": programme.ends_on,
            },
            code="outside_programme",
        )


def _locked(report: PartnerReport) -> PartnerReport:
    return PartnerReport.objects.select_for_update().get(pk=report.pk)


def _refuse_unless_editable(report: PartnerReport) -> None:
    if not report.editable:
        raise DomainError(
            _("This report is %(status)s and can no longer be changed.")
            % {"status": report.get_status_display()},
            code="not_editable",
        )


@transaction.atomic
def start_report(*, programme, organisation, year: int, quarter: int, by) -> PartnerReport:
    _check_period(programme, year, quarter)
    if PartnerReport.objects.filter(
        programme=programme, organisation=organisation, year=year, quarter=quarter
    ).exists():
        raise DomainError(
            _("There is already a report for this quarter; correct it with a new version."),
            code="report_exists",
        )
    report = PartnerReport.objects.create(
        programme=programme,
        organisation=organisation,
        year=year,
        quarter=quarter,
        due_on=report_due_on(year, quarter),
    )
    record("monitoring.report.started", actor=by, obj=report)
    return report


@transaction.atomic
def update_report(
    *,
    report: PartnerReport,
    narrative: str,
    activities_planned: str,
    activities_done: str,
    risks: str,
    by,
) -> PartnerReport:
    report = _locked(report)
    _refuse_unless_editable(report)
    report.narrative = narrative
    report.activities_planned = activities_planned
    report.activities_done = activities_done
    report.risks = risks
    report.save(
        update_fields=["narrative", "activities_planned", "activities_done", "risks", "updated_at"]
    )
    record("monitoring.report.updated", actor=by, obj=report)
    return report


@transaction.atomic
def set_finance_line(
    *,
    report: PartnerReport,
    budget_line: str,
    currency: str,
    budget: Decimal,
    spent_in_quarter: Decimal,
    spent_to_date: Decimal,
    variance_explained: str = "",
    line: FinanceLine | None = None,
    by,
) -> FinanceLine:
    """Add a budget line, or replace the one of that name; with ``line``, change (or rename) it."""
    report = _locked(report)
    _refuse_unless_editable(report)
    budget_line = budget_line.strip()
    if not budget_line:
        raise DomainError(_("Name the budget line."), code="budget_line_required")
    code = currencies.normalise(currency)
    if code is None:
        raise DomainError(
            _("%(currency)s is not an ISO 4217 currency code (e.g. EUR, SEK).")
            % {"currency": currency.strip()[:10]},
            code="unknown_currency",
        )
    if min(budget, spent_in_quarter, spent_to_date) < 0:
        raise DomainError(_("Amounts cannot be negative."), code="negative_amount")
    if spent_to_date < spent_in_quarter:
        raise DomainError(
            _("Spending to date cannot be less than the spending in the quarter."),
            code="cumulative_too_small",
        )
    values = {
        "currency": code,
        "budget": budget,
        "spent_in_quarter": spent_in_quarter,
        "spent_to_date": spent_to_date,
        "variance_explained": variance_explained,
    }
    if line is None:
        line, _created = FinanceLine.objects.update_or_create(
            report=report, budget_line=budget_line, defaults=values
        )
    else:
        line = FinanceLine.objects.select_for_update().filter(pk=line.pk, report=report).first()
        if line is None:
            raise DomainError(
                _("This budget line has been removed; add it again."), code="line_gone"
            )
        if (
            FinanceLine.objects.filter(report=report, budget_line=budget_line)
            .exclude(pk=line.pk)
            .exists()
        ):
            raise DomainError(
                _("There is already a budget line called “%(name)s” in this report.")
                % {"name": budget_line},
                code="duplicate_budget_line",
            )
        line.budget_line = budget_line
        for field, value in values.items():
            setattr(line, field, value)
        line.save(update_fields=["budget_line", *values, "updated_at"])
    record("monitoring.report.finance_set", actor=by, obj=report, data={"line": budget_line})
    return line


@transaction.atomic
def remove_finance_line(*, line: FinanceLine, by) -> None:
    """Remove a budget line of an editable report; ``line`` needs only its pk and report."""
    report = PartnerReport.objects.select_for_update().get(pk=line.report_id)
    _refuse_unless_editable(report)
    line = FinanceLine.objects.filter(pk=line.pk, report=report).first()
    if line is None:
        # A second click on "Remove": the line is gone already, and nothing else changes.
        raise DomainError(_("This budget line has already been removed."), code="line_gone")
    line.delete()
    record(
        "monitoring.report.finance_removed",
        actor=by,
        obj=report,
        data={"line": line.budget_line},
    )


@transaction.atomic
def submit_report(*, report: PartnerReport, by) -> PartnerReport:
    report = _locked(report)
    if report.status not in (Status.DRAFT, Status.RETURNED):
        raise DomainError(_("This report has already been submitted."), code="already_submitted")
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    record("monitoring.report.submitted", actor=by, obj=report)
    return report


@transaction.atomic
def review_report(*, report: PartnerReport, by) -> PartnerReport:
    report = _locked(report)
    if report.status != Status.SUBMITTED:
        raise DomainError(_("Only a submitted report can be reviewed."), code="not_submitted")
    report.status = Status.REVIEWED
    report.save(update_fields=["status", "updated_at"])
    record("monitoring.report.reviewed", actor=by, obj=report)
    return report


@transaction.atomic
def approve_report(*, report: PartnerReport, by) -> PartnerReport:
    report = _locked(report)
    if report.status != Status.REVIEWED:
        raise DomainError(_("Only a reviewed report can be approved."), code="not_reviewed")
    report.status = Status.APPROVED
    report.approved_at = timezone.now()
    report.save(update_fields=["status", "approved_at", "updated_at"])
    record("monitoring.report.approved", actor=by, obj=report)
    return report


@transaction.atomic
def return_report(*, report: PartnerReport, comments: str, by) -> PartnerReport:
    report = _locked(report)
    if report.status not in (Status.SUBMITTED, Status.REVIEWED):
        raise DomainError(
            _("Only a submitted or reviewed report can be returned."), code="not_submitted"
        )
    if not comments.strip():
        raise DomainError(_("Say what needs to change."), code="comments_required")
    report.status = Status.RETURNED
    report.review_comments = comments
    report.save(update_fields=["status", "review_comments", "updated_at"])
    record("monitoring.report.returned", actor=by, obj=report)
    return report


@transaction.atomic
def correct_report(*, report: PartnerReport, by) -> PartnerReport:
    """An approved report stays as it was; the correction is a new draft version of it."""
    report = _locked(report)
    if report.status != Status.APPROVED:
        raise DomainError(
            _("Only an approved report is corrected with a new version; edit this one."),
            code="not_approved",
        )
    lines = list(report.finances.all())
    report.status = Status.SUPERSEDED
    report.save(update_fields=["status", "updated_at"])
    correction = PartnerReport.objects.create(
        programme=report.programme,
        organisation=report.organisation,
        year=report.year,
        quarter=report.quarter,
        version=report.version + 1,
        narrative=report.narrative,
        activities_planned=report.activities_planned,
        activities_done=report.activities_done,
        risks=report.risks,
        due_on=report.due_on,
    )
    FinanceLine.objects.bulk_create(
        FinanceLine(
            report=correction,
            budget_line=line.budget_line,
            currency=line.currency,
            budget=line.budget,
            spent_in_quarter=line.spent_in_quarter,
            spent_to_date=line.spent_to_date,
            variance_explained=line.variance_explained,
        )
        for line in lines
    )
    record("monitoring.report.corrected", actor=by, obj=correction)
    return correction


@transaction.atomic
def record_value(
    *,
    indicator: Indicator,
    organisation,
    year: int,
    quarter: int,
    value: Decimal,
    source: str,
    evidence: UploadedFile | None = None,
    by,
) -> IndicatorValue:
    if indicator.automatic:
        raise DomainError(
            _("This indicator is computed from the platform's data; it takes no manual values."),
            code="automatic_indicator",
        )
    _check_period(indicator.programme, year, quarter)
    if value < 0:
        raise DomainError(_("Amounts cannot be negative."), code="negative_amount")
    statuses = set(
        PartnerReport.objects.filter(
            programme=indicator.programme,
            organisation=organisation,
            year=year,
            quarter=quarter,
            status__in=[Status.APPROVED, Status.SUBMITTED, Status.REVIEWED],
        ).values_list("status", flat=True)
    )
    if Status.APPROVED in statuses:
        raise DomainError(
            _("%(year)s Q%(quarter)s is closed: its report is approved.")
            % {"year": year, "quarter": quarter},
            code="closed_period",
        )
    if statuses:
        # The lead agency is reading the report: its figures stay as they were submitted.
        raise DomainError(
            _(
                "The report of %(year)s Q%(quarter)s is with the lead agency; its values can "
                "change again if it is returned to you."
            )
            % {"year": year, "quarter": quarter},
            code="under_review",
        )
    if evidence is not None:
        name = evidence.name.lower()
        if not any(name.endswith(ext) for ext in EVIDENCE_TYPES):
            raise DomainError(
                _("Evidence must be a PDF, image, office document or CSV file."),
                code="evidence_type",
            )
        if evidence.size > EVIDENCE_MAX_BYTES:
            raise DomainError(_("Evidence files may be 10 MB at most."), code="evidence_size")
    existing = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, organisation=organisation, year=year, quarter=quarter)
        .first()
    )
    if existing is None:
        existing = IndicatorValue(
            indicator=indicator, organisation=organisation, year=year, quarter=quarter
        )
    existing.value = value
    existing.source = source
    existing.author = by
    if evidence is not None:
        existing.evidence = evidence
    existing.save()
    record(
        "monitoring.value.recorded",
        actor=by,
        obj=indicator,
        data={"year": year, "quarter": quarter, "value": str(value)},
    )
    return existing


@transaction.atomic
def complete_action_item(*, item: ActionItem, on: date, by) -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if item.done_on is not None:
        raise DomainError(_("This action is already done."), code="already_done")
    item.done_on = on
    item.save(update_fields=["done_on", "updated_at"])
    record("monitoring.action.done", actor=by, obj=item, programme=item.meeting.programme)
    return item


def _check_meeting(programme, *, kind: str, title: str, held_on: date, participants, exclude=None):
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Choose the kind of meeting."), code="bad_kind")
    if not title.strip():
        raise DomainError(_("Give the meeting a title."), code="title_required")
    same_day = Meeting.objects.filter(programme=programme, kind=kind, held_on=held_on)
    if exclude is not None:
        same_day = same_day.exclude(pk=exclude.pk)
    if same_day.exists():
        raise _meeting_exists(kind, held_on)
    wanted = {organisation.pk for organisation in participants}
    taking_part = set(
        selectors.organisations_taking_part(programme)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if wanted - taking_part:
        raise DomainError(
            _("Only organisations taking part in the programme can be participants."),
            code="not_taking_part",
        )


def _meeting_exists(kind: str, held_on: date) -> DomainError:
    return DomainError(
        _("A meeting “%(kind)s” on %(date)s already exists; change that meeting instead.")
        % {"kind": Meeting.Kind(kind).label, "date": date_format(held_on)},
        code="meeting_exists",
    )


@transaction.atomic
def create_meeting(
    *,
    programme,
    kind: str,
    title: str,
    held_on: date,
    agenda: str = "",
    participants=(),
    minutes: str = "",
    decisions: str = "",
    by,
) -> Meeting:
    participants = list(participants)
    _check_meeting(programme, kind=kind, title=title, held_on=held_on, participants=participants)
    try:
        # A savepoint: a meeting created by someone else since the check is refused cleanly.
        with transaction.atomic():
            meeting = Meeting.objects.create(
                programme=programme,
                kind=kind,
                title=title.strip(),
                held_on=held_on,
                agenda=agenda,
                minutes=minutes,
                decisions=decisions,
            )
    except IntegrityError:
        raise _meeting_exists(kind, held_on) from None
    meeting.participants.set(participants)
    record("monitoring.meeting.created", actor=by, obj=meeting, programme=programme)
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    held_on: date,
    agenda: str,
    participants,
    minutes: str,
    decisions: str,
    by,
) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("programme").get(pk=meeting.pk)
    participants = list(participants)
    _check_meeting(
        meeting.programme,
        kind=kind,
        title=title,
        held_on=held_on,
        participants=participants,
        exclude=meeting,
    )
    meeting.kind, meeting.title, meeting.held_on = kind, title.strip(), held_on
    meeting.agenda, meeting.minutes, meeting.decisions = agenda, minutes, decisions
    try:
        with transaction.atomic():
            meeting.save(
                update_fields=[
                    "kind",
                    "title",
                    "held_on",
                    "agenda",
                    "minutes",
                    "decisions",
                    "updated_at",
                ]
            )
    except IntegrityError:
        raise _meeting_exists(kind, held_on) from None
    meeting.participants.set(participants)
    record("monitoring.meeting.updated", actor=by, obj=meeting, programme=meeting.programme)
    return meeting


@transaction.atomic
def add_action_item(*, meeting: Meeting, text: str, owner, due_on: date, by) -> ActionItem:
    meeting = Meeting.objects.select_for_update().select_related("programme").get(pk=meeting.pk)
    text = text.strip()
    if not text:
        raise DomainError(_("Say what is to be done."), code="text_required")
    if due_on < meeting.held_on:
        raise DomainError(
            _("The due date cannot be before the meeting (%(date)s).")
            % {"date": date_format(meeting.held_on)},
            code="due_before_meeting",
        )
    if not selectors.organisations_taking_part(meeting.programme).filter(pk=owner.pk).exists():
        raise DomainError(
            _("Only an organisation taking part in the programme can own an action item."),
            code="not_taking_part",
        )
    if ActionItem.objects.filter(meeting=meeting, text=text).exists():
        raise DomainError(
            _("This meeting already has this action item."), code="action_item_exists"
        )
    item = ActionItem.objects.create(meeting=meeting, text=text, owner=owner, due_on=due_on)
    record(
        "monitoring.action.added",
        actor=by,
        obj=item,
        programme=meeting.programme,
        data={"owner": owner.slug, "due_on": due_on.isoformat()},
    )
    return item


def send_report_reminders(*, today: date, within_days: int = 14) -> int:
    """E-mail the partner editors of every partner whose report is due soon or late, once.

    Each (partner, quarter) gets one reminder ever; the row is written in the same
    transaction as the send, so running the command twice sends nothing the second time.
    """
    from equalcity.accounts.models import Membership, Role
    from equalcity.programmes.models import Programme

    sent = 0
    for programme in Programme.objects.filter(reporting_partners__isnull=False).distinct():
        quarters = [
            q
            for q in quarters_of(programme)
            if quarter_end(*q) < today and report_due_on(*q) <= today + timedelta(days=within_days)
        ]
        for partner in ReportingPartner.objects.filter(programme=programme).select_related(
            "organisation"
        ):
            for year, quarter in quarters:
                sent += _remind(programme, partner.organisation, year, quarter, Membership, Role)
    return sent


@transaction.atomic
def _remind(programme, organisation, year, quarter, Membership, Role) -> int:
    done = PartnerReport.objects.filter(
        programme=programme,
        organisation=organisation,
        year=year,
        quarter=quarter,
        status__in=[Status.SUBMITTED, Status.REVIEWED, Status.APPROVED, Status.SUPERSEDED],
    ).exists()
    if done:
        return 0
    reminder, created = ReportReminder.objects.get_or_create(
        programme=programme, organisation=organisation, year=year, quarter=quarter
    )
    if not created:
        return 0
    emails = list(
        Membership.objects.active()
        .filter(programme=programme, organisation=organisation, role=Role.PARTNER_EDITOR)
        .values_list("user__email", flat=True)
    )
    if emails:
        subject = _("Your %(year)s Q%(quarter)s report for %(programme)s") % {
            "year": year,
            "quarter": quarter,
            "programme": programme.name,
        }
        body = _(
            "The quarterly report of %(organisation)s for %(year)s Q%(quarter)s is due on "
            "%(due)s and has not been submitted yet."
        ) % {
            "organisation": organisation.name,
            "year": year,
            "quarter": quarter,
            "due": report_due_on(year, quarter),
        }
        EmailMessage(subject, body, None, emails).send()
    record(
        "monitoring.report.reminded",
        obj=reminder,
        programme=programme,
        data={"organisation": organisation.slug, "year": year, "quarter": quarter},
    )
    return 1


@transaction.atomic
def request_evaluation_report(
    *, programme, kind: str, period_start: date, period_end: date, by
) -> EvaluationReport:
    if period_end < period_start:
        raise DomainError(_("The period ends before it starts."), code="bad_period")
    if period_start < programme.starts_on or period_end > programme.ends_on:
        raise DomainError(
            _("The period must lie within the programme (%(start)s – %(end)s).")
            % {"start": programme.starts_on, "end": programme.ends_on},
            code="outside_programme",
        )
    report = EvaluationReport.objects.create(
        programme=programme,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        requested_by=by,
    )
    record("monitoring.evaluation.requested", actor=by, obj=report)
    jobs.enqueue_on_commit("monitoring.evaluation_report", report.pk)
    return report


def set_evaluation_progress(*, report: EvaluationReport, state: str, progress: int) -> None:
    EvaluationReport.objects.filter(pk=report.pk).update(
        state=state, progress=progress, updated_at=timezone.now()
    )


# Programme phases. Every write locks the programme's row first, so that two managers
# adding, renaming or reordering phases of one programme at once take turns, and the checks
# (a unique name, the positions) hold when the write lands.

PHASE_NAME_MAX = ProgrammePhase._meta.get_field("name").max_length
PHASE_DIRECTIONS = ("up", "down")


# The order the dashboard's timeline and the phases page show.
def _locked_programme(programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


def _locked_phase(programme: Programme, phase: ProgrammePhase) -> ProgrammePhase:
    """The phase, within this programme, locked; refused when it is gone (or elsewhere)."""
    locked = (
        ProgrammePhase.objects.select_for_update().filter(pk=phase.pk, programme=programme).first()
    )
    if locked is None:
        raise DomainError(_("This phase has been removed in the meantime."), code="phase_gone")
    locked.programme = programme
    return locked


def _check_phase(
    programme: Programme,
    *,
    name: str,
    starts_on: date,
    ends_on: date,
    exclude: ProgrammePhase | None = None,
) -> str:
    """The name as stored (stripped), or a refusal saying what to change."""
    name = name.strip()
    if not name:
        raise DomainError(_("Give the phase a name."), code="phase_name_required")
    if len(name) > PHASE_NAME_MAX:
        raise DomainError(
            _("A phase name may be %(max)s characters long at most.") % {"max": PHASE_NAME_MAX},
            code="phase_name_too_long",
        )
    if ends_on < starts_on:
        raise DomainError(_("A phase cannot end before it starts."), code="phase_ends_before_start")
    if starts_on < programme.starts_on:
        raise DomainError(
            _("The phase starts before the programme (%(date)s).")
            % {"date": date_format(programme.starts_on)},
            code="phase_before_programme",
        )
    if ends_on > programme.ends_on:
        raise DomainError(
            _("The phase ends after the programme (%(date)s).")
            % {"date": date_format(programme.ends_on)},
            code="phase_after_programme",
        )
    # Case does not make two phases: "Piloting" and "piloting" would read as one on the
    # timeline, although the database constraint alone would take both.
    same_name = ProgrammePhase.objects.filter(programme=programme, name__iexact=name)
    if exclude is not None:
        same_name = same_name.exclude(pk=exclude.pk)
    if same_name.exists():
        raise _duplicate_phase(name)
    return name


def _duplicate_phase(name: str) -> DomainError:
    return DomainError(
        _("The programme already has a phase called “%(name)s”; choose another name.")
        % {"name": name},
        code="duplicate_phase",
    )


def _phase_data(phase: ProgrammePhase) -> dict:
    return {
        "name": phase.name,
        "starts_on": phase.starts_on.isoformat(),
        "ends_on": phase.ends_on.isoformat(),
        "position": phase.position,
    }


@transaction.atomic
def add_phase(
    *,
    programme: Programme,
    name: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    by,
) -> ProgrammePhase:
    """Add a phase to the end of the programme's work plan."""
    programme = _locked_programme(programme)
    name = _check_phase(programme, name=name, starts_on=starts_on, ends_on=ends_on)
    last = ProgrammePhase.objects.filter(programme=programme).aggregate(last=Max("position"))
    try:
        # A savepoint: a phase of that name written past the lock (the admin) is refused
        # cleanly instead of breaking the transaction.
        with transaction.atomic():
            phase = ProgrammePhase.objects.create(
                programme=programme,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
                description=description.strip(),
                position=0 if last["last"] is None else last["last"] + 1,
            )
    except IntegrityError:
        raise _duplicate_phase(name) from None
    record("monitoring.phase.added", actor=by, obj=phase, data=_phase_data(phase))
    return phase


@transaction.atomic
def change_phase(
    *,
    phase: ProgrammePhase,
    name: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    by,
) -> ProgrammePhase:
    """Rename a phase, move its dates, change its description; its place stays."""
    programme = _locked_programme(phase.programme)
    phase = _locked_phase(programme, phase)
    before = _phase_data(phase)
    name = _check_phase(programme, name=name, starts_on=starts_on, ends_on=ends_on, exclude=phase)
    phase.name, phase.starts_on, phase.ends_on = name, starts_on, ends_on
    phase.description = description.strip()
    try:
        with transaction.atomic():
            phase.save(update_fields=["name", "starts_on", "ends_on", "description", "updated_at"])
    except IntegrityError:
        raise _duplicate_phase(name) from None
    record(
        "monitoring.phase.changed",
        actor=by,
        obj=phase,
        data={"before": before, "after": _phase_data(phase)},
    )
    return phase


@transaction.atomic
def remove_phase(*, phase: ProgrammePhase, by) -> ProgrammePhase:
    """Remove a phase from the work plan; the audit entry keeps what it was.

    Returns the removed phase as it was (without its primary key), for the page to name it.
    """
    programme = _locked_programme(phase.programme)
    phase = _locked_phase(programme, phase)
    data = {**_phase_data(phase), "description": phase.description}
    # Written before the row goes, so that the entry names the phase's id.
    record("monitoring.phase.removed", actor=by, obj=phase, data=data)
    phase.delete()
    return phase


@transaction.atomic
def move_phase(*, phase: ProgrammePhase, direction: str, by) -> ProgrammePhase:
    """Swap a phase with the one before ("up") or after ("down") it on the timeline.

    Positions are numbered afresh from 0 in the order shown, so phases that shared a
    position (entered in the admin, say) get one each and the move does what the page shows.
    """
    if direction not in PHASE_DIRECTIONS:
        raise DomainError(_("A phase moves up or down."), code="bad_direction")
    programme = _locked_programme(phase.programme)
    phases = list(
        ProgrammePhase.objects.select_for_update()
        .filter(programme=programme)
        .order_by(*selectors.PHASE_ORDER)
    )
    index = next((i for i, other in enumerate(phases) if other.pk == phase.pk), None)
    if index is None:
        raise DomainError(_("This phase has been removed in the meantime."), code="phase_gone")
    if direction == "up" and index == 0:
        raise DomainError(_("This phase is already the first."), code="phase_first")
    if direction == "down" and index == len(phases) - 1:
        raise DomainError(_("This phase is already the last."), code="phase_last")
    other = index - 1 if direction == "up" else index + 1
    phases[index], phases[other] = phases[other], phases[index]
    changed = []
    now = timezone.now()
    for position, each in enumerate(phases):
        if each.position != position:
            each.position, each.updated_at = position, now
            changed.append(each)
    ProgrammePhase.objects.bulk_update(changed, ["position", "updated_at"])
    moved = phases[other]
    moved.programme = programme
    record(
        "monitoring.phase.moved",
        actor=by,
        obj=moved,
        data={"direction": direction, "position": moved.position},
    )
    return moved
