"""Reads of the training app: aggregates in the database, a constant number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from equalcity.core.privacy import Cell, suppress_count, suppress_small_cells
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.toolboxes.models import EditionModule, Toolbox
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


def courses_of(programme):
    return Course.objects.filter(programme=programme).select_related(
        "edition__toolbox", "organiser"
    )


def sessions_of(programme):
    """Sessions with their course, trainers and how many places are taken."""
    return (
        Session.objects.filter(course__programme=programme)
        .select_related("course__edition__toolbox", "course__organiser")
        .prefetch_related("trainers")
        .annotate(
            enrolled_count=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)
            ),
            waiting_count=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)
            ),
        )
        .order_by("-starts_on", "id")
    )


def session_for(programme, public_id) -> Session | None:
    return sessions_of(programme).filter(public_id=public_id).first()


def enrolment_of(session: Session, user) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(session=session, user=user)
        .select_related("session__course", "organisation")
        .prefetch_related("tests")
        .first()
    )


def course_questions(course: Course):
    """The question bank of the modules the course's pinned edition teaches."""
    module_ids = toolbox_selectors.edition_contents(course.edition).values("source_module_id")
    return Question.objects.filter(module_id__in=Subquery(module_ids)).order_by(
        "module__position", "position"
    )


def session_days(session: Session):
    return list(SessionDay.objects.filter(session=session).order_by("date"))


def attendance_sheet(session: Session, day: SessionDay):
    """Enrolled people with whether they are marked present on ``day`` (None: not marked)."""
    return (
        Enrolment.objects.filter(session=session, status=Enrolment.Status.ENROLLED)
        .select_related("user", "organisation")
        .annotate(
            present=Subquery(
                Attendance.objects.filter(enrolment=OuterRef("pk"), day=day).values("present")[:1]
            )
        )
        .order_by("user__full_name", "user__email")
    )


@dataclass
class Progress:
    attendance_percent: int
    post_score: Decimal | None
    missing: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def completion(enrolment: Enrolment) -> Progress:
    """Whether the completion rules of the course are met: attendance share and post-test."""
    course = enrolment.session.course
    figures = SessionDay.objects.filter(session_id=enrolment.session_id).aggregate(
        days=Count("id", distinct=True),
        present=Count(
            "attendance",
            filter=Q(attendance__enrolment=enrolment, attendance__present=True),
            distinct=True,
        ),
    )
    percent = round(100 * figures["present"] / figures["days"]) if figures["days"] else 0
    post = (
        TestAttempt.objects.filter(enrolment=enrolment, kind=TestAttempt.Kind.POST)
        .values_list("score", flat=True)
        .first()
    )
    missing = []
    if enrolment.status != Enrolment.Status.ENROLLED:
        missing.append(_("not enrolled"))
    if percent < course.min_attendance_percent:
        missing.append(
            _("attendance %(percent)s%% of %(needed)s%% needed")
            % {"percent": percent, "needed": course.min_attendance_percent}
        )
    if post is None:
        missing.append(_("post-test not taken"))
    elif post < course.pass_mark_percent:
        missing.append(
            _("post-test %(score)s%% under the pass mark of %(needed)s%%")
            % {"score": post, "needed": course.pass_mark_percent}
        )
    return Progress(attendance_percent=percent, post_score=post, missing=missing)


def hake_gain(pre: Decimal | float | None, post: Decimal | float | None) -> float | None:
    """Normalised learning gain g = (post − pre) / (100 − pre); undefined when pre is 100."""
    if pre is None or post is None or pre >= 100:
        return None
    return round(float(post - pre) / float(100 - pre), 2)


def attendance_percent(days: int, present: int) -> int:
    """The share of the session's days a person was present on, as :func:`completion` counts."""
    return round(100 * present / days) if days else 0


def meets_completion(course: Course, percent: int, post_score) -> bool:
    """The completion rules of :func:`completion`, on figures already at hand."""
    return (
        percent >= course.min_attendance_percent
        and post_score is not None
        and post_score >= course.pass_mark_percent
    )


