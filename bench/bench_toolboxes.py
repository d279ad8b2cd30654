"""How the toolbox reader pages scale with the size of a toolbox.

Publishes a toolbox at two sizes and prints the time per request and the number of queries
of each reader page, and their ratios: queries must stay constant (ratio 1.0) and time
should grow far slower than the toolbox.

    .venv/bin/python bench/bench_toolboxes.py
"""

import sys

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.test import Client  # noqa: E402

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
    return harness.measure(client, path, repeats=REPEATS)


def main() -> int:
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
