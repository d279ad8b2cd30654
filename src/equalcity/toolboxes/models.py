"""Toolboxes: the working draft (toolbox → module → section), its lifecycle, the immutable
published editions readers see, review rounds and the cached PDF editions.

The working draft is what editors change; an :class:`Edition` is a frozen copy made when the
toolbox is published, so readers never see a half-edited text and two editions can be
compared.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from equalcity.programmes.models import TargetGroup


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    EXPERT_REVIEW = "expert_review", _("Expert review")
    PILOT = "pilot", _("Pilot")
    TRAINEE_REVIEW = "trainee_review", _("Trainee-city review")
    FINAL = "final", _("Final")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Toolbox(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="toolboxes"
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    target_group = models.CharField(_("target group"), max_length=40, choices=TargetGroup.choices)
    lead_partner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_toolboxes",
        verbose_name=_("lead partner"),
    )
    pilot_site = models.ForeignKey(
        "programmes.PilotSite",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toolboxes",
        verbose_name=_("pilot city"),
    )
    source_language = models.CharField(
        _("source language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    latest_edition = models.ForeignKey(
        "toolboxes.Edition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest published edition"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toolbox")
        verbose_name_plural = _("toolboxes")
        ordering = ["programme", "title"]

    def __str__(self):
        return self.title


class Module(models.Model):
    toolbox = models.ForeignKey(Toolbox, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    duration_minutes = models.PositiveIntegerField(_("estimated duration in minutes"), default=60)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["toolbox", "position"]
        constraints = [
            models.UniqueConstraint(fields=["toolbox", "position"], name="module_position_once")
        ]

    def __str__(self):
        return self.title

    @property
    def programme(self):
        return self.toolbox.programme

    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]


class SectionKind(models.TextChoices):
    CONTENT = "content", _("Module content")
    TRAINER_ANNEX = "trainer_annex", _("Annex for trainers")
    FRONTLINE_ANNEX = "frontline_annex", _("Annex for frontline services")


class Section(models.Model):
    """A part of a module written in Markdown; annexes are sections of their own kind."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=SectionKind.choices, default=SectionKind.CONTENT
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="section_position_once")
        ]

    def __str__(self):
        return self.title


class SectionRevision(models.Model):
    """Every saved state of a section, numbered."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("section revision")
        verbose_name_plural = _("section revisions")
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="section_revision_once")
        ]

    def __str__(self):
        return f"{self.section} r{self.number}"


class Testimony(models.Model):
    class Attribution(models.TextChoices):
        NONE = "none", _("No attribution")
        PSEUDONYM = "pseudonym", _("A pseudonym")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="testimonies")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    quote = models.TextField(_("quote"))
    attribution = models.CharField(
        _("attribution"), max_length=20, choices=Attribution.choices, default=Attribution.NONE
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=80, blank=True)
    country = CountryField(_("country"), blank=True)
    consent_given = models.BooleanField(
        _("consent to publish recorded"),
        default=False,
        help_text=_("The person agreed to publication with this attribution."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Written for training; not the words of a real person."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        ordering = ["module", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(attribution="pseudonym", pseudonym=""),
                name="testimony_pseudonym_named",
            )
        ]

    def __str__(self):
        return self.quote[:60]


def resource_path(instance, filename):
    return f"toolboxes/resources/{instance.module.toolbox_id}/{filename}"


class Resource(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("File")
        SLIDES = "slides", _("Slides")
        VIDEO = "video", _("Video link")
        LINK = "link", _("Web page")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=resource_path, blank=True)
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["module", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="resource_file_or_link",
            )
        ]

    def __str__(self):
        return self.title


class Transition(models.Model):
    """One step of the lifecycle: who moved the toolbox, when, from where to where, and why."""

    toolbox = models.ForeignKey(Toolbox, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["toolbox", "created_at", "id"]

    def __str__(self):
        return f"{self.toolbox}: {self.from_status} → {self.to_status}"


class Edition(models.Model):
    """An immutable, numbered copy of a toolbox made when it is published."""

    toolbox = models.ForeignKey(Toolbox, on_delete=models.CASCADE, related_name="editions")
    major = models.PositiveSmallIntegerField()
    minor = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    note = models.TextField(_("what changed"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["toolbox", "-major", "-minor"]
        constraints = [
            models.UniqueConstraint(
                fields=["toolbox", "major", "minor"], name="edition_number_once"
            )
        ]

    def __str__(self):
        return f"{self.title} {self.number}"

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def programme(self):
        return self.toolbox.programme


class EditionModule(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="modules")
    source_module_id = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    learning_objectives = models.TextField(blank=True)
    duration_minutes = models.PositiveIntegerField(default=0)
    testimonies = models.JSONField(default=list, blank=True)
    resources = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("edition module")
        verbose_name_plural = _("edition modules")
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "position"], name="edition_module_position_once"
            )
        ]

    def __str__(self):
        return self.title

    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]


class EditionSection(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
    module = models.ForeignKey(EditionModule, on_delete=models.CASCADE, related_name="sections")
    source_section_id = models.PositiveIntegerField(db_index=True)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("edition section")
        verbose_name_plural = _("edition sections")
        ordering = ["module__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "source_section_id"], name="edition_section_once"
            )
        ]

    def __str__(self):
        return self.title


class EditionPdf(models.Model):
    """A PDF of one edition in one language, rendered in the background and kept."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pdfs")
    # A UI language or a content language of the programme (checked by the service).
    language = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="toolboxes/pdf/", blank=True)
    error = models.CharField(max_length=200, blank=True)
    # Its content changed since it was made (a translation): made again on the next request.
    outdated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("PDF edition")
        verbose_name_plural = _("PDF editions")
        ordering = ["edition", "language"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="edition_pdf_once"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="pdf_progress_max"),
        ]

    def __str__(self):
        return f"{self.edition} ({self.language})"


