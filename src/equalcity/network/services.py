"""Actions that change the network: applications, the pipeline, registrations, feedback.

Each is one transaction that locks what it changes, writes its audit entry and refuses
with a :class:`NetworkError` carrying a code and a translated message.
"""

from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from equalcity.accounts import audit
from equalcity.accounts.models import Organisation, User
from equalcity.core.errors import DomainError
from equalcity.network.calendar import registration_calendar
from equalcity.network.models import (
    STAGE_ORDER,
    Application,
    CityProfile,
    Event,
    Feedback,
    Registration,
    Speaker,
    Stage,
    StageChange,
    Story,
)
from equalcity.programmes.models import Participation, Programme, TargetGroup
from equalcity.programmes.services import admit_organisation

TOKEN_SALT = "equalcity.network.registration"  # noqa: S105 - a salt name, not a secret


class NetworkError(DomainError):
    pass


# --- applications and the pipeline -------------------------------------------------------


def _unique_slug(model, base: str, **scope) -> str:
    base = (slugify(base) or "city")[:70]
    slug, number = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def submit_application(
    *,
    programme: Programme,
    organisation_name: str,
    organisation_kind: str,
    country: str,
    city: str,
    contact_name: str,
    contact_email: str,
    tracks: list[str],
    networks: list[Organisation] | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    motivation: str = "",
    request=None,
) -> Application:
    """A city or organisation asks to join; a second identical request is refused, not counted."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    name = " ".join(organisation_name.split())
    if not name:
        raise NetworkError(_("Give the name of the city or organisation."), code="name_required")
    unknown = set(tracks) - set(TargetGroup.values)
    if not tracks or unknown:
        raise NetworkError(_("Choose at least one toolbox track."), code="tracks_required")
    if CityProfile.objects.filter(
        programme=programme, organisation__name__iexact=name, organisation__country=country
    ).exists():
        raise NetworkError(
            _("%(name)s already takes part in the programme.") % {"name": name},
            code="already_member",
        )
    if Application.objects.filter(
        programme=programme,
        organisation_name__iexact=name,
        country=country,
        status=Application.Status.PENDING,
    ).exists():
        raise NetworkError(
            _(
                "An application for %(name)s is already waiting for a decision; "
                "you will hear from the programme team."
            )
            % {"name": name},
            code="duplicate_application",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                programme=programme,
                organisation_name=name,
                organisation_kind=organisation_kind,
                country=country,
                city=city.strip(),
                latitude=latitude,
                longitude=longitude,
                tracks=sorted(set(tracks)),
                contact_name=contact_name.strip(),
                contact_email=contact_email.strip().lower(),
                motivation=motivation.strip(),
            )
    except IntegrityError as error:
        raise NetworkError(
            _("An application for %(name)s is already waiting for a decision.") % {"name": name},
            code="duplicate_application",
        ) from error
    if networks:
        application.networks.set(networks)
    audit.record(
        "network.application.submitted",
        obj=application,
        programme=programme,
        request=request,
        actor_label=application.contact_email,
        data={"name": name, "country": str(country)},
    )
    return application


def _locked_pending(application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise NetworkError(_("This application has already been decided."), code="already_decided")
    return application


@transaction.atomic
def approve_application(
    *, application: Application, by: User, reason: str = "", request=None
) -> CityProfile:
    """Welcome the applicant: a confirmed profile, and the organisation with its toolbox tracks
    admitted to the programme through ``programmes.services.admit_organisation``."""
    application = _locked_pending(application)
    programme = application.programme
    if CityProfile.objects.filter(
        programme=programme,
        organisation__name__iexact=application.organisation_name,
        organisation__country=application.country,
    ).exists():
        raise NetworkError(
            _("%(name)s already takes part in the programme.")
            % {"name": application.organisation_name},
            code="already_member",
        )
    try:
        admission = admit_organisation(
            programme=programme,
            name=application.organisation_name,
            kind=application.organisation_kind,
            country=application.country,
            city=application.city,
            participation=Participation.Kind.TRAINEE,
            tracks=application.tracks,
            by=by,
            request=request,
        )
    except DomainError as error:  # the decision page shows network refusals
        raise NetworkError(error.message, code=error.code) from error
    organisation = admission.organisation
    profile = CityProfile.objects.create(
        programme=programme,
        organisation=organisation,
        slug=_unique_slug(CityProfile, organisation.name, programme=programme),
        kind=CityProfile.Kind.TRAINEE,
        stage=Stage.CONFIRMED,
        latitude=application.latitude,
        longitude=application.longitude,
        contact_name=application.contact_name,
        contact_email=application.contact_email,
    )
    profile.networks.set(application.networks.all())
    StageChange.objects.create(
        profile=profile, from_stage=Stage.INTERESTED, to_stage=Stage.CONFIRMED, by=by, note=reason
    )
    application.status = Application.Status.APPROVED
    application.decision_reason = reason.strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.profile = profile
    application.save(
        update_fields=[
            "status",
            "decision_reason",
            "decided_by",
            "decided_at",
            "profile",
            "updated_at",
        ]
    )
    audit.record(
        "network.application.approved",
        actor=by,
        obj=application,
        request=request,
        data={"profile": profile.slug},
    )
    _mail_decision_on_commit(application)
    return profile


@transaction.atomic
def decline_application(
    *, application: Application, by: User, reason: str, request=None
) -> Application:
    reason = reason.strip()
    if not reason:
        raise NetworkError(
            _("Say why the application is declined; the applicant will read it."),
            code="reason_required",
        )
    application = _locked_pending(application)
    application.status = Application.Status.DECLINED
    application.decision_reason = reason
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(
        update_fields=["status", "decision_reason", "decided_by", "decided_at", "updated_at"]
    )
    audit.record("network.application.declined", actor=by, obj=application, request=request)
    _mail_decision_on_commit(application)
    return application


def _mail_decision_on_commit(application: Application) -> None:
    language = translation.get_language()

    def send():
        with translation.override(language):
            if application.status == Application.Status.APPROVED:
                subject = _("Welcome to the %(programme)s network") % {
                    "programme": application.programme.name
                }
            else:
                subject = _("Your application to the %(programme)s network") % {
                    "programme": application.programme.name
                }
            body = render_to_string("network/email/decision.txt", {"application": application})
        EmailMessage(str(subject), body, None, [application.contact_email]).send()

    transaction.on_commit(send)


@transaction.atomic
def advance_stage(
    *, profile: CityProfile, to_stage: str, by: User, note: str = "", request=None
) -> CityProfile:
    """Move a city one step along interested → confirmed → trained → reviewed → ambassador."""
    profile = CityProfile.objects.select_for_update().get(pk=profile.pk)
    if to_stage not in STAGE_ORDER or to_stage != profile.next_stage:
        raise NetworkError(
            _("A city moves one stage at a time; %(city)s is now at “%(stage)s”.")
            % {"city": profile.organisation.name, "stage": profile.get_stage_display()},
            code="invalid_transition",
        )
    from_stage = profile.stage
    profile.stage = to_stage
    profile.save(update_fields=["stage", "updated_at"])
    StageChange.objects.create(
        profile=profile, from_stage=from_stage, to_stage=to_stage, by=by, note=note.strip()
    )
    audit.record(
        "network.city.stage_changed",
        actor=by,
        obj=profile,
        request=request,
        data={"from": from_stage, "to": to_stage},
    )
    return profile


# --- events and registrations --------------------------------------------------------------


def registration_token(registration: Registration) -> str:
    return salted_hmac(TOKEN_SALT, str(registration.public_id)).hexdigest()[:32]


def check_registration_token(registration: Registration, token: str) -> bool:
    return constant_time_compare(registration_token(registration), token)


def registration_path(registration: Registration, *, language: str | None = None) -> str:
    """The registrant's own page; whoever holds this link may see the join link and cancel."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return reverse(
            "network:registration",
            kwargs={"public_id": registration.public_id, "token": registration_token(registration)},
        )


