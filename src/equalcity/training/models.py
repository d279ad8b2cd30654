"""Courses built from published toolbox editions, their sessions, enrolments and results."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    FRONTLINE_WORKERS = "frontline_workers", _("Frontline workers")
    TRAINERS = "trainers", _("Trainers (training of trainers)")
    LEGAL_GUARDIANS = "legal_guardians", _("Legal guardians")
    CHILDREN = "children", _("Children")


class Profession(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    LEGAL_GUARDIAN = "legal_guardian", _("Legal guardian")
    CULTURAL_MEDIATOR = "cultural_mediator", _("Cultural mediator")
    SHELTER_STAFF = "shelter_staff", _("Shelter staff")
    OTHER = "other", _("Other")


class Course(models.Model):
    """A course teaches the modules of one published toolbox edition, pinned."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="courses"
    )
    edition = models.ForeignKey(
        "toolboxes.Edition",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("edition"),
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("organiser"),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"), default=80
    )
    pass_mark_percent = models.PositiveSmallIntegerField(_("post-test pass mark (%)"), default=60)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100) & Q(pass_mark_percent__lte=100),
                name="course_percentages_at_most_100",
            )
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    """One question of the bank of a toolbox module; pre- and post-tests ask the same ones."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT = "short", _("Short answer")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    module = models.ForeignKey(
        "toolboxes.Module", on_delete=models.CASCADE, related_name="training_questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question"))
    # The options shown (empty for short answers) and what counts as right: option
    # indexes for choices, accepted answers (compared without case) for short answers.
    options = models.JSONField(_("options"), default=list, blank=True)
    correct = models.JSONField(_("correct answer"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="question_position_once")
        ]

    def __str__(self):
        return self.text[:80]


class Session(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    mode = models.CharField(_("how"), max_length=20, choices=Mode.choices)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    meeting_url = models.URLField(_("online meeting link"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    starts_at = models.TimeField(_("daily start"))
    ends_at = models.TimeField(_("daily end"))
    hours = models.DecimalField(_("hours of training"), max_digits=5, decimal_places=1)
    capacity = models.PositiveIntegerField(_("places"))
    registration_open = models.BooleanField(_("registration open"), default=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="training_sessions", verbose_name=_("trainers")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="session_has_places"),
            models.CheckConstraint(
                condition=Q(mode="in_person") | ~Q(meeting_url=""),
                name="session_online_has_link",
            ),
            models.CheckConstraint(
                condition=Q(mode="online") | ~Q(city=""), name="session_in_person_has_city"
            ),
        ]

    def __str__(self):
        return f"{self.course} · {self.city or self.get_mode_display()} · {self.starts_on}"

    @property
    def programme(self):
        return self.course.programme


class SessionDay(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        ordering = ["session", "date"]
        constraints = [models.UniqueConstraint(fields=["session", "date"], name="session_day_once")]

    def __str__(self):
        return str(self.date)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_enrolments"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # The waiting list is served first come, first served; enrolled people keep their place.
    queued_at = models.DateTimeField()
    has_evaluated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="enrolment_once_per_session")
        ]

    def __str__(self):
        return f"{self.user} · {self.session}"

    @property
    def programme(self):
        return self.session.course.programme


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "enrolment"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_once_per_day")
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.day}"


class TestAttempt(models.Model):
    __test__ = False  # a model, not a pytest test class

    class Kind(models.TextChoices):
        PRE = "pre", _("Pre-test")
        POST = "post", _("Post-test")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="tests")
    kind = models.CharField(_("test"), max_length=10, choices=Kind.choices)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2)
    confidence = models.PositiveSmallIntegerField(_("confidence"))
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        ordering = ["enrolment", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="test_once_per_kind"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="test_score_percent"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=1) & Q(confidence__lte=5), name="test_confidence_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.get_kind_display()}"


class Evaluation(models.Model):
    """An anonymous evaluation: no link to the person or the enrolment, only to the session.

    ``Enrolment.has_evaluated`` stops a second evaluation without saying which one was theirs.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="evaluations")
    relevance = models.PositiveSmallIntegerField(_("relevance to your work"))
    clarity = models.PositiveSmallIntegerField(_("clarity"))
    practical_use = models.PositiveSmallIntegerField(_("practical use of the tool"))
    what_to_change = models.TextField(_("what should change"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relevance__range=(1, 5))
                & Q(clarity__range=(1, 5))
                & Q(practical_use__range=(1, 5)),
                name="evaluation_ratings_1_5",
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.pk}"


