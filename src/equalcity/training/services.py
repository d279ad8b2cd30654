"""Every write of the training app: one transaction each, refused with a TrainingError."""

import secrets
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equalcity.accounts import services as account_services
from equalcity.accounts.audit import record
from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.core.errors import DomainError
from equalcity.programmes.models import Programme
from equalcity.toolboxes.models import Edition, Module
from equalcity.training import selectors
from equalcity.training.models import (
    Attendance,
    Audience,
    Certificate,
    ChildEvaluation,
    ChildParticipant,
    Course,
    Enrolment,
    Evaluation,
    ModuleProgress,
    Profession,
    Question,
    Session,
    SessionDay,
    SessionInvitation,
    TestAttempt,
    invitation_email_hash,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper


class TrainingError(DomainError):
    pass


@transaction.atomic
def create_course(
    *,
    programme: Programme,
    edition: Edition,
    title: str,
    audience: str,
    organiser: Organisation,
    by: User,
    min_attendance_percent: int = 80,
    pass_mark_percent: int = 60,
) -> Course:
    if edition.toolbox.programme_id != programme.pk:
        raise TrainingError(_("This edition belongs to another programme."), code="edition")
    course = Course.objects.create(
        programme=programme,
        edition=edition,
        title=title,
        audience=audience,
        organiser=organiser,
        min_attendance_percent=min_attendance_percent,
        pass_mark_percent=pass_mark_percent,
    )
    record("training.course.created", actor=by, obj=course)
    return course


@transaction.atomic
def add_question(
    *, module: Module, kind: str, text: str, options: list[str], correct: list, by: User
) -> Question:
    if kind == Question.Kind.SHORT:
        if options or not correct:
            raise TrainingError(
                _("A short-answer question needs accepted answers and no options."),
                code="question",
            )
    else:
        if kind == Question.Kind.TRUE_FALSE:
            options = [_("True"), _("False")]
        chosen = set(correct)
        if not options or not chosen or not chosen <= set(range(len(options))):
            raise TrainingError(
                _("The correct answer must be one of the options."), code="question"
            )
        if kind != Question.Kind.MULTIPLE and len(chosen) != 1:
            raise TrainingError(_("This kind of question has one correct answer."), code="question")
    position = Question.objects.filter(module=module).count() + 1
    question = Question.objects.create(
        module=module, position=position, kind=kind, text=text, options=options, correct=correct
    )
    record("training.question.added", actor=by, obj=question, programme=module.toolbox.programme)
    return question


@transaction.atomic
def create_session(
    *,
    course: Course,
    mode: str,
    language: str,
    starts_on: date,
    ends_on: date,
    starts_at: time,
    ends_at: time,
    hours: Decimal,
    capacity: int,
    trainers: list[User],
    by: User,
    venue: str = "",
    city: str = "",
    meeting_url: str = "",
    registration_open: bool = True,
) -> Session:
    if ends_on < starts_on:
        raise TrainingError(_("The last day comes before the first."), code="dates")
    if mode != Session.Mode.IN_PERSON and not meeting_url:
        raise TrainingError(_("An online or hybrid session needs a meeting link."), code="link")
    if mode != Session.Mode.ONLINE and not city:
        raise TrainingError(_("A session in a room needs a city."), code="city")
    if capacity < 1:
        raise TrainingError(_("A session needs at least one place."), code="capacity")
    session = Session.objects.create(
        course=course,
        mode=mode,
        venue=venue,
        city=city,
        meeting_url=meeting_url,
        language=language,
        starts_on=starts_on,
        ends_on=ends_on,
        starts_at=starts_at,
        ends_at=ends_at,
        hours=hours,
        capacity=capacity,
        registration_open=registration_open,
    )
    session.trainers.set(trainers)
    SessionDay.objects.bulk_create(
        SessionDay(session=session, date=starts_on + timedelta(days=offset))
        for offset in range((ends_on - starts_on).days + 1)
    )
    record("training.session.created", actor=by, obj=session)
    return session


def _locked_session(session: Session) -> Session:
    # Every change to who holds a place locks the session row first, so two people
    # enrolling at once cannot both take the last place.
    return Session.objects.select_for_update().select_related("course").get(pk=session.pk)


@transaction.atomic
def enrol(
    *, session: Session, user: User, organisation: Organisation, profession: str
) -> Enrolment:
    if profession not in Profession.values:
        raise TrainingError(_("Choose a profession from the list."), code="profession")
    session = _locked_session(session)
    # An invited person may register even while registration is closed to everyone else.
    invitation = selectors.invitation_of(session, user)
    if not session.registration_open and invitation is None:
        raise TrainingError(_("Registration for this session is closed."), code="closed")
    existing = Enrolment.objects.filter(session=session, user=user).first()
    if existing is not None and existing.status != Enrolment.Status.CANCELLED:
        raise TrainingError(_("You are already registered for this session."), code="duplicate")
    taken = Enrolment.objects.filter(session=session, status=Enrolment.Status.ENROLLED).count()
    status = Enrolment.Status.ENROLLED if taken < session.capacity else Enrolment.Status.WAITING
    now = timezone.now()
    if existing is not None:
        existing.status = status
        existing.organisation = organisation
        existing.profession = profession
        existing.queued_at = now
        existing.save(
            update_fields=["status", "organisation", "profession", "queued_at", "updated_at"]
        )
        enrolment = existing
    else:
        enrolment = Enrolment.objects.create(
            session=session,
            user=user,
            organisation=organisation,
            profession=profession,
            status=status,
            queued_at=now,
        )
    if invitation is not None and invitation.user_id is None:
        # Invited by address before joining the programme: from now on the invitation
        # list shows this person's registration.
        invitation.user = user
        invitation.save(update_fields=["user", "updated_at"])
    record(
        "training.enrolment.created",
        actor=user,
        obj=enrolment,
        data={"status": status, "invited": invitation is not None},
    )
    return enrolment


@transaction.atomic
def cancel_enrolment(*, enrolment: Enrolment, by: User) -> Enrolment | None:
    """Cancel a place; the first person waiting takes it. Returns whoever was promoted."""
    session = _locked_session(enrolment.session)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.CANCELLED:
        raise TrainingError(_("This registration is already cancelled."), code="cancelled")
    if Certificate.objects.filter(enrolment=enrolment).exists():
        raise TrainingError(
            _("A completed course with a certificate cannot be cancelled."), code="certified"
        )
    freed = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.save(update_fields=["status", "updated_at"])
    record("training.enrolment.cancelled", actor=by, obj=enrolment)
    promoted = None
    if freed:
        promoted = (
            Enrolment.objects.select_for_update()
            .filter(session=session, status=Enrolment.Status.WAITING)
            .order_by("queued_at", "id")
            .first()
        )
        if promoted is not None:
            promoted.status = Enrolment.Status.ENROLLED
            promoted.save(update_fields=["status", "updated_at"])
            record("training.enrolment.promoted", actor=by, obj=promoted)
    return promoted


@transaction.atomic
def set_registration(*, session: Session, open_: bool, by: User) -> Session:
    session = _locked_session(session)
    session.registration_open = open_
    session.save(update_fields=["registration_open", "updated_at"])
    record("training.session.registration_changed", actor=by, obj=session, data={"open": open_})
    return session


@transaction.atomic
def mark_attendance(
    *, enrolment: Enrolment, day: SessionDay, present: bool, by: User
) -> Attendance:
    if day.session_id != enrolment.session_id or enrolment.status != Enrolment.Status.ENROLLED:
        raise TrainingError(
            _("Only people enrolled in this session can be marked present."), code="not_enrolled"
        )
    attendance, _created = Attendance.objects.update_or_create(
        enrolment=enrolment, day=day, defaults={"present": present, "marked_by": by}
    )
    record(
        "training.attendance.marked",
        actor=by,
        obj=enrolment,
        data={"day": day.date.isoformat(), "present": present},
    )
    return attendance


def score_answers(questions: list[Question], answers: dict[str, list]) -> Decimal:
    """The share of questions answered right, in percent; every question weighs the same."""
    if not questions:
        return Decimal(0)
    right = 0
    for question in questions:
        given = answers.get(str(question.public_id), [])
        if question.kind == Question.Kind.SHORT:
            accepted = {answer.strip().casefold() for answer in question.correct}
            right += bool(given) and str(given[0]).strip().casefold() in accepted
        else:
            right += {int(choice) for choice in given} == set(question.correct)
    return (Decimal(100) * right / len(questions)).quantize(Decimal("0.01"))


@transaction.atomic
def submit_test(
    *, enrolment: Enrolment, kind: str, answers: dict[str, list], confidence: int, by: User
) -> TestAttempt:
    enrolment = (
        Enrolment.objects.select_for_update().select_related("session__course").get(pk=enrolment.pk)
    )
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise TrainingError(_("Only enrolled participants take the tests."), code="not_enrolled")
    if TestAttempt.objects.filter(enrolment=enrolment, kind=kind).exists():
        raise TrainingError(_("You have already submitted this test."), code="duplicate")
    if (
        kind == TestAttempt.Kind.POST
        and not TestAttempt.objects.filter(enrolment=enrolment, kind=TestAttempt.Kind.PRE).exists()
    ):
        raise TrainingError(_("Take the pre-test before the post-test."), code="order")
    if not 1 <= confidence <= 5:
        raise TrainingError(_("Rate your confidence from 1 to 5."), code="confidence")
    questions = list(selectors.course_questions(enrolment.session.course))
    attempt = TestAttempt.objects.create(
        enrolment=enrolment,
        kind=kind,
        score=score_answers(questions, answers),
        confidence=confidence,
        answers=answers,
    )
    record("training.test.submitted", actor=by, obj=enrolment, data={"kind": kind})
    return attempt


@transaction.atomic
def submit_evaluation(
    *,
    enrolment: Enrolment,
    relevance: int,
    clarity: int,
    practical_use: int,
    what_to_change: str,
) -> Evaluation:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise TrainingError(_("Only participants evaluate a session."), code="not_enrolled")
    if enrolment.has_evaluated:
        raise TrainingError(_("You have already evaluated this session."), code="duplicate")
    for rating in (relevance, clarity, practical_use):
        if not 1 <= rating <= 5:
            raise TrainingError(_("Ratings go from 1 to 5."), code="rating")
    evaluation = Evaluation.objects.create(
        session_id=enrolment.session_id,
        relevance=relevance,
        clarity=clarity,
        practical_use=practical_use,
        what_to_change=what_to_change.strip(),
    )
    enrolment.has_evaluated = True
    enrolment.save(update_fields=["has_evaluated"])
    # The audit entry names the session, not the person: evaluations are anonymous.
    record("training.evaluation.submitted", obj=enrolment.session, actor_label="anonymous")
    return evaluation


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _unused in range(10))