class ExpertProfile(models.Model):
    """How an expert reviewer is presented on the toolboxes they reviewed, if they agree."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    display_name = models.CharField(_("name as shown"), max_length=200)
    expertise = models.TextField(_("expertise"), blank=True)
    is_public = models.BooleanField(_("shown publicly"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name


class ReviewRound(models.Model):
    class Kind(models.TextChoices):
        EXPERT_PANEL = "expert_panel", _("Expert panel")
        TRAINEE_CITIES = "trainee_cities", _("Trainee cities")

    toolbox = models.ForeignKey(Toolbox, on_delete=models.CASCADE, related_name="review_rounds")
    module = models.ForeignKey(
        Module,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_rounds",
        verbose_name=_("module (empty for the whole toolbox)"),
    )
    kind = models.CharField(_("panel"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["toolbox", "-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def programme(self):
        return self.toolbox.programme

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ReviewInvitation(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="invitations")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_invitations"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review invitation")
        verbose_name_plural = _("review invitations")
        ordering = ["round", "reviewer__email"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="review_invitation_once")
        ]

    def __str__(self):
        return f"{self.round} · {self.reviewer}"

    @property
    def programme(self):
        return self.round.toolbox.programme


class Rating(models.Model):
    invitation = models.ForeignKey(
        ReviewInvitation, on_delete=models.CASCADE, related_name="ratings"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="ratings")
    comprehensiveness = models.PositiveSmallIntegerField(_("comprehensiveness"))
    duplicability = models.PositiveSmallIntegerField(_("duplicability to other EU contexts"))
    practical_use = models.PositiveSmallIntegerField(_("practical use"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["invitation", "module__position"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "module"], name="rating_once"),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"rating_{field}_1_to_5",
                )
                for field in ("comprehensiveness", "duplicability", "practical_use")
            ],
        ]

    def __str__(self):
        return f"{self.invitation} · {self.module}"


CRITERIA = ("comprehensiveness", "duplicability", "practical_use")


class ReviewComment(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    quote = models.TextField(_("quoted passage"))
    body = models.TextField(_("comment"))
    is_blocking = models.BooleanField(_("blocking"), default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["round", "created_at", "id"]

    def __str__(self):
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class CommentReply(models.Model):
    comment = models.ForeignKey(ReviewComment, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("answer"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a comment")
        verbose_name_plural = _("answers to comments")
        ordering = ["comment", "created_at", "id"]

    def __str__(self):
        return self.body[:60]


class Adaptation(models.Model):
    """A trainee city's own copy of a published toolbox: local notes and local contacts.

    It stays linked to the edition it was made from, so the city sees when a newer edition
    is published and what changed.
    """

    toolbox = models.ForeignKey(Toolbox, on_delete=models.CASCADE, related_name="adaptations")
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="adaptations", verbose_name=_("edition")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="toolbox_adaptations",
        verbose_name=_("city or organisation"),
    )
    local_contacts = models.TextField(_("local contacts"), blank=True, help_text=_("Markdown."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("local adaptation")
        verbose_name_plural = _("local adaptations")
        ordering = ["toolbox", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["toolbox", "organisation"], name="adaptation_once_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.toolbox} · {self.organisation}"

    @property
    def programme(self):
        return self.toolbox.programme


class LocalNote(models.Model):
    adaptation = models.ForeignKey(Adaptation, on_delete=models.CASCADE, related_name="notes")
    source_section_id = models.PositiveIntegerField()
    body = models.TextField(_("local note"), help_text=_("Markdown."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("local note")
        verbose_name_plural = _("local notes")
        ordering = ["adaptation", "source_section_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["adaptation", "source_section_id"], name="local_note_once_per_section"
            )
        ]

    def __str__(self):
        return self.body[:60]
