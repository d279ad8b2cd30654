"""The programme as one IATI 2.03 activity (https://iatistandard.org/en/iati-standard/203/).

The file validates against the 2.03 activity schema and follows the standard ruleset
(budget periods of one year at most, dates of actual events and transactions not in the
future, the identifier starting with the reporting organisation's). Element order follows
the schema's sequence. Text in the file is English (``xml:lang="en"``).

Reporting organisation
    ``settings.IATI_REPORTING_ORG_REF`` (environment variable of the same name, default
    ``XM-DAC-47066``, IOM's identifier). It must read ``{agency prefix}-{identifier}`` as
    in the organisation-identifier register: a country code (or an X code such as ``XM``,
    ``XI``) and a list code, then the identifier (``XM-DAC-47066``, ``GB-CHC-123456``).
    A malformed value raises :class:`DomainError` before anything is built, so no file is
    written with it. The activity identifier is ``{ref}-{programme slug}``.

Budgets (``budget``)
    Only **approved** partner reports count. A finance line's budget is the line's budget
    for the whole programme (its burn rate is spending to date over it), so a partner's
    budget for a programme year is the sum of the budget lines, per currency, of its
    approved report in that year, times the year's share of the programme's days (a
    correction leaves only its newest version approved). Programme years run from the start
    date to the day before its anniversary, the last one cut at the end date, so no budget
    period exceeds one year. Per programme year and currency:

    * ``type="1"`` (BudgetType *Original*): the partners' budgets as first approved in that
      year (each partner's earliest approved report of the year);
    * ``type="2"`` (*Revised*): their budgets as last approved in that year, written only
      when a partner changed its budget during the year — the standard asks for the
      original to stay next to the revision, so both cover the same period;
    * ``status="2"`` (BudgetStatus *Committed*): these are budgets the lead agency approved
      with the partner, not estimates.

    Amounts stay in the currency of their lines (ISO 4217, checked with
    :mod:`equalcity.monitoring.currencies`); nothing is converted. A year without an
    approved report has no budget.

Transactions (``transaction``)
    One *Expenditure* (TransactionType 4) per approved report and currency: what the partner
    spent in the quarter, dated at the end of the quarter. The provider is the lead agency
    (with the reporting organisation's identifier), the receiver is the partner that spent it
    (name and organisation type; partners have no registered identifier in the platform).

Results (``result``)
    One result per logframe element with indicators (goal → impact, outcome → outcome,
    output and activity → output), every indicator, automatic and manual, with its baseline
    at the programme's start, and per quarter up to today the actual cumulative value the
    dashboard shows (:func:`selectors.dashboard`); a quarter whose value is suppressed or not
    known is left out. The target is given once, on the period of the quarter holding the
    indicator's target date (a logframe has no interim targets), even when that quarter is
    still ahead.
"""

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pycountry
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from equalcity.core.errors import DomainError
from equalcity.monitoring import currencies, selectors
from equalcity.monitoring.models import (
    FinanceLine,
    Indicator,
    IndicatorValue,
    LogframeNode,
    PartnerReport,
)
from equalcity.monitoring.periods import quarter_end, quarter_start

# DAC 5 sector 15180: ending violence against women and girls.
SECTOR_CODE = "15180"
ORG_TYPES = {
    "lead_agency": "40",  # multilateral
    "partner_ngo": "22",  # regional NGO
    "university": "80",  # academic, training and research
    "city_administration": "10",  # government
}
OTHER_ORG_TYPE = "90"
RESULT_TYPES = {"output": "1", "activity": "1", "outcome": "2", "goal": "3"}
BUDGET_ORIGINAL, BUDGET_REVISED = "1", "2"
BUDGET_COMMITTED = "2"
EXPENDITURE = "4"
# {country or X code}-{list code}-{identifier}; the ruleset forbids / & | ? in identifiers.
ORG_ID = re.compile(r"(?P<country>[A-Z]{2})-(?P<list>[A-Z0-9]{2,12})-[A-Za-z0-9][A-Za-z0-9._-]*")
CENT = Decimal("0.01")


def reporting_org_ref() -> str:
    """The configured reporting organisation identifier, or DomainError when malformed."""
    ref = str(getattr(settings, "IATI_REPORTING_ORG_REF", "") or "").strip()
    match = ORG_ID.fullmatch(ref)
    if match is None or not (
        match["country"].startswith("X") or pycountry.countries.get(alpha_2=match["country"])
    ):
        raise DomainError(
            _(
                "The IATI reporting organisation identifier “%(ref)s” is malformed: it must "
                "be a registration agency prefix and an identifier, such as XM-DAC-47066 or "
                "GB-CHC-123456. Correct the IATI_REPORTING_ORG_REF setting."
            )
            % {"ref": ref[:60]},
            code="bad_reporting_org_ref",
        )
    return ref


def programme_years(programme) -> list[tuple[date, date]]:
    """(start, end) of each programme year; the last one ends with the programme."""
    years = []
    index = 0
    start = programme.starts_on
    while start <= programme.ends_on:
        index += 1
        following = _anniversary(programme.starts_on, index)
        years.append((start, min(following - timedelta(days=1), programme.ends_on)))
        start = following
    return years


