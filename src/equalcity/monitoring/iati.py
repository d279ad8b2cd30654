"""The programme as one IATI 2.03 activity (https://iatistandard.org/en/iati-standard/203/).

Results come from the logframe's indicators and their quarterly values (automatic values
only where they are not suppressed); transactions are the spending of approved partner
reports only. Element order follows the schema's sequence.
"""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from lxml import etree

from equalcity.monitoring import selectors
from equalcity.monitoring.models import FinanceLine, Indicator, PartnerReport
from equalcity.monitoring.periods import quarter_end, quarter_start

# IOM's organisation identifier in the IATI registry (DAC channel code 47066).
LEAD_ORG_REF = "XM-DAC-47066"
# DAC 5 sector 15180: ending violence against women and girls.
SECTOR_CODE = "15180"
ORG_TYPES = {
    "lead_agency": "40",  # multilateral
    "partner_ngo": "22",  # regional NGO
    "university": "80",  # academic, training and research
    "city_administration": "10",  # government
}


def _narrative(parent, tag, text, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def activity_xml(programme, *, today: date) -> bytes:
    """The activity file, as UTF-8 bytes."""
    lead = programme.lead_organisation
    root = etree.Element(
        "iati-activities",
        version="2.03",
        **{"generated-datetime": timezone.now().replace(microsecond=0).isoformat()},
    )
    activity = etree.SubElement(
        root,
        "iati-activity",
        **{
            "last-updated-datetime": programme.updated_at.replace(microsecond=0).isoformat(),
            "default-currency": "EUR",
            "{http://www.w3.org/XML/1998/namespace}lang": "en",
        },
    )
    etree.SubElement(activity, "iati-identifier").text = f"{LEAD_ORG_REF}-{programme.slug}"
    _narrative(
        activity,
        "reporting-org",
        lead.name if lead else programme.name,
        ref=LEAD_ORG_REF,
        type=ORG_TYPES["lead_agency"],
    )
    _narrative(activity, "title", programme.name)
    _narrative(activity, "description", programme.summary or programme.name, type="1")
    if programme.funder:
        _narrative(activity, "participating-org", programme.funder, role="1")
    if lead:
        _narrative(activity, "participating-org", lead.name, role="2", ref=LEAD_ORG_REF)
    partners = (
        PartnerReport.objects.filter(programme=programme)
        .values_list("organisation__name", "organisation__kind")
        .distinct()
        .order_by("organisation__name")
    )
    for name, kind in partners:
        _narrative(activity, "participating-org", name, role="4", type=ORG_TYPES.get(kind, "90"))
    ended = programme.ends_on < today
    etree.SubElement(activity, "activity-status", code="4" if ended else "2")
    etree.SubElement(
        activity, "activity-date", type="2", **{"iso-date": programme.starts_on.isoformat()}
    )
    etree.SubElement(
        activity,
        "activity-date",
        type="4" if ended else "3",
        **{"iso-date": programme.ends_on.isoformat()},
    )
    etree.SubElement(activity, "sector", vocabulary="1", code=SECTOR_CODE)

    approved = PartnerReport.objects.filter(
        programme=programme, status=PartnerReport.Status.APPROVED
    )
    # Budget: the budget lines of each partner's latest approved report, spread over the
    # programme's years pro rata (IATI budget periods may not exceed one year).
    latest = {}
    for report in approved.order_by("organisation_id", "year", "quarter"):
        latest[report.organisation_id] = report.pk
    budgets = (
        FinanceLine.objects.filter(report_id__in=latest.values())
        .values("currency")
        .annotate(total=Sum("budget"))
        .order_by("currency")
    )
    days = (programme.ends_on - programme.starts_on).days + 1
    start = programme.starts_on
    periods = []
    while start <= programme.ends_on:
        end = min(start.replace(year=start.year + 1) - timedelta(days=1), programme.ends_on)
        periods.append((start, end))
        start = end + timedelta(days=1)
    for row in budgets:
        for start, end in periods:
            share = Decimal((end - start).days + 1) / Decimal(days)
            budget = etree.SubElement(activity, "budget", type="1", status="1")
            etree.SubElement(budget, "period-start", **{"iso-date": start.isoformat()})
            etree.SubElement(budget, "period-end", **{"iso-date": end.isoformat()})
            etree.SubElement(
                budget, "value", currency=row["currency"], **{"value-date": start.isoformat()}
            ).text = f"{row['total'] * share:.2f}"

    spending = (
        FinanceLine.objects.filter(report__in=approved)
        .values("report__organisation__name", "report__year", "report__quarter", "currency")
        .annotate(total=Sum("spent_in_quarter"))
        .order_by("report__year", "report__quarter", "report__organisation__name", "currency")
    )
    for row in spending:
        if not row["total"]:
            continue
        on = quarter_end(row["report__year"], row["report__quarter"])
        transaction = etree.SubElement(activity, "transaction")
        etree.SubElement(transaction, "transaction-type", code="4")  # expenditure
        etree.SubElement(transaction, "transaction-date", **{"iso-date": on.isoformat()})
        etree.SubElement(
            transaction, "value", currency=row["currency"], **{"value-date": on.isoformat()}
        ).text = f"{row['total']:.2f}"
        _narrative(transaction, "description", "Spending reported by the partner")
        _narrative(transaction, "receiver-org", row["report__organisation__name"])

    figures = selectors.dashboard(programme, today=min(today, programme.ends_on))
    series = {row["indicator"].pk: row["series"] for row in figures["rows"]}
    indicators = defaultdict(list)
    for indicator in Indicator.objects.filter(programme=programme).select_related("node"):
        indicators[indicator.node].append(indicator)
    result_types = {"output": "1", "activity": "1", "outcome": "2", "goal": "3"}
    for node, items in sorted(indicators.items(), key=lambda pair: pair[0].code):
        result = etree.SubElement(
            activity, "result", type=result_types[node.level], **{"aggregation-status": "1"}
        )
        _narrative(result, "title", f"{node.code} {node.title}")
        for indicator in items:
            element = etree.SubElement(result, "indicator", measure="1", ascending="1")
            _narrative(element, "title", indicator.name)
            _narrative(element, "description", indicator.definition)
            etree.SubElement(
                element,
                "baseline",
                year=str(programme.starts_on.year),
                **{"iso-date": programme.starts_on.isoformat()},
                value=f"{indicator.baseline:f}",
            )
            for point in series.get(indicator.pk, []):
                year, quarter = (int(part) for part in point["period"].split(" Q"))
                period = etree.SubElement(element, "period")
                etree.SubElement(
                    period,
                    "period-start",
                    **{
                        "iso-date": max(
                            quarter_start(year, quarter), programme.starts_on
                        ).isoformat()
                    },
                )
                etree.SubElement(
                    period,
                    "period-end",
                    **{"iso-date": min(quarter_end(year, quarter), programme.ends_on).isoformat()},
                )
                etree.SubElement(period, "target", value=f"{indicator.target:f}")
                if point["value"] is not None:
                    etree.SubElement(period, "actual", value=f"{Decimal(point['value']):f}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
