"""How the frontline search and the HSDS API scale from 500 to 50 000 services.

Prints the time per request and the number of queries at both sizes, and their ratios:
queries must stay constant (ratio 1.0) and time should grow far slower than the data.

    .venv/bin/python bench/bench_referral.py
"""

import random
import sys
import time
import uuid
from datetime import time as clock

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from equalcity.accounts.models import User  # noqa: E402
from equalcity.programmes.demo import load_demo  # noqa: E402
from equalcity.referral import models as m  # noqa: E402
from equalcity.referral.services import ensure_taxonomies  # noqa: E402
from equalcity.referral.taxonomy import ATTRIBUTE_CODES, NEED_CODES  # noqa: E402

REPEATS = 15
BATCH = 2000
CITIES = [(f"Bench city {i}", 40 + i * 0.37 % 15, -5 + i * 0.91 % 30) for i in range(40)]
LANGUAGES = ["fr", "en", "de", "it", "ar", "sv", "nl", "pt", "ti", "so"]
DAYS = ["MO,TU,WE,TH,FR", "MO,TU,WE,TH,FR,SA,SU", "TU,WE,TH,FR,SA"]


@transaction.atomic
def grow(total: int, rng: random.Random) -> None:
    terms = ensure_taxonomies()
    start = m.Service.objects.count()
    provider = m.Organization.objects.create(name=f"Bench provider {start}")
    services, locations, sals, languages, schedules, attributes, phones = [], [], [], [], [], [], []
    for index in range(start, total):
        city, lat, lon = CITIES[index % len(CITIES)]
        service = m.Service(id=uuid.uuid4(), organization=provider, name=f"Bench service {index}")
        confidential = index % 17 == 0
        location = m.Location(
            id=uuid.uuid4(),
            organization=provider,
            name=service.name,
            city=city,
            is_confidential=confidential,
            latitude=None if confidential else lat + rng.uniform(-0.1, 0.1),
            longitude=None if confidential else lon + rng.uniform(-0.1, 0.1),
        )
        services.append(service)
        locations.append(location)
        sals.append(m.ServiceAtLocation(service_id=service.id, location_id=location.id))
        phones.append(m.Phone(service_id=service.id, number=f"+00 {index:08d}"))
        for code in rng.sample(LANGUAGES, 2):
            languages.append(m.Language(service_id=service.id, code=code))
        schedules.append(
            m.Schedule(
                service_id=service.id,
                freq="WEEKLY",
                byday=rng.choice(DAYS),
                opens_at=clock(rng.choice([0, 8, 9, 12])),
                closes_at=clock(rng.choice([17, 20, 23]), 59),
            )
        )
        # every (city, need) pair occurs from 440 services on: 40 cities and 11 needs
        need = NEED_CODES[index % len(NEED_CODES)]
        for code in [need, *rng.sample(ATTRIBUTE_CODES, 2)]:
            attributes.append(
                m.Attribute(link_id=service.id, link_entity="service", taxonomy_term=terms[code])
            )
    for model, rows in [
        (m.Service, services),
        (m.Location, locations),
        (m.ServiceAtLocation, sals),
        (m.Phone, phones),
        (m.Language, languages),
        (m.Schedule, schedules),
        (m.Attribute, attributes),
    ]:
        model.objects.bulk_create(rows, batch_size=BATCH)


def measure(client: Client, path: str) -> tuple[float, int]:
    return harness.measure(client, path, repeats=REPEATS)


def main() -> int:
    load_demo()
    worker = User.objects.get(email="worker@demo.equalcity.example")
    client = Client()
    client.force_login(worker)
    city, lat, lon = CITIES[3]
    search = "/en/referral/equalcity/"
    pages = {
        "city+need": f"{search}?city={city.replace(' ', '+')}&need=legal",
        "open+lang+attrs": f"{search}?open_now=on&language=fr&attributes=free&attributes=anonymous",
        "near point": f"{search}?lat={lat}&lon={lon}&radius=5",
        "hsds api": "/api/hsds/services?per_page=50",
    }
    rng = random.Random(6)
    results = {}
    for size in [500, 50_000]:
        started = time.perf_counter()
        grow(size, rng)
        print(f"grew the directory to {size} services in {time.perf_counter() - started:.1f} s")
        results[size] = {name: measure(client, path) for name, path in pages.items()}
    print()
    print(f"{'request':<16} {'services':>9} {'ms/request':>11} {'queries':>8}")
    for size, rows in results.items():
        for name, (ms, queries) in rows.items():
            print(f"{name:<16} {size:>9} {ms:>11.1f} {queries:>8}")
    small, large = results[500], results[50_000]
    print()
    print("ratios, 50 000 services against 500 (data x100):")
    for name in pages:
        print(
            f"  {name:<16} time x{large[name][0] / small[name][0]:.2f}"
            f"   queries x{large[name][1] / small[name][1]:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