@transaction.atomic
def issue_certificate(*, enrolment: Enrolment, by: User) -> Certificate:
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("session__course__organiser", "user")
        .get(pk=enrolment.pk)
    )
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    progress = selectors.completion(enrolment)
    if not progress.complete:
        raise TrainingError(
            _("The course is not complete yet: %(missing)s")
            % {"missing": "; ".join(str(reason) for reason in progress.missing)},
            code="incomplete",
        )
    session = enrolment.session
    certificate = Certificate.objects.create(
        code=_new_code(),
        enrolment=enrolment,
        holder_name=enrolment.user.full_name or enrolment.user.email,
        course_title=session.course.title,
        organiser_name=session.course.organiser.name,
        hours=session.hours,
        starts_on=session.starts_on,
        ends_on=session.ends_on,
        issued_at=timezone.now(),
    )
    record("training.certificate.issued", actor=by, obj=certificate, programme=session.programme)
    return certificate


PSEUDONYM_WORDS = ["Star", "River", "Cedar", "Comet", "Falcon", "Maple", "Orbit", "Coral"]


def _new_pseudonym(session: Session) -> str:
    taken = set(
        ChildParticipant.objects.filter(session=session).values_list("pseudonym", flat=True)
    )
    while True:
        pseudonym = f"{secrets.choice(PSEUDONYM_WORDS)}-{secrets.randbelow(900) + 100}"
        if pseudonym not in taken:
            return pseudonym