def registration_url(registration: Registration, *, language: str | None = None) -> str:
    return settings.SITE_URL + registration_path(registration, language=language)


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


@transaction.atomic
def register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    user: User | None = None,
    request=None,
) -> tuple[Registration, bool]:
    """A place if one is free, the waiting list if not; returns (registration, created).

    The event row is locked, so two people asking for the last place one after the
    other cannot both get it. Asking again with the same address answers with the
    registration already made, and counts nobody twice.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    email = User.objects.normalize_email(email).strip().lower()
    existing = (
        Registration.objects.select_for_update().filter(event=event, email__iexact=email).first()
    )
    if existing is not None and existing.status != Registration.Status.CANCELLED:
        return existing, False
    if not event.is_open_for_registration():
        raise NetworkError(
            _("Registration for “%(event)s” has closed.") % {"event": event.title},
            code="registration_closed",
        )
    status = (
        Registration.Status.CONFIRMED
        if _confirmed_count(event) < event.capacity
        else Registration.Status.WAITING
    )
    signed_in = user if user is not None and user.is_authenticated else None
    if existing is not None:
        registration = existing
        registration.name = name.strip()
        registration.organisation_name = organisation_name.strip()
        registration.status = status
        registration.queued_at = timezone.now()
        registration.cancelled_at = None
        registration.promoted_at = None
        registration.user = signed_in or registration.user
        registration.save()
    else:
        registration = Registration.objects.create(
            event=event,
            name=name.strip(),
            email=email,
            organisation_name=organisation_name.strip(),
            user=signed_in,
            status=status,
        )
    audit.record(
        "network.registration.created",
        actor=signed_in,
        obj=registration,
        programme=event.programme,
        request=request,
        data={"status": status},
    )
    _mail_registration_on_commit(registration)
    return registration, True


@transaction.atomic
def cancel_registration(*, registration: Registration, request=None) -> Registration | None:
    """Give the place back; the first person waiting gets it. Returns whoever was promoted."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    had_place = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit.record(
        "network.registration.cancelled",
        obj=registration,
        programme=event.programme,
        request=request,
        actor_label=registration.email,
    )
    if not had_place or event.has_started():
        return None
    return _promote_first_waiting(event, request=request)


