"""Logframe, indicators and their values, quarterly partner reports with finances, meetings."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    GOAL = "goal", _("Goal")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")
    ACTIVITY = "activity", _("Activity")


# Which level may sit under which: goal → outcome → output → activity.
PARENT_LEVEL = {
    Level.OUTCOME: Level.GOAL,
    Level.OUTPUT: Level.OUTCOME,
    Level.ACTIVITY: Level.OUTPUT,
}


class LogframeNode(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="logframe_nodes"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="logframe_code_unique"),
            models.CheckConstraint(
                condition=Q(level="goal", parent__isnull=True)
                | (~Q(level="goal") & Q(parent__isnull=False)),
                name="logframe_only_goal_has_no_parent",
            ),
        ]
        verbose_name = _("logframe element")
        verbose_name_plural = _("logframe elements")

    def __str__(self):
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    class Source(models.TextChoices):
        FRONTLINE_WORKERS_TRAINED = "frontline_workers_trained", _("Frontline workers trained")
        CHILDREN_TRAINED = "children_trained", _("Children trained")
        TOOLBOXES_PUBLISHED = "toolboxes_published", _("Toolboxes published")
        SESSIONS_HELD = "sessions_held", _("Training sessions held")
        TRANSLATIONS_REVIEWED = "translations_reviewed", _("Translation units reviewed")
        TRAINEE_CITIES_ACTIVE = "trainee_cities_active", _("Trainee cities active")
        CITIES_REACHED = "cities_reached", _("Cities reached")
        AVERAGE_LEARNING_GAIN = "average_learning_gain", _("Average learning gain (%)")
        EVALUATION_SCORE = "evaluation_score", _("Average session evaluation (1–5)")
        EVENT_ATTENDANCE = "event_attendance", _("People attending events")
        MANUAL = "manual", _("Entered by partners")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="indicators"
    )
    node = models.ForeignKey(LogframeNode, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    target_date = models.DateField(_("target date"))
    disaggregations = models.JSONField(_("disaggregations"), default=list, blank=True)
    means_of_verification = models.TextField(_("means of verification"))
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=40, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=Q(baseline__gte=0) & Q(target__gte=0),
                name="indicator_non_negative",
            ),
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def automatic(self) -> bool:
        return self.source != self.Source.MANUAL


class ReportingPartner(models.Model):
    """An organisation that owes the lead agency a report every quarter."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="reporting_partners"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="reporting_for"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="reporting_partner_unique"
            )
        ]

    def __str__(self):
        return str(self.organisation)


class IndicatorValue(models.Model):
    """A value entered by a partner for one quarter, with its source and evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="indicator_values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    evidence = models.FileField(_("evidence"), upload_to="monitoring/evidence/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year", "quarter", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "year", "quarter"],
                name="indicator_value_once_per_quarter",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_non_negative"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="indicator_value_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year} Q{self.quarter}: {self.value}"


class PartnerReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REVIEWED = "reviewed", _("Reviewed")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded by a correction")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="partner_reports"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="partner_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.TextField(_("narrative"), blank=True)
    activities_planned = models.TextField(_("activities planned"), blank=True)
    activities_done = models.TextField(_("activities done"), blank=True)
    risks = models.TextField(_("risks and mitigation"), blank=True)
    review_comments = models.TextField(_("review comments"), blank=True)
    due_on = models.DateField(_("due on"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "year", "quarter", "organisation__name", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "year", "quarter", "version"],
                name="partner_report_unique_version",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="partner_report_quarter"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="partner_report_version"),
        ]
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")

    def __str__(self):
        return f"{self.organisation} {self.year} Q{self.quarter} v{self.version}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class FinanceLine(models.Model):
    """One budget line of a report: budget, spending in the quarter and to date."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="finances")
    budget_line = models.CharField(_("budget line"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2)
    spent_in_quarter = models.DecimalField(
        _("spent in the quarter"), max_digits=14, decimal_places=2
    )
    spent_to_date = models.DecimalField(_("spent to date"), max_digits=14, decimal_places=2)
    variance_explained = models.TextField(_("variance explained"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "budget_line"]
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="finance_line_unique"),
            models.CheckConstraint(
                condition=Q(budget__gte=0) & Q(spent_in_quarter__gte=0) & Q(spent_to_date__gte=0),
                name="finance_line_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(spent_to_date__gte=F("spent_in_quarter")),
                name="finance_line_cumulative_covers_quarter",
            ),
        ]

    def __str__(self):
        return self.budget_line

    @property
    def burn_rate(self):
        """Share of the budget spent to date, in percent."""
        if not self.budget:
            return None
        return round(100 * self.spent_to_date / self.budget, 1)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COORDINATION_CALL = "coordination_call", _("Coordination call")
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    agenda = models.TextField(_("agenda"), blank=True)
    participants = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="meetings"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "held_on"], name="meeting_once_per_day"
            )
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} ({self.held_on})"


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="action_items"
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "text"], name="action_item_unique")
        ]

    def __str__(self):
        return self.text


class ReportReminder(models.Model):
    """A reminder sent to a partner for one quarter: kept so a second run sends nothing."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "year", "quarter", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "year", "quarter"],
                name="report_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} {self.year} Q{self.quarter}"


class EvaluationReport(models.Model):
    """A mid-term or final evaluation report, generated in the background as PDF and DOCX."""

    class Kind(models.TextChoices):
        MID_TERM = "mid_term", _("Mid-term evaluation")
        FINAL = "final", _("Final evaluation")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="evaluation_reports"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    pdf = models.FileField(upload_to="monitoring/evaluations/", blank=True)
    docx = models.FileField(upload_to="monitoring/evaluations/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="evaluation_period_order"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="evaluation_progress"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start} – {self.period_end}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class ProgrammePhase(models.Model):
    """A phase of the programme's work plan, shown on the dashboard's timeline."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "position", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="programme_phase_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="programme_phase_order"
            ),
        ]
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")

    def __str__(self):
        return self.name

    def clean(self):
        # Only the database can hold the order of the dates; whether the phase falls within
        # the programme needs the programme's row, so it is checked here (forms and admin).
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A phase cannot end before it starts.")
        programme = self.programme if self.programme_id else None
        if programme is not None:
            if self.starts_on and self.starts_on < programme.starts_on:
                errors["starts_on"] = _("The phase starts before the programme (%(date)s).") % {
                    "date": programme.starts_on
                }
            if self.ends_on and self.ends_on > programme.ends_on:
                errors["ends_on"] = _("The phase ends after the programme (%(date)s).") % {
                    "date": programme.ends_on
                }
        if errors:
            raise ValidationError(errors)