@transaction.atomic
def add_child(
    *, session: Session, age_band: str, guardian_consent: bool, consent_date: date, by: User
) -> ChildParticipant:
    session = _locked_session(session)
    if session.course.audience != Audience.CHILDREN:
        raise TrainingError(_("Children take part only in sessions for children."), code="audience")
    if not guardian_consent:
        raise TrainingError(
            _("A child takes part only with the legal guardian's consent."), code="consent"
        )
    if consent_date > timezone.localdate():
        raise TrainingError(_("The consent date cannot be in the future."), code="consent_date")
    if ChildParticipant.objects.filter(session=session).count() >= session.capacity:
        raise TrainingError(_("This session is full."), code="full")
    child = ChildParticipant.objects.create(
        session=session,
        pseudonym=_new_pseudonym(session),
        age_band=age_band,
        guardian_consent=True,
        consent_date=consent_date,
        created_by=by,
    )
    record("training.child.added", actor=by, obj=child, programme=session.programme)
    return child


@transaction.atomic
def record_child_scores(
    *, child: ChildParticipant, pre_score: int | None, post_score: int | None, by: User
) -> ChildParticipant:
    child = ChildParticipant.objects.select_for_update().get(pk=child.pk)
    for score in (pre_score, post_score):
        if score is not None and not 0 <= score <= 100:
            raise TrainingError(_("Scores go from 0 to 100."), code="score")
    child.pre_score = pre_score
    child.post_score = post_score
    child.save(update_fields=["pre_score", "post_score", "updated_at"])
    record("training.child.scored", actor=by, obj=child, programme=child.session.programme)
    return child