def _promote_first_waiting(event: Event, *, request=None) -> Registration | None:
    promoted = None
    while _confirmed_count(event) < event.capacity:
        waiting = (
            Registration.objects.select_for_update()
            .filter(event=event, status=Registration.Status.WAITING)
            .order_by("queued_at", "id")
            .first()
        )
        if waiting is None:
            break
        waiting.status = Registration.Status.CONFIRMED
        waiting.promoted_at = timezone.now()
        waiting.save(update_fields=["status", "promoted_at", "updated_at"])
        audit.record(
            "network.registration.promoted",
            obj=waiting,
            programme=event.programme,
            request=request,
            actor_label="system",
        )
        _mail_registration_on_commit(waiting)
        promoted = promoted or waiting
    return promoted


def _mail_registration_on_commit(registration: Registration) -> None:
    language = translation.get_language()
    registration_id = registration.pk
    transaction.on_commit(lambda: send_registration_mail(registration_id, language=language))


def send_registration_mail(registration_id: int, *, language: str | None = None) -> None:
    registration = Registration.objects.select_related("event", "event__programme").get(
        pk=registration_id
    )
    event = registration.event
    with translation.override(language):
        url = registration_url(registration, language=language)
        confirmed = registration.status == Registration.Status.CONFIRMED
        if confirmed and registration.promoted_at:
            subject = _("A place has opened for you: %(event)s") % {"event": event.title}
        elif confirmed:
            subject = _("You are registered: %(event)s") % {"event": event.title}
        else:
            subject = _("You are on the waiting list: %(event)s") % {"event": event.title}
        body = render_to_string(
            "network/email/registration.txt",
            {"registration": registration, "event": event, "url": url, "confirmed": confirmed},
        )
    message = EmailMessage(str(subject), body, None, [registration.email])
    if confirmed:
        message.attach(
            f"{event.slug}.ics",
            registration_calendar(registration, page_url=url),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    message.send()


@transaction.atomic
def record_attendance(*, event: Event, attended: set[int], by: User, request=None) -> int:
    """Mark who took part (by registration id); returns how many attended."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    confirmed = Registration.objects.select_for_update().filter(
        event=event, status=Registration.Status.CONFIRMED
    )
    confirmed.filter(pk__in=attended).update(attended=True, updated_at=timezone.now())
    confirmed.exclude(pk__in=attended).update(attended=False, updated_at=timezone.now())
    count = confirmed.filter(attended=True).count()
    audit.record(
        "network.event.attendance_recorded",
        actor=by,
        obj=event,
        request=request,
        data={"attended": count},
    )
    return count


@transaction.atomic
def publish_follow_up(
    *, event: Event, recording_url: str, materials: str, by: User, request=None
) -> Event:
    """Recordings and materials, shown on the event page once it is over."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.recording_url = recording_url.strip()
    event.materials = materials.strip()
    event.save(update_fields=["recording_url", "materials", "updated_at"])
    audit.record("network.event.follow_up_published", actor=by, obj=event, request=request)
    return event


@transaction.atomic
def submit_feedback(
    *, registration: Registration, rating: int, comment: str = "", request=None
) -> Feedback:
    registration = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    if registration.status != Registration.Status.CONFIRMED:
        raise NetworkError(
            _("Only people who had a place can give feedback."), code="not_a_participant"
        )
    if not registration.event.has_started():
        raise NetworkError(_("Feedback opens when the event starts."), code="feedback_not_open")
    if Feedback.objects.filter(registration=registration).exists():
        raise NetworkError(
            _("Thank you, your feedback has already been recorded."), code="feedback_given"
        )
    if rating not in range(1, 6):
        raise NetworkError(_("Choose a rating from 1 to 5."), code="invalid_rating")
    feedback = Feedback.objects.create(
        registration=registration, rating=rating, comment=comment.strip()
    )
    audit.record(
        "network.feedback.submitted",
        obj=registration,
        programme=registration.event.programme,
        request=request,
        actor_label=registration.email,
    )
    return feedback


# --- stories -----------------------------------------------------------------------------------

# Paths under ``stories/`` that a story's short name would shadow.
RESERVED_STORY_SLUGS = {"new", "feed", "drafts", "edit"}


class StoryConflict(NetworkError):
    """Someone saved the story since this editor opened it; carries what they saved."""

    def __init__(self, message, *, current: Story):
        super().__init__(message, code="conflict")
        self.current = current


def _require_story_writer(by: User, programme: Programme) -> None:
    if not by.has_perm("network.write_story", programme):
        raise NetworkError(
            _("You may not write or change the stories of this programme."), code="forbidden"
        )


def _story_values(
    *,
    programme: Programme,
    slug: str,
    language: str,
    kind: str,
    title: str,
    summary: str,
    body: str,
    city: CityProfile | None,
) -> dict:
    """The cleaned fields of a story, or the first refusal a person can act on."""
    title = " ".join(title.split())
    if not title:
        raise NetworkError(_("Give the story a title."), code="title_required")
    if not body.strip():
        raise NetworkError(_("Write the text of the story."), code="body_required")
    slug = slugify(slug)
    if not slug:
        raise NetworkError(
            _("Give the story a short name of letters, digits and hyphens."),
            code="slug_required",
        )
    if slug in RESERVED_STORY_SLUGS:
        raise NetworkError(
            _("The short name %(slug)s is reserved; choose another.") % {"slug": slug},
            code="slug_reserved",
        )
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise NetworkError(
            _("Choose one of the languages of the platform."), code="unknown_language"
        )
    if kind not in Story.Kind.values:
        raise NetworkError(_("Choose one of the listed kinds of story."), code="unknown_kind")
    if city is not None and city.programme_id != programme.pk:
        raise NetworkError(_("Choose a city of this programme."), code="unknown_city")
    return {
        "slug": slug,
        "language": language,
        "kind": kind,
        "title": title,
        "summary": summary.strip(),
        "body": body,
        "city": city,
    }


def _story_exists_error(slug: str) -> NetworkError:
    return NetworkError(
        _("A story with the short name %(slug)s already exists in this language.") % {"slug": slug},
        code="story_exists",
    )


@transaction.atomic
def write_story(
    *,
    programme: Programme,
    slug: str,
    language: str,
    kind: str,
    title: str,
    body: str,
    by: User,
    summary: str = "",
    city: CityProfile | None = None,
    publish: bool = False,
    request=None,
) -> Story:
    """A new story, or a new language version of one (same short name, another language)."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    _require_story_writer(by, programme)
    if not slugify(slug) or not title.strip() or not body.strip():
        raise NetworkError(_("A story needs a short name, a title and a text."), code="incomplete")
    values = _story_values(
        programme=programme,
        slug=slug,
        language=language,
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        city=city,
    )
    if Story.objects.filter(
        programme=programme, slug=values["slug"], language=values["language"]
    ).exists():
        raise _story_exists_error(values["slug"])
    story = Story.objects.create(
        programme=programme, published_at=timezone.now() if publish else None, **values
    )
    audit.record(
        "network.story.written",
        actor=by,
        obj=story,
        request=request,
        data={"language": story.language, "published": publish},
    )
    return story


def _locked_story(story: Story) -> Story:
    """The story's row, locked (not its programme's), with the programme to check rights."""
    return (
        Story.objects.select_for_update(of=("self",)).select_related("programme").get(pk=story.pk)
    )


STORY_FIELDS = ("slug", "language", "kind", "title", "summary", "body", "city")


@transaction.atomic
def change_story(
    *,
    story: Story,
    by: User,
    expected_revision: int,
    slug: str,
    language: str,
    kind: str,
    title: str,
    summary: str,
    body: str,
    city: CityProfile | None,
    request=None,
) -> Story:
    """Save new text and details of a story, draft or published, as a new revision.

    Refused with :class:`StoryConflict` when someone saved the story since
    ``expected_revision``: their text is not overwritten, and the editor's is given back.
    A save that changes nothing writes nothing.
    """
    story = _locked_story(story)
    programme = story.programme
    _require_story_writer(by, programme)
    if story.revision != expected_revision:
        raise StoryConflict(
            _(
                "Someone else saved this story while you were editing it (revision "
                "%(theirs)s; you started from revision %(yours)s). Your text is kept in the "
                "form: compare it with theirs and save again."
            )
            % {"theirs": story.revision, "yours": expected_revision},
            current=story,
        )
    values = _story_values(
        programme=programme,
        slug=slug,
        language=language,
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        city=city,
    )
    if (
        Story.objects.filter(programme=programme, slug=values["slug"], language=values["language"])
        .exclude(pk=story.pk)
        .exists()
    ):
        raise _story_exists_error(values["slug"])
    changed = [field for field in STORY_FIELDS if getattr(story, field) != values[field]]
    if not changed:
        return story
    for field in changed:
        setattr(story, field, values[field])
    story.revision += 1
    story.save(update_fields=[*changed, "revision", "updated_at"])
    audit.record(
        "network.story.changed",
        actor=by,
        obj=story,
        request=request,
        data={
            "revision": story.revision,
            "fields": changed,
            "published": story.published_at is not None,
        },
    )
    return story


@transaction.atomic
def publish_story(*, story: Story, by: User, request=None) -> Story:
    """Publish a draft, or publish again a story taken offline (dated from now)."""
    story = _locked_story(story)
    _require_story_writer(by, story.programme)
    if story.published_at is None:
        story.published_at = timezone.now()
        story.save(update_fields=["published_at", "updated_at"])
        audit.record("network.story.published", actor=by, obj=story, request=request)
    return story


@transaction.atomic
def unpublish_story(*, story: Story, by: User, request=None) -> Story:
    """Take a story off the public pages and the feed; it becomes a draft again."""
    story = _locked_story(story)
    _require_story_writer(by, story.programme)
    if story.published_at is not None:
        published_at = story.published_at
        story.published_at = None
        story.save(update_fields=["published_at", "updated_at"])
        audit.record(
            "network.story.unpublished",
            actor=by,
            obj=story,
            request=request,
            data={"was_published_at": published_at.isoformat()},
        )
    return story


# --- events ------------------------------------------------------------------------------------


def _parse_speakers(text: str) -> list[tuple[str, str]]:
    """One speaker a line: "Name" or "Name | affiliation"."""
    speakers = []
    for line in text.splitlines():
        name, _sep, affiliation = line.partition("|")
        if name.strip():
            speakers.append((name.strip()[:200], affiliation.strip()[:200]))
    return speakers


@transaction.atomic
def save_event(
    *,
    programme: Programme,
    by: User,
    event: Event | None = None,
    slug: str,
    kind: str,
    title: str,
    starts_at,
    ends_at,
    capacity: int,
    language: str,
    description: str = "",
    agenda: str = "",
    venue: str = "",
    join_url: str = "",
    registration_closes_at=None,
    speakers: str = "",
    is_published: bool = True,
    request=None,
) -> Event:
    """Create an event, or change one; the speakers are replaced by the list given."""
    slug = slugify(slug)
    if ends_at <= starts_at:
        raise NetworkError(_("The event must end after it starts."), code="ends_before_start")
    if capacity < 1:
        raise NetworkError(_("An event needs at least one place."), code="no_places")
    if event is not None:
        event = Event.objects.select_for_update().get(pk=event.pk, programme=programme)
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if capacity < confirmed:
            raise NetworkError(
                _(
                    "%(count)s people already have a place; the event cannot have fewer "
                    "places than that."
                )
                % {"count": confirmed},
                code="capacity_below_registrations",
            )
    clash = Event.objects.filter(programme=programme, slug=slug)
    if event is not None:
        clash = clash.exclude(pk=event.pk)
    if clash.exists() or slug in {"", "new"}:
        raise NetworkError(
            _("Another event already uses the short name %(slug)s.") % {"slug": slug},
            code="slug_taken",
        )
    values = {
        "slug": slug,
        "kind": kind,
        "title": title.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": capacity,
        "language": language,
        "description": description,
        "agenda": agenda,
        "venue": venue.strip(),
        "join_url": join_url.strip(),
        "registration_closes_at": registration_closes_at,
        "is_published": is_published,
    }
    created = event is None
    if created:
        event = Event.objects.create(programme=programme, **values)
    else:
        for field, value in values.items():
            setattr(event, field, value)
        event.save(update_fields=[*values, "updated_at"])
        event.speakers.all().delete()
    Speaker.objects.bulk_create(
        Speaker(event=event, name=name, affiliation=affiliation, position=position)
        for position, (name, affiliation) in enumerate(_parse_speakers(speakers))
    )
    audit.record(
        "network.event.created" if created else "network.event.changed",
        actor=by,
        obj=event,
        request=request,
    )
    if not created:
        _promote_first_waiting(event, request=request)
    return event
