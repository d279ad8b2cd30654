"""How the training pages scale from the demo to 25 000 participants.

25 000 participants are spread over 250 sessions of 100 places, each with attendance,
a pre- and a post-test and an anonymous evaluation. Prints time per request and queries
at both sizes: queries must stay constant (ratio 1.0); the sheet and the session page show
one session (100 people), so their time should hardly move. The programme dashboard
aggregates all 25 000 in the database: its queries stay constant, its time grows with the
rows the database scans.

    .venv/bin/python bench/bench_training.py
"""

import sys
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.test import Client  # noqa: E402

from equalcity.accounts.models import Organisation, User  # noqa: E402
from equalcity.programmes.demo import DEMO_DOMAIN, load_demo  # noqa: E402
from equalcity.toolboxes.demo import load_demo as load_toolboxes  # noqa: E402
from equalcity.training.demo import load_demo as load_training  # noqa: E402
from equalcity.training.models import (  # noqa: E402
    Attendance,
    Course,
    Enrolment,
    Evaluation,
    Session,
    SessionDay,
    TestAttempt,
)

REPEATS = 10
PARTICIPANTS = 25_000
PER_SESSION = 100
WHEN = datetime(2021, 6, 1, 9, 0, tzinfo=UTC)


def grow(trainer) -> Session:
    course = Course.objects.get(title__contains="migrant women (pilot)")
    organisation = Organisation.objects.get(slug="city-of-luxembourg")
    sessions = Session.objects.bulk_create(
        Session(
            course=course,
            mode=Session.Mode.IN_PERSON,
            city="Luxembourg",
            venue=f"Bench room {i}",
            language="en",
            starts_on=date(2022, 1, 1) + timedelta(days=i),
            ends_on=date(2022, 1, 1) + timedelta(days=i),
            starts_at=time(9),
            ends_at=time(17),
            hours=Decimal("7.0"),
            capacity=PER_SESSION,
        )
        for i in range(PARTICIPANTS // PER_SESSION)
    )
    Session.trainers.through.objects.bulk_create(
        Session.trainers.through(session_id=s.pk, user_id=trainer.pk) for s in sessions
    )
    days = SessionDay.objects.bulk_create(SessionDay(session=s, date=s.starts_on) for s in sessions)
    users = User.objects.bulk_create(
        (
            User(email=f"bench{i}@bench.example", full_name=f"Bench {i}", password="!")  # noqa: S106 - unusable
            for i in range(PARTICIPANTS)
        ),
        batch_size=2000,
    )
    enrolments = Enrolment.objects.bulk_create(
        (
            Enrolment(
                session=sessions[i // PER_SESSION],
                user=user,
                organisation=organisation,
                profession="social_worker",
                status=Enrolment.Status.ENROLLED,
                queued_at=WHEN,
                has_evaluated=True,
            )
            for i, user in enumerate(users)
        ),
        batch_size=2000,
    )
    Attendance.objects.bulk_create(
        (
            Attendance(enrolment=e, day=days[i // PER_SESSION], present=i % 7 != 0)
            for i, e in enumerate(enrolments)
        ),
        batch_size=2000,
    )
    TestAttempt.objects.bulk_create(
        (
            TestAttempt(enrolment=e, kind=kind, score=Decimal(score), confidence=3)
            for i, e in enumerate(enrolments)
            for kind, score in (("pre", 25 + i % 50), ("post", 50 + i % 50))
        ),
        batch_size=2000,
    )
    Evaluation.objects.bulk_create(
        (
            Evaluation(
                session=sessions[i // PER_SESSION],
                relevance=1 + i % 5,
                clarity=4,
                practical_use=1 + i % 3,
            )
            for i in range(PARTICIPANTS)
        ),
        batch_size=2000,
    )
    return sessions[0]


def main() -> int:
    programme = load_demo()
    load_toolboxes(programme=programme)
    load_training(programme=programme)
    trainer = User.objects.get(email=f"trainer@{DEMO_DOMAIN}")
    client = Client()
    client.force_login(trainer)
    held = Session.objects.get(city="Luxembourg", starts_on=date(2021, 4, 19))
    results = {}
    for size in ("demo", "25 000"):
        session = held if size == "demo" else grow(trainer)
        pages = {
            "index": "/en/training/",
            "session": f"/en/training/sessions/{session.public_id}/",
            "attendance": f"/en/training/sessions/{session.public_id}/attendance/",
            "workspace": "/en/toolboxes/work/migrant-women-and-girls/",
            "dashboard": f"/en/training/programmes/{programme.slug}/dashboard/",
        }
        client.force_login(User.objects.get(email=f"editor@{DEMO_DOMAIN}"))
        workspace = harness.measure(client, pages.pop("workspace"), repeats=REPEATS)
        # The programme dashboard, as a partner editor sees it (no second factor needed).
        dashboard = harness.measure(client, pages.pop("dashboard"), repeats=REPEATS)
        client.force_login(trainer)
        rows = {
            name: harness.measure(client, path, repeats=REPEATS) for name, path in pages.items()
        }
        rows["workspace"] = workspace
        rows["dashboard"] = dashboard
        results[f"{Enrolment.objects.count()} participants"] = rows
    (small_label, small), (large_label, large) = results.items()
    print(f"{'page':<11} {'size':<20} {'ms/request':>11} {'queries':>8}")
    for label, rows in results.items():
        for name, (ms, queries) in rows.items():
            print(f"{name:<11} {label:<20} {ms:>11.1f} {queries:>8}")
    print()
    print(f"ratios, {large_label} against {small_label}:")
    for name in small:
        print(
            f"  {name:<11} time x{large[name][0] / small[name][0]:.2f}"
            f"   queries x{large[name][1] / small[name][1]:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
