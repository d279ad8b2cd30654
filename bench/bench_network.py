"""How the network's public pages scale from the programme's aim (250 cities) to 2 000.

Prints the time per request and the number of queries at both sizes, and their ratios:
queries must stay constant (ratio 1.0) and time should grow far slower than the data.
The list and the table under the map are paginated; the map itself carries every city
as one compact JSON block, so it grows with them, by a little per city.

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
SIZES = (250, 2000)  # cities, the demo's 25 included
COUNTRIES = ["BE", "DE", "FR", "IT", "ES", "PT", "PL", "GR", "SE", "AT"]


def grow(programme, cities: int) -> None:
    start = Organisation.objects.filter(slug__startswith="bench-city-").count()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench city {i}",
            slug=f"bench-city-{i}",
            kind=Organisation.Kind.TRAINEE,
            country=COUNTRIES[i % len(COUNTRIES)],
        )
        for i in range(start, start + cities)
    )
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
    results, map_bytes = {}, []
    for size in SIZES:
        grow(programme, size - CityProfile.objects.filter(programme=programme).count())
        label = f"{CityProfile.objects.count()} cities"
        results[label] = {name: measure(client, path) for name, path in pages.items()}
        map_bytes.append(len(client.get(pages["map"]).content))
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
    print()
    (small_ms, small_queries), (large_ms, large_queries) = small["map"], large["map"]
    print(
        f"map page: {small_ms:.1f} ms, {small_queries} queries at {small_label}; "
        f"{large_ms:.1f} ms, {large_queries} queries at {large_label}; "
        f"time x{large_ms / small_ms:.2f}, queries x{large_queries / small_queries:.2f} "
        f"for x{SIZES[1] / SIZES[0]:.0f} the cities"
    )
    print(f"map page size: {map_bytes[0] / 1024:.0f} KiB and {map_bytes[1] / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
