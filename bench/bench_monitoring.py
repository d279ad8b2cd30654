"""How the monitoring dashboard scales from the demo (4 partners) to 200 reporting partners.

Prints the time per request and the number of queries at both sizes: queries must stay
constant; time should grow far slower than the data.

    .venv/bin/python bench/bench_monitoring.py
"""

import sys
from decimal import Decimal

import harness  # noqa: E402 - sets Django up before anything imports it

harness.setup_django()

from django.test import Client  # noqa: E402

from equalcity.accounts.models import Organisation, User  # noqa: E402
from equalcity.monitoring.models import (  # noqa: E402
    Indicator,
    IndicatorValue,
    PartnerReport,
    ReportingPartner,
)
from equalcity.programmes.demo import DEMO_DOMAIN, load_all_demo_data  # noqa: E402

REPEATS = 20
QUARTERS = [(year, quarter) for year in (2020, 2021) for quarter in (1, 2, 3, 4)]


def grow(programme, partners: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(name=f"Bench partner {i}", slug=f"bench-partner-{i}", kind="partner_ngo")
        for i in range(partners)
    )
    organisations = list(Organisation.objects.filter(slug__startswith="bench-partner-"))
    ReportingPartner.objects.bulk_create(
        ReportingPartner(programme=programme, organisation=o) for o in organisations
    )
    PartnerReport.objects.bulk_create(
        PartnerReport(
            programme=programme,
            organisation=o,
            year=year,
            quarter=quarter,
            status=PartnerReport.Status.APPROVED,
            due_on=programme.ends_on,
        )
        for o in organisations
        for year, quarter in QUARTERS
    )
    manual = list(Indicator.objects.filter(programme=programme, source=Indicator.Source.MANUAL))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            organisation=o,
            year=year,
            quarter=quarter,
            value=Decimal(i % 7),
            source="bench",
        )
        for indicator in manual
        for i, o in enumerate(organisations)
        for year, quarter in QUARTERS
    )


def main() -> int:
    programme = load_all_demo_data()
    client = Client()
    client.force_login(User.objects.get(email=f"viewer@{DEMO_DOMAIN}"))
    path = f"/en/monitoring/{programme.slug}/"
    small = harness.measure(client, path, repeats=REPEATS)
    grow(programme, 200)
    large = harness.measure(client, path, repeats=REPEATS)
    print(f"{'size':<22} {'ms/request':>11} {'queries':>8}")
    print(f"{'demo (4 partners)':<22} {small[0]:>11.1f} {small[1]:>8}")
    print(f"{'200 more partners':<22} {large[0]:>11.1f} {large[1]:>8}")
    print(f"time ratio {large[0] / small[0]:.2f}, query ratio {large[1] / small[1]:.2f}")
    return 0 if large[1] == small[1] else 1


if __name__ == "__main__":
    sys.exit(main())