class Certificate(models.Model):
    """What was achieved, frozen when issued; the code is the short verification address."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(max_length=16, unique=True)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    holder_name = models.CharField(_("name"), max_length=200)
    course_title = models.CharField(_("course"), max_length=200)
    organiser_name = models.CharField(_("organiser"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    starts_on = models.DateField()
    ends_on = models.DateField()
    issued_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "id"]

    def __str__(self):
        return self.code


class AgeBand(models.TextChoices):
    UNDER_12 = "under_12", _("Under 12")
    AGE_12_14 = "12_14", _("12 to 14")
    AGE_15_17 = "15_17", _("15 to 17")


class ChildParticipant(models.Model):
    """A child in a session, known only by a generated pseudonym.

    There is deliberately no field for a name, an e-mail or the guardian's identity: the
    trainer keeps the key between pseudonym and child on paper, outside the platform.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="children")
    pseudonym = models.CharField(_("pseudonym"), max_length=40)
    age_band = models.CharField(_("age band"), max_length=20, choices=AgeBand.choices)
    guardian_consent = models.BooleanField(_("the legal guardian consented"))
    consent_date = models.DateField(_("date of the guardian's consent"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pre_score = models.PositiveSmallIntegerField(_("pre-test score (%)"), null=True, blank=True)
    post_score = models.PositiveSmallIntegerField(_("post-test score (%)"), null=True, blank=True)
    has_evaluated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("child participant")
        verbose_name_plural = _("child participants")
        ordering = ["session", "pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["session", "pseudonym"], name="child_pseudonym_once"),
            models.CheckConstraint(
                condition=Q(guardian_consent=True), name="child_needs_guardian_consent"
            ),
            models.CheckConstraint(
                condition=(Q(pre_score__isnull=True) | Q(pre_score__lte=100))
                & (Q(post_score__isnull=True) | Q(post_score__lte=100)),
                name="child_scores_percent",
            ),
        ]

    def __str__(self):
        return self.pseudonym


class ChildEvaluation(models.Model):
    """A child's smileys: 1 sad, 2 neutral, 3 happy. Linked to the session only."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="child_evaluations")
    liked = models.PositiveSmallIntegerField(_("Did you like the session?"))
    learned = models.PositiveSmallIntegerField(_("Did you learn something useful?"))
    felt_safe = models.PositiveSmallIntegerField(_("Did you feel safe and listened to?"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("child evaluation")
        verbose_name_plural = _("child evaluations")
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(liked__range=(1, 3))
                & Q(learned__range=(1, 3))
                & Q(felt_safe__range=(1, 3)),
                name="child_evaluation_smileys_1_3",
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.pk}"


class ModuleProgress(models.Model):
    """A module of the course's pinned edition that a participant has worked through online."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey(
        "toolboxes.EditionModule", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        ordering = ["enrolment", "module__position"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_done_once")
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.module_id}"


def invitation_email_hash(email: str) -> str:
    """The key of an e-mail address for session invitations: a keyed hash, not the address.

    Keyed with the installation's secret so the stored value cannot be matched against a list
    of addresses; after a change of SECRET_KEY an earlier invitation is no longer recognised
    as the same address (a second e-mail may then go out).
    """
    from django.utils.crypto import salted_hmac

    normalised = email.strip().lower()
    return salted_hmac(
        "equalcity.training.SessionInvitation", normalised, algorithm="sha256"
    ).hexdigest()


class SessionInvitation(models.Model):
    """A person invited by e-mail to a session, once per session and address.

    The address itself is not stored here: a member of the programme is linked by account;
    anyone else through the programme invitation of the accounts app, which holds the address
    it was sent to. Once that person joins and registers, ``user`` is filled in.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="invitations")
    email_hash = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_invitations",
    )
    programme_invitation = models.ForeignKey(
        "accounts.Invitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitation to the programme"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session invitation")
        verbose_name_plural = _("session invitations")
        ordering = ["session", "-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email_hash"], name="session_invitation_once_per_address"
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.public_id}"

    @property
    def programme(self):
        return self.session.course.programme