@transaction.atomic
def submit_child_evaluation(
    *, child: ChildParticipant, liked: int, learned: int, felt_safe: int
) -> ChildEvaluation:
    child = ChildParticipant.objects.select_for_update().get(pk=child.pk)
    if child.has_evaluated:
        raise TrainingError(_("This child has already given their smileys."), code="duplicate")
    for value in (liked, learned, felt_safe):
        if value not in (1, 2, 3):
            raise TrainingError(_("Choose one smiley for each question."), code="rating")
    evaluation = ChildEvaluation.objects.create(
        session_id=child.session_id, liked=liked, learned=learned, felt_safe=felt_safe
    )
    child.has_evaluated = True
    child.save(update_fields=["has_evaluated"])
    record("training.child_evaluation.submitted", obj=child.session, actor_label="anonymous")
    return evaluation


@transaction.atomic
def complete_module(*, enrolment: Enrolment, module_id: int, by: User) -> ModuleProgress:
    """Mark a module of the pinned edition as done; doing it twice changes nothing."""
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise TrainingError(_("Only enrolled participants follow the course."), code="not_enrolled")
    module = next(
        (candidate for candidate in selectors.path_modules(enrolment) if candidate.pk == module_id),
        None,
    )
    if module is None:
        raise TrainingError(_("This module is not part of the course."), code="module")
    progress, created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    if created:
        record("training.module.completed", actor=by, obj=enrolment, data={"module": module.title})
    return progress


# --- invitations -------------------------------------------------------------------------

# Roles whose members may register for a session (see the training.enrol_session rule).
REGISTERING_ROLES = (Role.FRONTLINE_WORKER, Role.TRAINER)
MAX_INVITATIONS_AT_ONCE = 100


