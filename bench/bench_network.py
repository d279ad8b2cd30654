"""How the network's public pages scale from the demo (25 cities) to 1 000 cities.

Prints the time per request and the number of queries at both sizes, and their ratios:
queries must stay constant (ratio 1.0) and time should grow far slower than the data
(the map and the reach page show every city, so they grow with it; the list is paginated).

    .venv/bin/python bench/bench_network.py
"""

import sys
from datetime import date, timedelta

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.test import Client  # noqa: E402

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
    return harness.measure(client, path, repeats=REPEATS)


def main() -> int:
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