def _anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def _amount(value) -> str:
    return f"{Decimal(str(value)).quantize(CENT):f}"


def _narrative(parent, tag, text, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def _date(parent, tag, day: date, **attrs):
    return etree.SubElement(parent, tag, **{"iso-date": day.isoformat()}, **attrs)


def _last_updated(programme):
    """The newest change among the programme, its approved reports, indicators and values."""
    stamps = [
        programme.updated_at,
        PartnerReport.objects.filter(
            programme=programme, status=PartnerReport.Status.APPROVED
        ).aggregate(at=Max("updated_at"))["at"],
        Indicator.objects.filter(programme=programme).aggregate(at=Max("updated_at"))["at"],
        IndicatorValue.objects.filter(indicator__programme=programme).aggregate(
            at=Max("updated_at")
        )["at"],
    ]
    return max(stamp for stamp in stamps if stamp is not None)


def _approved_finances(programme) -> list[dict]:
    """Budget and spending per approved report and currency, summed in the database."""
    return list(
        FinanceLine.objects.filter(
            report__programme=programme, report__status=PartnerReport.Status.APPROVED
        )
        .values(
            "report_id",
            "report__public_id",
            "report__organisation_id",
            "report__organisation__name",
            "report__organisation__kind",
            "report__year",
            "report__quarter",
            "report__approved_at",
            "currency",
        )
        .annotate(budget=Sum("budget"), spent=Sum("spent_in_quarter"))
        .order_by(
            "report__year", "report__quarter", "report__organisation__name", "currency", "report_id"
        )
    )


def _checked_currency(code: str) -> str:
    checked = currencies.normalise(code)
    if checked is None:
        raise DomainError(
            _("%(currency)s is not an ISO 4217 currency code (e.g. EUR, SEK).")
            % {"currency": code.strip()[:10]},
            code="unknown_currency",
        )
    return checked


def budgets(programme, rows: list[dict]) -> list[dict]:
    """Budgets per programme year and currency: original, and revised when it differs."""
    years = programme_years(programme)

    def year_of(row):
        on = quarter_end(row["report__year"], row["report__quarter"])
        on = min(max(on, programme.starts_on), programme.ends_on)
        return next(index for index, (start, end) in enumerate(years) if start <= on <= end)

    # Per (programme year, partner): the reports in order, each with its totals per currency.
    reports: dict = defaultdict(dict)
    for row in rows:
        key = (year_of(row), row["report__organisation_id"])
        order = (row["report__year"], row["report__quarter"], row["report_id"])
        totals = reports[key].setdefault(order, defaultdict(Decimal))
        totals[_checked_currency(row["currency"])] += row["budget"]
    original: dict = defaultdict(lambda: defaultdict(Decimal))
    revised: dict = defaultdict(lambda: defaultdict(Decimal))
    for (year, _partner), by_report in reports.items():
        ordered = [by_report[order] for order in sorted(by_report)]
        for currency, total in ordered[0].items():
            original[year][currency] += total
        for currency, total in ordered[-1].items():
            revised[year][currency] += total
    days = Decimal((programme.ends_on - programme.starts_on).days + 1)
    out = []
    for year, (start, end) in enumerate(years):
        share = Decimal((end - start).days + 1) / days
        for currency in sorted(set(original[year]) | set(revised[year])):
            first = (original[year][currency] * share).quantize(CENT)
            last = (revised[year][currency] * share).quantize(CENT)
            if not first and not last:
                continue
            base = {"start": start, "end": end, "currency": currency}
            out.append({**base, "type": BUDGET_ORIGINAL, "value": first})
            if last != first:
                out.append({**base, "type": BUDGET_REVISED, "value": last})
    return out


def _add_budgets(activity, programme, rows):
    for budget in budgets(programme, rows):
        element = etree.SubElement(activity, "budget", type=budget["type"], status=BUDGET_COMMITTED)
        _date(element, "period-start", budget["start"])
        _date(element, "period-end", budget["end"])
        etree.SubElement(
            element,
            "value",
            currency=budget["currency"],
            **{"value-date": budget["start"].isoformat()},
        ).text = _amount(budget["value"])


def _add_transactions(activity, rows, *, ref: str, lead, today: date):
    for row in rows:
        if not row["spent"]:
            continue
        on = quarter_end(row["report__year"], row["report__quarter"])
        if row["report__approved_at"] is not None:
            on = min(on, timezone.localdate(row["report__approved_at"]))
        on = min(on, today)
        transaction = etree.SubElement(
            activity, "transaction", ref=f"{row['report__public_id']}-{row['currency']}"
        )
        etree.SubElement(transaction, "transaction-type", code=EXPENDITURE)
        _date(transaction, "transaction-date", on)
        etree.SubElement(
            transaction,
            "value",
            currency=_checked_currency(row["currency"]),
            **{"value-date": on.isoformat()},
        ).text = _amount(row["spent"])
        _narrative(
            transaction,
            "description",
            f"Spending reported by {row['report__organisation__name']} for "
            f"{row['report__year']} Q{row['report__quarter']} (approved partner report)",
        )
        if lead is not None:
            _narrative(
                transaction,
                "provider-org",
                lead.name,
                ref=ref,
                type=ORG_TYPES.get(lead.kind, OTHER_ORG_TYPE),
            )
        _narrative(
            transaction,
            "receiver-org",
            row["report__organisation__name"],
            type=ORG_TYPES.get(row["report__organisation__kind"], OTHER_ORG_TYPE),
        )


def _period(parent, programme, year: int, quarter: int):
    period = etree.SubElement(parent, "period")
    _date(period, "period-start", max(quarter_start(year, quarter), programme.starts_on))
    _date(period, "period-end", min(quarter_end(year, quarter), programme.ends_on))
    return period


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _add_results(activity, programme, *, today: date):
    figures = selectors.dashboard(programme, today=min(today, programme.ends_on))
    nodes = {node.pk: node for node in LogframeNode.objects.filter(programme=programme)}
    by_node: dict = defaultdict(list)
    for row in figures["rows"]:
        by_node[row["indicator"].node_id].append(row)
    for node_id, rows in sorted(by_node.items(), key=lambda pair: nodes[pair[0]].code):
        node = nodes[node_id]
        result = etree.SubElement(
            activity, "result", type=RESULT_TYPES[node.level], **{"aggregation-status": "1"}
        )
        _narrative(result, "title", f"{node.code} {node.title}")
        for row in rows:
            _add_indicator(result, programme, row)


def _add_indicator(result, programme, row):
    indicator = row["indicator"]
    percentage = indicator.unit.strip().lower() in {"%", "percent", "percentage", "per cent"}
    element = etree.SubElement(
        result, "indicator", measure="2" if percentage else "1", ascending="1"
    )
    _narrative(element, "title", indicator.name)
    _narrative(element, "description", indicator.definition)
    _date(
        element,
        "baseline",
        programme.starts_on,
        year=str(programme.starts_on.year),
        value=_amount(indicator.baseline),
    )
    actuals = {}
    for point in row["series"]:
        if point["value"] is None:  # suppressed, or nothing known yet
            continue
        year, quarter = (int(part) for part in point["period"].split(" Q"))
        actuals[year, quarter] = point["value"]
    target_day = min(max(indicator.target_date, programme.starts_on), programme.ends_on)
    target_quarter = _quarter_of(target_day)
    for year, quarter in sorted({*actuals, target_quarter}):
        period = _period(element, programme, year, quarter)
        if (year, quarter) == target_quarter:
            etree.SubElement(period, "target", value=_amount(indicator.target))
        if (year, quarter) in actuals:
            etree.SubElement(period, "actual", value=_amount(actuals[year, quarter]))


def activity_xml(programme, *, today: date) -> bytes:
    """The activity file, as UTF-8 bytes. DomainError when the configuration is wrong."""
    ref = reporting_org_ref()
    lead = programme.lead_organisation
    rows = _approved_finances(programme)
    root = etree.Element(
        "iati-activities",
        version="2.03",
        **{"generated-datetime": timezone.now().replace(microsecond=0).isoformat()},
    )
    activity = etree.SubElement(
        root,
        "iati-activity",
        **{
            "last-updated-datetime": _last_updated(programme).replace(microsecond=0).isoformat(),
            "default-currency": "EUR",
            "{http://www.w3.org/XML/1998/namespace}lang": "en",
        },
    )
    etree.SubElement(activity, "iati-identifier").text = f"{ref}-{programme.slug}"
    _narrative(
        activity,
        "reporting-org",
        lead.name if lead else programme.name,
        ref=ref,
        type=ORG_TYPES.get(lead.kind, OTHER_ORG_TYPE) if lead else OTHER_ORG_TYPE,
    )
    _narrative(activity, "title", programme.name)
    _narrative(activity, "description", programme.summary or programme.name, type="1")
    if programme.funder:
        _narrative(activity, "participating-org", programme.funder, role="1")
    if lead:
        _narrative(
            activity,
            "participating-org",
            lead.name,
            role="2",
            ref=ref,
            type=ORG_TYPES.get(lead.kind, OTHER_ORG_TYPE),
        )
    partners = (
        PartnerReport.objects.filter(programme=programme)
        .values_list("organisation__name", "organisation__kind")
        .distinct()
        .order_by("organisation__name")
    )
    for name, kind in partners:
        _narrative(
            activity, "participating-org", name, role="4", type=ORG_TYPES.get(kind, OTHER_ORG_TYPE)
        )
    started = programme.starts_on <= today
    ended = programme.ends_on < today
    etree.SubElement(activity, "activity-status", code="4" if ended else "2" if started else "1")
    # Actual dates (2 start, 4 end) only once they have happened; planned ones (1, 3) before.
    _date(activity, "activity-date", programme.starts_on, type="2" if started else "1")
    _date(activity, "activity-date", programme.ends_on, type="4" if ended else "3")
    etree.SubElement(activity, "sector", vocabulary="1", code=SECTOR_CODE)
    _add_budgets(activity, programme, rows)
    _add_transactions(activity, rows, ref=ref, lead=lead, today=today)
    _add_results(activity, programme, today=today)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
