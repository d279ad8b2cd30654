"""How the toolbox reader pages scale with the size of a toolbox.

Publishes a toolbox at two sizes and prints the time per request and the number of queries
of each reader page, and their ratios: queries must stay constant (ratio 1.0) and time
should grow far slower than the toolbox.

    .venv/bin/python bench/bench_toolboxes.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["EQUALCITY_ENV"] = "test"
os.environ["DJANGO_SETTINGS_MODULE"] = "equalcity.settings"
workdir = tempfile.mkdtemp(prefix="equalcity-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
os.environ["EQUALCITY_VAR_DIR"] = workdir
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["LOG_LEVEL"] = "WARNING"
os.makedirs(Path(workdir) / "static", exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core import signals  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from equalcity.accounts.models import User  # noqa: E402
from equalcity.programmes.demo import load_demo  # noqa: E402
from equalcity.toolboxes import services  # noqa: E402
from equalcity.toolboxes.models import ReviewRound, SectionKind, Status  # noqa: E402

REPEATS = 30
BODY = "Listen closely, with empathy and without judging. " * 40


def grow(toolbox, editor, modules: int, sections: int) -> None:
    for m in range(modules):
        module = services.add_module(toolbox=toolbox, title=f"Bench module {m}", by=editor)
        for s in range(sections):
            services.add_section(
                module=module,
                title=f"Bench section {m}.{s}",
                body=BODY,
                kind=SectionKind.CONTENT if s % 3 else SectionKind.FRONTLINE_ANNEX,
                by=editor,
            )


def publish(toolbox, *, editor, reviewer, coordinator, manager):
    """Through every phase to a new edition, as the services would take it."""
    import datetime

    deadline = datetime.date.today() + datetime.timedelta(days=7)
    if toolbox.status != Status.DRAFT:
        services.move_toolbox(toolbox=toolbox, to_status=Status.DRAFT, by=editor)
    services.move_toolbox(toolbox=toolbox, to_status=Status.EXPERT_REVIEW, by=editor)
    services.open_review_round(
        toolbox=toolbox,
        kind=ReviewRound.Kind.EXPERT_PANEL,
        deadline=deadline,
        reviewers=[reviewer],
        by=editor,
    )
    for status in (Status.PILOT, Status.TRAINEE_REVIEW, Status.FINAL):
        services.move_toolbox(toolbox=toolbox, to_status=status, by=editor)
    services.publish_edition(toolbox=toolbox, by=manager)
    toolbox.refresh_from_db()


def measure(client: Client, path: str) -> tuple[float, int]:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = len(captured)
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings) * 1000, queries


def main() -> int:
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    programme = load_demo()
    people = {
        name: User.objects.get(email=f"{name}@demo.equalcity.example")
        for name in ("editor", "reviewer", "coordinator", "manager")
    }
    toolbox = services.create_toolbox(
        programme=programme, title="Bench toolbox", target_group="women_girls", by=people["editor"]
    )
    client = Client()
    sizes = [(4, 5), (40, 10)]  # modules added, sections per module
    results = {}
    for modules, sections in sizes:
        if toolbox.status != Status.DRAFT:
            services.move_toolbox(toolbox=toolbox, to_status=Status.DRAFT, by=people["editor"])
            toolbox.refresh_from_db()
        grow(toolbox, people["editor"], modules, sections)
        publish(toolbox, **people)
        edition = toolbox.latest_edition
        first = edition.sections.order_by("module__position", "position").first()
        pages = {
            "library": "/en/toolboxes/",
            "contents": f"/en/toolboxes/{toolbox.slug}/",
            "section": f"/en/toolboxes/{toolbox.slug}/sections/{first.source_section_id}/",
            "search": f"/en/toolboxes/{toolbox.slug}/search/?q=empathy",
        }
        label = f"{edition.modules.count()} modules, {edition.sections.count()} sections"
        results[label] = {name: measure(client, path) for name, path in pages.items()}
    (small_label, small), (large_label, large) = results.items()
    print(f"{'page':<10} {'size':<30} {'ms/request':>11} {'queries':>8}")
    for label, rows in results.items():
        for name, (ms, queries) in rows.items():
            print(f"{name:<10} {label:<30} {ms:>11.1f} {queries:>8}")
    print()
    print(f"ratios, {large_label} against {small_label}:")
    for name in small:
        print(
            f"  {name:<10} time x{large[name][0] / small[name][0]:.2f}"
            f"   queries x{large[name][1] / small[name][1]:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
