"""Trainee cities and their pipeline, applications, events with registrations, stories.

A city's profile rests on the accounts ``Organisation`` (name, kind, country, city) and
its toolbox tracks on the programmes ``Participation`` rows; this app adds what the
network needs: the pipeline stage and its history, the position on the map, the city
networks and a contact person.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from equalcity.programmes.models import TargetGroup


class Stage(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    CONFIRMED = "confirmed", _("Confirmed")
    TRAINED = "trained", _("Trained")
    REVIEWED = "reviewed", _("Reviewed the toolbox")
    AMBASSADOR = "ambassador", _("Ambassador")


STAGE_ORDER = list(Stage.values)


class CityProfile(models.Model):
    """A pilot or trainee city (or organisation) of a programme, as the network shows it."""

    class Kind(models.TextChoices):
        PILOT = "pilot", _("Pilot city")
        TRAINEE = "trainee", _("Trainee city or organisation")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="city_profiles"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="city_profiles"
    )
    slug = models.SlugField(_("short name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.CONFIRMED
    )
    networks = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="member_city_profiles",
        limit_choices_to={"kind": "city_network"},
        verbose_name=_("city networks"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profiles")
        ordering = ["programme", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="city_profile_organisation_once"
            ),
            models.UniqueConstraint(fields=["programme", "slug"], name="city_profile_slug_once"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="city_profile_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="city_profile_longitude_range",
            ),
        ]

    def __str__(self):
        return self.organisation.name

    @property
    def next_stage(self) -> str | None:
        index = STAGE_ORDER.index(self.stage)
        return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


class StageChange(models.Model):
    """One step of a city along the pipeline: who moved it, from where to where, when."""

    profile = models.ForeignKey(CityProfile, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["profile", "created_at", "id"]

    def __str__(self):
        return f"{self.profile} {self.from_stage} → {self.to_stage}"


class Application(models.Model):
    """A city or organisation asking to join the programme as a trainee."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="network_applications"
    )
    organisation_name = models.CharField(_("name of the city or organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=[
            ("city_administration", _("City administration")),
            ("trainee", _("Other organisation")),
        ],
        default="city_administration",
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    tracks = models.JSONField(_("toolbox tracks"), default=list)
    networks = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "city_network"},
        verbose_name=_("city networks"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail address"))
    motivation = models.TextField(_("why you want to join"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    profile = models.ForeignKey(
        CityProfile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "programme",
                Lower("organisation_name"),
                "country",
                condition=models.Q(status="pending"),
                name="application_pending_once",
            )
        ]

    def __str__(self):
        return f"{self.organisation_name} ({self.country.code})"

    def get_tracks_display(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(track, track)) for track in self.tracks]


class Event(models.Model):
    """A webinar, an online workshop or a hybrid conference of the programme."""

    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        ONLINE_WORKSHOP = "online_workshop", _("Online workshop")
        HYBRID_CONFERENCE = "hybrid_conference", _("Hybrid conference")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="events"
    )
    slug = models.SlugField(_("short name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    join_url = models.URLField(_("join link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)
    recording_url = models.URLField(_("recording"), blank=True)
    materials = models.TextField(_("materials"), blank=True, help_text=_("Markdown."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="event_slug_once"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="event_has_places"),
        ]

    def __str__(self):
        return self.title

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def is_open_for_registration(self, now=None) -> bool:
        return self.is_published and (now or timezone.now()) < self.closes_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["event", "position", "name"]

    def __str__(self):
        return self.name


class Registration(models.Model):
    """A person's place (or place in the queue) at an event.

    The link in the confirmation e-mail carries a secret derived from the public id and
    the site's secret key (``services.registration_token``): nothing secret is stored, so
    a copy of the database alone opens no registration.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    queued_at = models.DateTimeField(_("in the queue since"), default=timezone.now)
    promoted_at = models.DateTimeField(
        _("promoted from the waiting list at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "queued_at", "id"]
        constraints = [
            models.UniqueConstraint("event", Lower("email"), name="registration_email_once"),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_status_idx")]

    def __str__(self):
        return f"{self.event} · {self.email}"


class Feedback(models.Model):
    """What a participant thought of an event: one answer per registration."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=[(value, str(value)) for value in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_range"
            )
        ]

    def __str__(self):
        return f"{self.registration.event} · {self.rating}"


class Story(models.Model):
    """A short "in the spotlight" story or project update, in one language."""

    class Kind(models.TextChoices):
        SPOTLIGHT_WORKER = "spotlight_worker", _("In the spotlight: frontline workers")
        SPOTLIGHT_CITY = "spotlight_city", _("In the spotlight: trainee cities")
        UPDATE = "update", _("Project update")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="stories"
    )
    slug = models.SlugField(_("short name"), max_length=80)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("story"), help_text=_("Markdown."))
    city = models.ForeignKey(
        CityProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("city"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Counts the saved versions of the text; an editor's save names the revision it started
    # from, so a save that would overwrite someone else's is refused (services.change_story).
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug", "language"], name="story_slug_language_once"
            )
        ]

    def __str__(self):
        return self.title
