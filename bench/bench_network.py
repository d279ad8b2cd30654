"""How the network's public pages scale from the demo (25 cities) to 1 000 cities.

Prints the time per request and the number of queries at both sizes, and their ratios:
queries must stay constant (ratio 1.0) and time should grow far slower than the data
(the map and the reach page show every city, so they grow with it; the list is paginated).

    .venv/bin/python bench/bench_network.py
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
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

from equalcity.accounts.models import Organisation  # noqa: E402
from equalcity.network.models import CityProfile  # noqa: E402
from equalcity.programmes.demo import load_all_demo_data  # noqa: E402
from equalcity.programmes.models import Participation, TargetGroup  # noqa: E402

REPEATS = 20
COUNTRIES = ["BE", "DE", "FR", "IT", "ES", "PT", "PL", "GR", "SE", "AT"]


def grow(programme, cities: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench city {i}",
            slug=f"bench-city-{i}",
            kind=Organisation.Kind.TRAINEE,
            country=COUNTRIES[i % len(COUNTRIES)],
        )
        for i in range(cities)
    )
    organisations = list(Organisation.objects.filter(slug__startswith="bench-city-"))
    Participation.objects.bulk_create(
        Participation(
            programme=programme,
            organisation=o,
            kind=Participation.Kind.TRAINEE,
            target_group=TargetGroup.values[i % 4],
        )
        for i, o in enumerate(organisations)
    )
    profiles = CityProfile.objects.bulk_create(
        CityProfile(
            programme=programme,
            organisation=o,
            slug=o.slug,
            kind=CityProfile.Kind.TRAINEE,
            latitude=40 + (i % 200) / 10,
            longitude=(i % 300) / 10,
            joined_on=date(2020, 1, 1) + timedelta(days=i % 700),
        )
        for i, o in enumerate(organisations)
    )
    eurocities = Organisation.objects.get(slug="eurocities")
    CityProfile.networks.through.objects.bulk_create(
        CityProfile.networks.through(cityprofile_id=p.pk, organisation_id=eurocities.pk)
        for p in profiles
    )


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
    programme = load_all_demo_data()
    client = Client()
    base = "/en/network/equalcity"
    pages = {
        "cities": f"{base}/cities/",
        "filtered": f"{base}/cities/?network=eurocities&track=women_girls",
        "map": f"{base}/map/",
        "reach": f"{base}/reach/",
        "events": f"{base}/events/",
        "api": "/api/v1/network/equalcity/cities/",
    }
    results = {}
    for extra in (0, 1000):
        if extra:
            grow(programme, extra)
        label = f"{CityProfile.objects.count()} cities"
        results[label] = {name: measure(client, path) for name, path in pages.items()}
    (small_label, small), (large_label, large) = results.items()
    print(f"{'page':<10} {'size':<14} {'ms/request':>11} {'queries':>8}")
    for label, rows in results.items():
        for name, (ms, queries) in rows.items():
            print(f"{name:<10} {label:<14} {ms:>11.1f} {queries:>8}")
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