def participant_results(session: Session):
    """Per enrolled participant: pre and post score, confidence, gain, attendance and
    whether the course is complete (for the trainer). One query whatever the size."""
    pre = TestAttempt.objects.filter(enrolment=OuterRef("pk"), kind=TestAttempt.Kind.PRE)
    post = TestAttempt.objects.filter(enrolment=OuterRef("pk"), kind=TestAttempt.Kind.POST)
    days = (
        SessionDay.objects.filter(session=OuterRef("session"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    present = (
        Attendance.objects.filter(enrolment=OuterRef("pk"), present=True)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    rows = (
        Enrolment.objects.filter(session=session, status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .annotate(
            pre_score=Subquery(pre.values("score")[:1]),
            post_score=Subquery(post.values("score")[:1]),
            pre_confidence=Subquery(pre.values("confidence")[:1]),
            post_confidence=Subquery(post.values("confidence")[:1]),
            day_count=Coalesce(Subquery(days), 0),
            present_days=Coalesce(Subquery(present), 0),
        )
        .order_by("user__full_name", "user__email")
    )
    rows = list(rows)
    course = session.course
    for row in rows:
        row.gain = hake_gain(row.pre_score, row.post_score)
        row.attendance_percent = attendance_percent(row.day_count, row.present_days)
        row.complete = meets_completion(course, row.attendance_percent, row.post_score)
    return rows


@dataclass(frozen=True)
class SessionGain:
    participants: Cell
    pre: Decimal | None
    post: Decimal | None
    gain: float | None


def session_gain(session: Session) -> SessionGain:
    """Hake's class gain from the mean pre and post scores of people who took both.

    Under five such people the means would describe individuals, so nothing is shown.
    """
    figures = (
        Enrolment.objects.filter(
            session=session,
            status=Enrolment.Status.ENROLLED,
            tests__kind=TestAttempt.Kind.PRE,
        )
        .filter(
            Exists(TestAttempt.objects.filter(enrolment=OuterRef("pk"), kind=TestAttempt.Kind.POST))
        )
        .aggregate(
            n=Count("pk", distinct=True),
            pre=Avg("tests__score", filter=Q(tests__kind=TestAttempt.Kind.PRE)),
        )
    )
    post = TestAttempt.objects.filter(
        kind=TestAttempt.Kind.POST,
        enrolment__session=session,
        enrolment__status=Enrolment.Status.ENROLLED,
        enrolment__tests__kind=TestAttempt.Kind.PRE,
    ).aggregate(post=Avg("score"))["post"]
    participants = suppress_count(figures["n"])
    if participants.suppressed or not figures["n"]:
        return SessionGain(participants, None, None, None)
    pre = Decimal(figures["pre"]).quantize(Decimal("0.1"))
    post = Decimal(post).quantize(Decimal("0.1"))
    return SessionGain(participants, pre, post, hake_gain(pre, post))


RATINGS = ("relevance", "clarity", "practical_use")
RATING_LABELS = {
    "relevance": _("Relevance to their work"),
    "clarity": _("Clarity"),
    "practical_use": _("Practical use of the tool"),
}


def _evaluation_summary(queryset) -> dict:
    """Counts of each rating 1–5 per criterion, suppressed; means only over enough answers."""
    aggregates = {"n": Count("id")}
    for name in RATINGS:
        aggregates[f"{name}_mean"] = Avg(name)
        for value in range(1, 6):
            aggregates[f"{name}_{value}"] = Count("id", filter=Q(**{name: value}))
    figures = queryset.aggregate(**aggregates)
    answers = suppress_count(figures["n"])
    criteria = []
    for name in RATINGS:
        counts = suppress_small_cells({value: figures[f"{name}_{value}"] for value in range(1, 6)})
        mean = figures[f"{name}_mean"]
        criteria.append(
            {
                "name": name,
                "label": RATING_LABELS[name],
                "counts": [counts[value] for value in range(1, 6)],
                "mean": None if answers.suppressed or mean is None else round(mean, 1),
            }
        )
    return {"answers": answers, "criteria": criteria}


def session_evaluations(session: Session) -> dict:
    return _evaluation_summary(Evaluation.objects.filter(session=session))


def change_suggestions(session: Session) -> list[str]:
    """Free text is shown only once five people have answered, so no one stands out."""
    answers = Evaluation.objects.filter(session=session).count()
    texts = list(
        Evaluation.objects.filter(session=session)
        .exclude(what_to_change="")
        .order_by("?")
        .values_list("what_to_change", flat=True)
    )
    return [] if suppress_count(answers).suppressed else texts


def toolbox_evaluations(toolbox: Toolbox) -> dict:
    """Evaluations of every session of courses on any edition of the toolbox, for its editors."""
    return _evaluation_summary(Evaluation.objects.filter(session__course__edition__toolbox=toolbox))


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code.upper()).first()


def certificate_of(enrolment: Enrolment) -> Certificate | None:
    return Certificate.objects.filter(enrolment=enrolment).first()


def my_enrolments(user):
    return (
        Enrolment.objects.filter(user=user)
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("session__course")
        .order_by("-session__starts_on")
    )


def _enrolled_count():
    """Places taken, as a correlated subquery: counted only for the rows a page shows."""
    return Subquery(
        Enrolment.objects.filter(session=OuterRef("pk"), status=Enrolment.Status.ENROLLED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )


def visible_sessions(user):
    """Sessions of every programme the user is an active member of."""
    from equalcity.accounts.models import Membership

    programmes = Membership.objects.active().filter(user=user).values("programme_id")
    return (
        Session.objects.filter(course__programme_id__in=Subquery(programmes))
        .select_related("course__edition__toolbox", "course__organiser", "course__programme")
        .prefetch_related("trainers")
        .annotate(enrolled_count=Coalesce(_enrolled_count(), 0))
        .order_by("-starts_on", "id")
    )


def visible_session(user, public_id) -> Session | None:
    return visible_sessions(user).filter(public_id=public_id).first()


def attendance_by_day(session: Session) -> list[dict]:
    """Every day of the session with each enrolled person and whether they were present
    (``None``: not marked). Three queries whatever the size."""
    days = session_days(session)
    people = list(
        Enrolment.objects.filter(session=session, status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("user__full_name", "user__email", "id")
    )
    marked = {
        (enrolment_id, day_id): present
        for enrolment_id, day_id, present in Attendance.objects.filter(
            day__session=session, enrolment__status=Enrolment.Status.ENROLLED
        ).values_list("enrolment_id", "day_id", "present")
    }
    return [
        {
            "date": day.date,
            "participants": [
                {"enrolment": person, "present": marked.get((person.pk, day.pk))}
                for person in people
            ],
        }
        for day in days
    ]


def enrolment_in(session: Session, public_id) -> Enrolment | None:
    return (
        Enrolment.objects.filter(session=session, public_id=public_id)
        .select_related("session", "user")
        .first()
    )


def children_of(session: Session):
    """The session's children with their gain, for their trainer only."""
    children = list(ChildParticipant.objects.filter(session=session).order_by("pseudonym"))
    for child in children:
        child.gain = hake_gain(child.pre_score, child.post_score)
    return children


def invitation_of(session: Session, user) -> SessionInvitation | None:
    """The invitation of ``user`` to ``session``: to their account, to their e-mail address
    (invited before they had joined the programme), or through the programme invitation
    they accepted."""
    if not user.is_authenticated:
        return None
    return (
        SessionInvitation.objects.filter(session=session)
        .filter(
            Q(user=user)
            | Q(email_hash=invitation_email_hash(user.email))
            | Q(programme_invitation__accepted_by=user)
        )
        .order_by("sent_at", "id")
        .first()
    )


def session_invitations(session: Session):
    """The session's invitations, newest first, with the address or person invited and the
    invited person's registration (``registration``: an Enrolment status or ``None``)."""
    invitee = Coalesce(F("user"), F("programme_invitation__accepted_by"))
    registration = Subquery(
        Enrolment.objects.filter(session=OuterRef("session"), user=OuterRef("invitee")).values(
            "status"
        )[:1]
    )
    return (
        SessionInvitation.objects.filter(session=session)
        .select_related("user", "programme_invitation", "invited_by")
        .annotate(invitee=invitee)
        .annotate(registration=registration)
        .order_by("-sent_at", "-id")
    )


def child_in(session: Session, public_id) -> ChildParticipant | None:
    return ChildParticipant.objects.filter(session=session, public_id=public_id).first()


SMILEYS = ("liked", "learned", "felt_safe")


def child_evaluations(session: Session) -> dict:
    aggregates = {"n": Count("id")}
    for name in SMILEYS:
        for value in (1, 2, 3):
            aggregates[f"{name}_{value}"] = Count("id", filter=Q(**{name: value}))
    figures = ChildEvaluation.objects.filter(session=session).aggregate(**aggregates)
    rows = []
    for name in SMILEYS:
        counts = suppress_small_cells({value: figures[f"{name}_{value}"] for value in (1, 2, 3)})
        rows.append(
            {
                "label": ChildEvaluation._meta.get_field(name).verbose_name,
                "counts": [counts[value] for value in (1, 2, 3)],
            }
        )
    return {"answers": suppress_count(figures["n"]), "rows": rows}


def path_modules(enrolment: Enrolment) -> list:
    """The modules of the course's pinned edition, each marked done or not, in order."""
    done = set(
        ModuleProgress.objects.filter(enrolment=enrolment).values_list("module_id", flat=True)
    )
    modules = list(toolbox_selectors.edition_contents(enrolment.session.course.edition))
    for module in modules:
        module.done = module.pk in done
    return modules


def visible_courses(user):
    from equalcity.accounts.models import Membership

    programmes = Membership.objects.active().filter(user=user).values("programme_id")
    return (
        Course.objects.filter(programme_id__in=Subquery(programmes))
        .select_related("edition__toolbox", "organiser", "programme")
        .order_by("title", "id")
    )


# --- Programme dashboard ---------------------------------------------------------------
#
# Every figure is aggregated in the database; the number of queries does not depend on how
# many sessions or participants there are (see tests/training/test_dashboard.py).

ONLINE = "online"


def _post_score():
    return Subquery(
        TestAttempt.objects.filter(enrolment=OuterRef("pk"), kind=TestAttempt.Kind.POST).values(
            "score"
        )[:1]
    )


def completed_enrolments(programme):
    """Enrolments meeting the completion rules: attendance share and post-test pass mark.

    The same rules as :func:`completion`, written as one query: days of the session and days
    present are correlated counts, compared with the course's percentages.
    """
    days = (
        SessionDay.objects.filter(session=OuterRef("session"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    present = (
        Attendance.objects.filter(enrolment=OuterRef("pk"), present=True)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        Enrolment.objects.filter(
            session__course__programme=programme, status=Enrolment.Status.ENROLLED
        )
        .exclude(session__course__audience=Audience.CHILDREN)
        .annotate(
            day_count=Coalesce(Subquery(days), 0),
            present_count=Coalesce(Subquery(present), 0),
            post=_post_score(),
        )
        .filter(
            day_count__gt=0,
            present_count__gte=F("day_count")
            * F("session__course__min_attendance_percent")
            / 100.0,
            post__gte=F("session__course__pass_mark_percent"),
        )
    )


@dataclass(frozen=True)
class TargetProgress:
    measure: str
    label: str
    value: int
    reached: Cell

    @property
    def percent(self) -> int:
        if self.reached.suppressed or not self.value:
            return 0
        return min(100, round(100 * self.reached.value / self.value))

    @property
    def shown(self) -> int:
        """What the progress bar shows: nothing while the count itself is hidden."""
        return 0 if self.reached.suppressed else min(self.reached.value, self.value)


def gain_cells(n, pre, post):
    """Participants, mean pre and post and Hake's class gain; means only from five people."""
    cell = suppress_count(n or 0)
    if cell.suppressed or not n or pre is None or post is None:
        return {"participants": cell, "pre": None, "post": None, "gain": None}
    pre = Decimal(pre).quantize(Decimal("0.1"))
    post = Decimal(post).quantize(Decimal("0.1"))
    return {"participants": cell, "pre": pre, "post": post, "gain": hake_gain(pre, post)}


def evaluation_cells(figures):
    answers = suppress_count(figures.get("evaluations") or 0)
    means = {}
    for name in RATINGS:
        mean = figures.get(name)
        means[name] = None if answers.suppressed or mean is None else round(mean, 1)
    return {"evaluations": answers, **means}


def tests_taken_both():
    """Test attempts of enrolled participants who took both the pre- and the post-test."""
    return TestAttempt.objects.filter(enrolment__status=Enrolment.Status.ENROLLED).filter(
        Exists(
            TestAttempt.objects.filter(enrolment=OuterRef("enrolment"), kind=TestAttempt.Kind.PRE)
        ),
        Exists(
            TestAttempt.objects.filter(enrolment=OuterRef("enrolment"), kind=TestAttempt.Kind.POST)
        ),
    )


def gain_aggregates():
    return {
        "n": Count("enrolment", distinct=True),
        "pre": Avg("score", filter=Q(kind=TestAttempt.Kind.PRE)),
        "post": Avg("score", filter=Q(kind=TestAttempt.Kind.POST)),
    }


def evaluation_aggregates():
    return {"evaluations": Count("id", distinct=True), **{name: Avg(name) for name in RATINGS}}


def programme_dashboard(programme, *, today) -> dict:
    """Progress toward the targets and the results of the programme's held sessions.

    Thirteen queries whatever the size (asserted in tests/training/test_dashboard.py).
    Counts of people go through the small-cell helpers.
    """
    from equalcity.programmes.models import ProgrammeTarget

    measures = ProgrammeTarget.Measure
    targets = dict(
        ProgrammeTarget.objects.filter(
            programme=programme,
            measure__in=[measures.FRONTLINE_WORKERS_TRAINED, measures.CHILDREN_TRAINED],
        ).values_list("measure", "value")
    )
    workers = completed_enrolments(programme).aggregate(n=Count("user", distinct=True))["n"]
    held = Session.objects.filter(course__programme=programme, starts_on__lte=today)
    children = ChildParticipant.objects.filter(
        session__in=held, session__course__audience=Audience.CHILDREN
    ).count()
    progress = [
        TargetProgress(measure, str(measures(measure).label), targets[measure], suppress_count(n))
        for measure, n in (
            (measures.FRONTLINE_WORKERS_TRAINED, workers),
            (measures.CHILDREN_TRAINED, children),
        )
        if measure in targets
    ]

    # Sessions held, participants and children per city (online sessions have no city).
    sessions_per_city = {
        row["city"] or ONLINE: row["n"]
        for row in held.order_by().values("city").annotate(n=Count("pk", distinct=True))
    }
    enrolled = Enrolment.objects.filter(session__in=held, status=Enrolment.Status.ENROLLED)
    people_per_city = {
        row["session__city"] or ONLINE: row["n"]
        for row in enrolled.order_by()
        .values("session__city")
        .annotate(n=Count("user", distinct=True))
    }
    children_per_city = {
        row["session__city"] or ONLINE: row["n"]
        for row in ChildParticipant.objects.filter(session__in=held)
        .order_by()
        .values("session__city")
        .annotate(n=Count("pk", distinct=True))
    }
    cities = sorted(set(sessions_per_city) | set(people_per_city) | set(children_per_city))
    people_cells = suppress_small_cells({city: people_per_city.get(city, 0) for city in cities})
    children_cells = suppress_small_cells({city: children_per_city.get(city, 0) for city in cities})
    city_rows = [
        {
            "city": city,
            "online": city == ONLINE,
            "sessions": sessions_per_city.get(city, 0),
            "participants": people_cells[city],
            "children": children_cells[city],
        }
        for city in cities
    ]

    professions = {
        row["profession"]: row["n"]
        for row in enrolled.order_by().values("profession").annotate(n=Count("user", distinct=True))
    }
    profession_cells = suppress_small_cells(
        {value: professions.get(value, 0) for value, _label in Profession.choices}
    )
    profession_rows = [
        {"profession": value, "label": label, "participants": profession_cells[value]}
        for value, label in Profession.choices
    ]

    # Per session: one grouped query for the tests, one for the evaluations.
    sessions = list(
        held.select_related("course")
        .annotate(
            participants=Count(
                "enrolments__user",
                filter=Q(enrolments__status=Enrolment.Status.ENROLLED),
                distinct=True,
            )
        )
        .order_by("starts_on", "id")
    )
    gains = {
        row["enrolment__session"]: row
        for row in tests_taken_both()
        .filter(enrolment__session__in=held)
        .order_by()
        .values("enrolment__session")
        .annotate(**gain_aggregates())
    }
    evaluations = {
        row["session"]: row
        for row in Evaluation.objects.filter(session__in=held)
        .order_by()
        .values("session")
        .annotate(**evaluation_aggregates())
    }
    session_rows = []
    for session in sessions:
        gain = gains.get(session.pk, {})
        session_rows.append(
            {
                "session": session,
                **gain_cells(gain.get("n"), gain.get("pre"), gain.get("post")),
                "enrolled": suppress_count(session.participants),
                **evaluation_cells(evaluations.get(session.pk, {})),
            }
        )

    # Per module of the pinned editions: a session teaches every module of its edition.
    module_key = "enrolment__session__course__edition__modules__source_module_id"
    module_gains = {
        row[module_key]: row
        for row in tests_taken_both()
        .filter(enrolment__session__in=held)
        .order_by()
        .values(module_key)
        .annotate(**gain_aggregates())
    }
    eval_key = "session__course__edition__modules__source_module_id"
    module_evaluations = {
        row[eval_key]: row
        for row in Evaluation.objects.filter(session__in=held)
        .order_by()
        .values(eval_key)
        .annotate(**evaluation_aggregates())
    }
    module_titles = {}
    for module_id, title, position in (
        EditionModule.objects.filter(edition__courses__sessions__in=held)
        .order_by("position", "edition__published_at")
        .values_list("source_module_id", "title", "position")
        .distinct()
    ):
        module_titles.setdefault(module_id, (position, title))
    module_rows = []
    for module_id, (position, title) in sorted(module_titles.items(), key=lambda i: i[1]):
        gain = module_gains.get(module_id, {})
        module_rows.append(
            {
                "position": position,
                "title": title,
                **gain_cells(gain.get("n"), gain.get("pre"), gain.get("post")),
                **evaluation_cells(module_evaluations.get(module_id, {})),
            }
        )
    return {
        "progress": progress,
        "cities": city_rows,
        "cities_total": {
            "sessions": sum(sessions_per_city.values()),
            "participants": people_cells.total,
            "children": children_cells.total,
        },
        "professions": profession_rows,
        "professions_total": profession_cells.total,
        "sessions": session_rows,
        "modules": module_rows,
    }


def dashboard_programmes(user):
    """Programmes whose training dashboard the user may see (role checked by the rule)."""
    from equalcity.accounts.models import Membership
    from equalcity.programmes.models import Programme

    programmes = Membership.objects.active().filter(user=user).values("programme_id")
    return Programme.objects.filter(pk__in=Subquery(programmes)).order_by("name")