@transaction.atomic
def invite_to_session(*, session: Session, email: str, by: User, request=None) -> SessionInvitation:
    """Invite one address to a session; a second invitation of the same address is refused.

    A member of the programme who may register gets an e-mail with the session's link (in
    their language) and may register even while registration is closed. Anyone else gets
    the programme invitation of the accounts app (as a frontline worker) and an e-mail with
    the session's link, both in their language if they have an account, otherwise in the
    session's; once they have joined, they may register.
    """
    address = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(address)
    except ValidationError:
        raise TrainingError(
            _("%(email)s is not a valid e-mail address.") % {"email": email.strip()},
            code="email",
        ) from None
    session = _locked_session(session)
    if session.course.audience == Audience.CHILDREN:
        raise TrainingError(
            _("Children's sessions have no registration: their trainer adds the children."),
            code="audience",
        )
    if session.ends_on < timezone.localdate():
        raise TrainingError(_("This session is over."), code="over")
    key = invitation_email_hash(address)
    if SessionInvitation.objects.filter(session=session, email_hash=key).exists():
        raise _already_invited(address)
    programme = session.course.programme
    person = User.objects.filter(email__iexact=address).first()
    roles = set()
    if person is not None:
        memberships = list(
            Membership.objects.filter(user=person, programme=programme).values_list(
                "role", "is_active"
            )
        )
        # A programme manager ended this person's access: an invitation from a trainer must
        # not give it back (accepting a programme invitation reactivates the membership).
        if not person.is_active or any(not active for _role, active in memberships):
            raise TrainingError(
                _("%(email)s cannot be invited here; ask a programme manager.")
                % {"email": address},
                code="inactive",
            )
        roles = {role for role, _active in memberships}
        if (
            Enrolment.objects.filter(session=session, user=person)
            .exclude(status=Enrolment.Status.CANCELLED)
            .exists()
        ):
            raise TrainingError(
                _("%(email)s is already registered for this session.") % {"email": address},
                code="already_registered",
            )
    now = timezone.now()
    member = person is not None and bool(roles & set(REGISTERING_ROLES))
    if member:
        invitation = _record_invitation(
            address, session=session, email_hash=key, user=person, invited_by=by, sent_at=now
        )
        language = person.language
    else:
        language = person.language if person is not None else session.language
        with translation.override(language):
            programme_invitation, _token = account_services.invite_member(
                programme=programme,
                email=address,
                role=Role.FRONTLINE_WORKER,
                organisation=None,
                by=by,
                request=request,
            )
        invitation = _record_invitation(
            address,
            session=session,
            email_hash=key,
            programme_invitation=programme_invitation,
            invited_by=by,
            sent_at=now,
        )
    record(
        "training.invitation.sent",
        actor=by,
        obj=invitation,
        request=request,
        data={"member": member},
    )
    transaction.on_commit(
        lambda: _send_session_invitation(invitation.pk, address, language, must_join=not member)
    )
    return invitation


def _already_invited(address: str) -> TrainingError:
    return TrainingError(
        _("%(email)s is already invited to this session.") % {"email": address},
        code="already_invited",
    )


def _record_invitation(address: str, **fields) -> SessionInvitation:
    # The session row is locked, but a database without row locks still has the constraint.
    try:
        with transaction.atomic():
            return SessionInvitation.objects.create(**fields)
    except IntegrityError:
        raise _already_invited(address) from None


def _send_session_invitation(
    invitation_id: int, address: str, language: str, *, must_join: bool
) -> None:
    invitation = SessionInvitation.objects.select_related(
        "session__course__programme", "invited_by"
    ).get(pk=invitation_id)
    session = invitation.session
    with translation.override(language):
        url = settings.SITE_URL + reverse("training:session", args=[session.public_id])
        context = {
            "session": session,
            "url": url,
            "must_join": must_join,
            "closed": not session.registration_open,
            "invited_by": invitation.invited_by,
        }
        subject = _("Invitation to the training session %(course)s") % {
            "course": session.course.title
        }
        body = render_to_string("training/email/session_invitation.txt", context)
    send_mail(subject, body, None, [address])


@dataclass(frozen=True)
class InvitationOutcome:
    email: str
    invitation: SessionInvitation | None = None
    error: str = ""
    code: str = ""

    @property
    def sent(self) -> bool:
        return self.invitation is not None


def invite_addresses(
    *, session: Session, emails: list[str], by: User, request=None
) -> list[InvitationOutcome]:
    """Invite several addresses, each in its own transaction: a refused address is reported
    and leaves nothing behind, the others are sent. Not atomic on purpose."""
    if len(emails) > MAX_INVITATIONS_AT_ONCE:
        raise TrainingError(
            _("Invite at most %(count)s addresses at once.") % {"count": MAX_INVITATIONS_AT_ONCE},
            code="too_many",
        )
    outcomes = []
    for email in emails:
        try:
            invitation = invite_to_session(session=session, email=email, by=by, request=request)
        except DomainError as error:
            outcomes.append(InvitationOutcome(email, error=str(error.message), code=error.code))
        else:
            outcomes.append(InvitationOutcome(email, invitation=invitation))
    return outcomes
