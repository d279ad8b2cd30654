"""How the public overview and the members page scale with the size of a programme.

Prints the time per request and the number of queries at two sizes, and their ratios:
queries must stay constant (ratio 1.0) and time should grow far slower than the data.

    make bench        (or: .venv/bin/python bench/bench_pages.py)
"""

import sys

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.test import Client  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from equalcity.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from equalcity.programmes.demo import load_demo  # noqa: E402
from equalcity.programmes.models import Participation  # noqa: E402

REPEATS = 30


def grow(programme, organisations: int, people: int) -> None:
    existing = Organisation.objects.count()
    Organisation.objects.bulk_create(
        Organisation(name=f"Bench org {i}", slug=f"bench-org-{i}", kind=Organisation.Kind.TRAINEE)
        for i in range(existing, existing + organisations)
    )
    Participation.objects.bulk_create(
        Participation(programme=programme, organisation=o, kind=Participation.Kind.TRAINEE)
        for o in Organisation.objects.filter(slug__startswith="bench-org-", participations=None)
    )
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"bench{i}@bench.example", full_name=f"Bench {i}")
        for i in range(start, start + people)
    )
    Membership.objects.bulk_create(
        Membership(user=u, programme=programme, role=Role.FRONTLINE_WORKER) for u in users
    )


def measure(client: Client, path: str) -> tuple[float, int]:
    return harness.measure(client, path, repeats=REPEATS)


def main() -> int:
    programme = load_demo()
    manager = User.objects.get(email="manager@demo.equalcity.example")
    device = TOTPDevice.objects.create(user=manager, name="bench", confirmed=True)
    client = Client()
    client.force_login(manager)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    pages = {"home": "/en/", "members": "/en/accounts/programmes/equalcity/members/"}
    sizes = [(25, 60), (250, 1000)]
    results = {}
    for organisations, people in sizes:
        grow(programme, organisations, people)
        label = (
            f"{Organisation.objects.count()} organisations, {Membership.objects.count()} members"
        )
        results[label] = {name: measure(client, path) for name, path in pages.items()}
    (small_label, small), (large_label, large) = results.items()
    print(f"{'page':<10} {'size':<40} {'ms/request':>11} {'queries':>8}")
    for label, rows in results.items():
        for name, (ms, queries) in rows.items():
            print(f"{name:<10} {label:<40} {ms:>11.1f} {queries:>8}")
    print()
    print(f"ratios, {large_label} against {small_label}:")
    for name in pages:
        print(
            f"  {name:<10} time x{large[name][0] / small[name][0]:.2f}"
            f"   queries x{large[name][1] / small[name][1]:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
