"""Demo data of this app, loaded by `equalcity load_demo` after the programme and toolboxes.

Idempotent: every row is found by a fixed key and only written when it differs, dates are
fixed, and no value comes from the clock. Every person is labelled as demo data.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.programmes.demo import DEMO_DOMAIN, DEMO_PASSWORD, _upsert
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.training.models import (
    AgeBand,
    Attendance,
    Audience,
    Certificate,
    ChildEvaluation,
    ChildParticipant,
    Course,
    Enrolment,
    Evaluation,
    Profession,
    Question,
    Session,
    SessionDay,
    TestAttempt,
)

WOMEN_SLUG = "migrant-women-and-girls"

# One question bank per module, the same for each module position (demo data).
QUESTIONS = [
    (
        Question.Kind.SINGLE,
        "A woman discloses violence. What do you do first? (demo question)",
        ["Listen and believe her", "Ask for proof", "Call her partner"],
        [0],
    ),
    (
        Question.Kind.MULTIPLE,
        "Which of these are forms of SGBV? (demo question)",
        ["Forced marriage", "Economic control", "Language classes"],
        [0, 1],
    ),
    (Question.Kind.TRUE_FALSE, "Only physical violence counts as SGBV. (demo question)", [], [1]),
    (
        Question.Kind.SHORT,
        "Which consent should a referral have? One word. (demo question)",
        [],
        ["informed"],
    ),
]

# participant number → (pre score, post score, confidence before, after, present days)
RESULTS = {
    1: ("40.00", "80.00", 2, 4, 2),
    2: ("50.00", "75.00", 3, 4, 2),
    3: ("25.00", "75.00", 2, 3, 2),
    4: ("50.00", "100.00", 3, 5, 2),
    5: ("75.00", "75.00", 3, 3, 1),
    6: ("25.00", "50.00", 1, 3, 2),
}
EVALUATIONS = [
    (5, 4, 5, "More time for role plays (demo data)."),
    (4, 4, 4, "Add a module on online harassment (demo data)."),
    (5, 5, 4, ""),
    (4, 3, 4, "Interpreters should join the second day (demo data)."),
    (5, 4, 5, ""),
    (3, 4, 3, "Shorter slides (demo data)."),
]
HELD_AT = datetime(2021, 4, 19, 8, 0, tzinfo=UTC)


def _participant(number: int, programme, organisation) -> User:
    email = f"participant{number}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=f"Demo participant {number} (demo data)"
        )
    _upsert(
        Membership,
        {"user": user, "programme": programme, "role": Role.FRONTLINE_WORKER},
        {"organisation": organisation, "is_active": True},
    )
    return user


def _session(course, key_city, starts_on, ends_on, **values):
    session = _upsert(
        Session,
        {"course": course, "city": key_city, "starts_on": starts_on},
        {"ends_on": ends_on, **values},
    )
    day = starts_on
    while day <= ends_on:
        _upsert(SessionDay, {"session": session, "date": day}, {})
        day = date.fromordinal(day.toordinal() + 1)
    return session


def load_demo(*, programme) -> None:
    toolbox = toolbox_selectors.published_toolbox(WOMEN_SLUG)
    trainer = User.objects.filter(email=f"trainer@{DEMO_DOMAIN}").first()
    if toolbox is None or trainer is None:
        return
    edition = toolbox_selectors.edition_by_number(toolbox, "1.1") or toolbox.latest_edition
    organiser = Organisation.objects.get(slug="femmes-en-detresse")
    for module in toolbox_selectors.workspace_modules(toolbox):
        for position, (kind, text, options, correct) in enumerate(QUESTIONS, start=1):
            if kind == Question.Kind.TRUE_FALSE:
                options = ["True", "False"]
            _upsert(
                Question,
                {"module": module, "position": position},
                {
                    "kind": kind,
                    "text": text.replace("(demo question)", f"(module {module.position}, demo)"),
                    "options": options,
                    "correct": correct,
                },
            )
    course = _upsert(
        Course,
        {"programme": programme, "title": "Responding to SGBV against migrant women (pilot)"},
        {
            "edition": edition,
            "audience": Audience.FRONTLINE_WORKERS,
            "organiser": organiser,
            "is_demo": True,
        },
    )
    held = _session(
        course,
        "Luxembourg",
        date(2021, 4, 19),
        date(2021, 4, 20),
        mode=Session.Mode.IN_PERSON,
        venue="Demo training room (demo data)",
        language="fr",
        starts_at=time(9, 0),
        ends_at=time(16, 30),
        hours=Decimal("12.0"),
        capacity=20,
        registration_open=False,
    )
    held.trainers.set([trainer])
    upcoming = _session(
        course,
        "Luxembourg",
        date(2030, 3, 12),
        date(2030, 3, 12),
        mode=Session.Mode.HYBRID,
        venue="Demo training room (demo data)",
        meeting_url="https://meet.demo.equalcity.example/pilot-2030",
        language="en",
        starts_at=time(9, 0),
        ends_at=time(16, 0),
        hours=Decimal("6.0"),
        capacity=25,
        registration_open=True,
    )
    upcoming.trainers.set([trainer])

    days = list(SessionDay.objects.filter(session=held).order_by("date"))
    city_of_luxembourg = Organisation.objects.get(slug="city-of-luxembourg")
    people = [_participant(number, programme, city_of_luxembourg) for number in RESULTS]
    for number, user in zip(RESULTS, people, strict=True):
        pre, post, before, after, present_days = RESULTS[number]
        enrolment = _upsert(
            Enrolment,
            {"session": held, "user": user},
            {
                "organisation": city_of_luxembourg,
                "profession": Profession.SOCIAL_WORKER,
                "status": Enrolment.Status.ENROLLED,
                "queued_at": HELD_AT,
                "has_evaluated": True,
            },
        )
        for index, day in enumerate(days):
            _upsert(
                Attendance,
                {"enrolment": enrolment, "day": day},
                {"present": index < present_days, "marked_by": trainer},
            )
        for kind, score, confidence in (
            (TestAttempt.Kind.PRE, pre, before),
            (TestAttempt.Kind.POST, post, after),
        ):
            _upsert(
                TestAttempt,
                {"enrolment": enrolment, "kind": kind},
                {"score": Decimal(score), "confidence": confidence, "answers": {}},
            )
        if number == 1:
            _upsert(
                Certificate,
                {"code": "DEMO2021LU"},
                {
                    "enrolment": enrolment,
                    "holder_name": user.full_name,
                    "course_title": course.title,
                    "organiser_name": organiser.name,
                    "hours": held.hours,
                    "starts_on": held.starts_on,
                    "ends_on": held.ends_on,
                    "issued_at": datetime(2021, 4, 21, 9, 0, tzinfo=UTC),
                },
            )
    _children_session(programme, edition, trainer)
    _pilot_sessions(programme, course, edition, trainer)
    for relevance, clarity, practical_use, text in EVALUATIONS:
        _upsert(
            Evaluation,
            {
                "session": held,
                "relevance": relevance,
                "clarity": clarity,
                "practical_use": practical_use,
                "what_to_change": text,
            },
            {},
        )


# pseudonym → (age band, pre score, post score, smileys liked/learned/felt safe)
CHILDREN = [
    ("Comet-214", AgeBand.AGE_15_17, 40, 80, (3, 3, 3)),
    ("Cedar-381", AgeBand.AGE_15_17, 60, 80, (3, 2, 3)),
    ("River-457", AgeBand.AGE_12_14, 20, 60, (3, 3, 2)),
    ("Maple-529", AgeBand.AGE_15_17, 50, 100, (2, 3, 3)),
    ("Orbit-613", AgeBand.AGE_12_14, 40, 60, (3, 3, 3)),
    ("Coral-748", AgeBand.AGE_15_17, 80, 80, (3, 2, 3)),
]


def _children_session(programme, edition, trainer):
    course = _upsert(
        Course,
        {"programme": programme, "title": "Your rights and where to find help (children, pilot)"},
        {
            "edition": edition,
            "audience": Audience.CHILDREN,
            "organiser": Organisation.objects.get(slug="sapienza-university"),
            "is_demo": True,
        },
    )
    session = _session(
        course,
        "Rome",
        date(2021, 5, 8),
        date(2021, 5, 8),
        mode=Session.Mode.IN_PERSON,
        venue="Demo youth centre (demo data)",
        language="it",
        starts_at=time(10, 0),
        ends_at=time(13, 0),
        hours=Decimal("3.0"),
        capacity=15,
        registration_open=False,
    )
    session.trainers.set([trainer])
    for pseudonym, age_band, pre, post, _smileys in CHILDREN:
        _upsert(
            ChildParticipant,
            {"session": session, "pseudonym": pseudonym},
            {
                "age_band": age_band,
                "guardian_consent": True,
                "consent_date": date(2021, 5, 3),
                "created_by": trainer,
                "pre_score": pre,
                "post_score": post,
                "has_evaluated": True,
            },
        )
    for liked, learned, felt_safe in {smileys for *_rest, smileys in CHILDREN}:
        count = sum(1 for *_rest, smileys in CHILDREN if smileys == (liked, learned, felt_safe))
        existing = ChildEvaluation.objects.filter(
            session=session, liked=liked, learned=learned, felt_safe=felt_safe
        ).count()
        for _missing in range(count - existing):
            ChildEvaluation.objects.create(
                session=session, liked=liked, learned=learned, felt_safe=felt_safe
            )


# The pilot in the four cities (demo data): one held session of the frontline course and
# one children's session per city, with deterministic synthetic results.
# city → (organisation of the participants, first day, language, participants, children)
PILOT = {
    "Brussels": ("brussels-capital-region", date(2021, 2, 22), "fr", 12, 10),
    "Luxembourg": ("city-of-luxembourg", date(2021, 6, 14), "fr", 10, 8),
    "Rome": ("city-of-rome", date(2021, 9, 20), "it", 12, 0),  # Rome's children: above
    "Gothenburg": ("city-of-gothenburg", date(2021, 10, 18), "en", 12, 10),
}
FIRST_PILOT_NUMBER = 101
PROFESSIONS = list(Profession.values)
ANIMALS = ["Falcon", "Willow", "Harbor", "Meadow", "Summit", "Breeze", "Pebble", "Lantern"]


def _pilot_result(number: int):
    """(pre, post, confidence before, after, days present of 2) for participant ``number``."""
    pre = 20 + (number * 7) % 45
    post = min(100, pre + 15 + (number * 11) % 35)
    present = 1 if number % 9 == 0 else 2
    return Decimal(pre), Decimal(post), 2 + number % 2, 4, present


def _pilot_people(numbers, programme, organisations):
    """The demo participants, created together; unusable passwords (they never sign in)."""
    emails = {number: f"participant{number}@{DEMO_DOMAIN}" for number in numbers}
    existing = set(User.objects.filter(email__in=emails.values()).values_list("email", flat=True))
    User.objects.bulk_create(
        User(
            email=email,
            full_name=f"Demo participant {number} (demo data)",
            password="!",  # noqa: S106 - unusable: no one signs in as a demo participant
        )
        for number, email in emails.items()
        if email not in existing
    )
    users = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    have = set(
        Membership.objects.filter(programme=programme, user__email__in=emails.values()).values_list(
            "user__email", flat=True
        )
    )
    Membership.objects.bulk_create(
        Membership(
            user=users[email],
            programme=programme,
            role=Role.FRONTLINE_WORKER,
            organisation=organisations[number],
            is_active=True,
        )
        for number, email in emails.items()
        if email not in have
    )
    return {number: users[email] for number, email in emails.items()}


def _pilot_sessions(programme, course, edition, trainer):
    children_course = Course.objects.get(
        programme=programme, title="Your rights and where to find help (children, pilot)"
    )
    number = FIRST_PILOT_NUMBER
    plan = []
    for city, (org_slug, starts_on, language, participants, children) in PILOT.items():
        organisation = Organisation.objects.get(slug=org_slug)
        plan.append(
            (
                city,
                organisation,
                starts_on,
                language,
                range(number, number + participants),
                children,
            )
        )
        number += participants
    people = _pilot_people(
        [n for *_rest, numbers, _children in plan for n in numbers],
        programme,
        {n: organisation for _city, organisation, _s, _l, numbers, _c in plan for n in numbers},
    )
    for city, organisation, starts_on, language, numbers, children in plan:
        ends_on = date.fromordinal(starts_on.toordinal() + 1)
        session = _session(
            course,
            city,
            starts_on,
            ends_on,
            mode=Session.Mode.IN_PERSON,
            venue=f"Demo training room, {city} (demo data)",
            language=language,
            starts_at=time(9, 0),
            ends_at=time(16, 30),
            hours=Decimal("12.0"),
            capacity=20,
            registration_open=False,
        )
        session.trainers.set([trainer])
        _pilot_results(session, people, numbers, organisation, trainer)
        if children:
            _pilot_children(children_course, city, starts_on, language, children, trainer)


def _pilot_results(session, people, numbers, organisation, trainer):
    queued_at = datetime.combine(session.starts_on, time(8, 0), tzinfo=UTC)
    have = set(Enrolment.objects.filter(session=session).values_list("user_id", flat=True))
    Enrolment.objects.bulk_create(
        Enrolment(
            session=session,
            user=people[n],
            organisation=organisation,
            profession=PROFESSIONS[n % len(PROFESSIONS)],
            status=Enrolment.Status.ENROLLED,
            queued_at=queued_at,
            has_evaluated=True,
        )
        for n in numbers
        if people[n].pk not in have
    )
    enrolments = {e.user_id: e for e in Enrolment.objects.filter(session=session)}
    days = list(SessionDay.objects.filter(session=session).order_by("date"))
    marked = set(
        Attendance.objects.filter(enrolment__session=session).values_list("enrolment_id", "day_id")
    )
    tested = set(
        TestAttempt.objects.filter(enrolment__session=session).values_list("enrolment_id", "kind")
    )
    attendance, tests = [], []
    for n in numbers:
        enrolment = enrolments[people[n].pk]
        pre, post, before, after, present_days = _pilot_result(n)
        for index, day in enumerate(days):
            if (enrolment.pk, day.pk) not in marked:
                attendance.append(
                    Attendance(
                        enrolment=enrolment,
                        day=day,
                        present=index < present_days,
                        marked_by=trainer,
                    )
                )
        for kind, score, confidence in (("pre", pre, before), ("post", post, after)):
            if (enrolment.pk, kind) not in tested:
                tests.append(
                    TestAttempt(
                        enrolment=enrolment,
                        kind=kind,
                        score=score,
                        confidence=confidence,
                        answers={},
                    )
                )
    Attendance.objects.bulk_create(attendance)
    TestAttempt.objects.bulk_create(tests)
    wanted = len(numbers)
    existing = Evaluation.objects.filter(session=session).count()
    Evaluation.objects.bulk_create(
        Evaluation(
            session=session,
            relevance=3 + i % 3,
            clarity=4 + i % 2,
            practical_use=3 + (i * 2) % 3,
            what_to_change="" if i % 3 else f"Demo suggestion {i + 1} (demo data).",
        )
        for i in range(existing, wanted)
    )


def _pilot_children(children_course, city, starts_on, language, count, trainer):
    day = date.fromordinal(starts_on.toordinal() + 3)
    session = _session(
        children_course,
        city,
        day,
        day,
        mode=Session.Mode.IN_PERSON,
        venue=f"Demo youth centre, {city} (demo data)",
        language=language,
        starts_at=time(10, 0),
        ends_at=time(13, 0),
        hours=Decimal("3.0"),
        capacity=15,
        registration_open=False,
    )
    session.trainers.set([trainer])
    bands = [AgeBand.AGE_12_14, AgeBand.AGE_15_17]
    have = set(ChildParticipant.objects.filter(session=session).values_list("pseudonym", flat=True))
    ChildParticipant.objects.bulk_create(
        ChildParticipant(
            session=session,
            pseudonym=f"{ANIMALS[i % len(ANIMALS)]}-{city[:3].upper()}{i + 1:02d}",
            age_band=bands[i % 2],
            guardian_consent=True,
            consent_date=date.fromordinal(day.toordinal() - 5),
            created_by=trainer,
            pre_score=30 + (i * 13) % 40,
            post_score=min(100, 60 + (i * 7) % 40),
            has_evaluated=True,
        )
        for i in range(count)
        if f"{ANIMALS[i % len(ANIMALS)]}-{city[:3].upper()}{i + 1:02d}" not in have
    )
    existing = ChildEvaluation.objects.filter(session=session).count()
    ChildEvaluation.objects.bulk_create(
        ChildEvaluation(session=session, liked=3, learned=2 + i % 2, felt_safe=3)
        for i in range(existing, count)
    )
