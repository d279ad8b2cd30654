import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from equalcity.programmes.models import Programme


class Survey(models.Model):
    """A questionnaire imported from an XLSForm; its definition is pyxform's survey, trimmed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    form_id = models.CharField(_("form id"), max_length=120)
    title = models.CharField(_("title"), max_length=250)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    anonymous = models.BooleanField(_("anonymous"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    definition = models.JSONField(_("definition"))
    warnings = models.JSONField(_("import warnings"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "-created_at", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "form_id"], name="survey_form_id_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="survey_status_valid"
            ),
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    """One item of a survey, kept as a row so that answers can be counted in the database."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=20)
    repeat = models.CharField(_("repeat group"), max_length=120, blank=True)
    position = models.PositiveIntegerField(_("position"))
    sensitive = models.BooleanField(_("sensitive"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="question_name_unique"),
        ]

    def __str__(self):
        return self.name


class Submission(models.Model):
    """One respondent's answers. Anonymous surveys keep no account, address or user agent."""

    public_id = models.UUIDField(unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="submissions")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    language = models.CharField(_("language"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "created_at", "public_id"]

    def __str__(self):
        return str(self.public_id)


class Answer(models.Model):
    """One value; a multiple choice gives one row per option so the database can count them.

    Answers to sensitive questions keep only ``ciphertext`` (Fernet), never ``value``.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    instance = models.PositiveIntegerField(_("repeat instance"), default=0)
    position = models.PositiveIntegerField(_("option position"), default=0)
    value = models.TextField(_("value"), blank=True)
    ciphertext = models.TextField(_("encrypted value"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submission", "question__position", "instance", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question", "instance", "position"],
                name="answer_unique_slot",
            ),
            models.CheckConstraint(
                condition=Q(value="") | Q(ciphertext=""), name="answer_plain_or_encrypted"
            ),
        ]
        indexes = [models.Index(fields=["question", "value"], name="answer_question_value")]

    def __str__(self):
        return f"{self.question_id}:{self.instance}:{self.position}"


class Theme(models.Model):
    """A code used to mark excerpts of focus groups and interviews."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="theme_name_unique"),
        ]

    def __str__(self):
        return self.name


class FocusGroup(models.Model):
    """A focus group or interview. Participants are counted by category, never named."""

    class Kind(models.TextChoices):
        FOCUS_GROUP = "focus_group", _("focus group")
        INTERVIEW = "interview", _("interview")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="focus_groups")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    city = models.CharField(_("city"), max_length=120)
    target_group = models.CharField(_("target group"), max_length=120)
    facilitator = models.CharField(_("facilitator"), max_length=200)
    participants = models.JSONField(_("participants by category"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "-held_on", "city"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["focus_group", "interview"]), name="focus_group_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.held_on}"

    @property
    def participant_total(self) -> int:
        return sum(int(n) for n in self.participants.values())


class Excerpt(models.Model):
    focus_group = models.ForeignKey(FocusGroup, on_delete=models.CASCADE, related_name="excerpts")
    text = models.TextField(_("excerpt"))
    themes = models.ManyToManyField(Theme, related_name="excerpts", blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["focus_group", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_group", "position"], name="excerpt_position_unique"
            ),
        ]

    def __str__(self):
        return self.text[:60]
