"""Reads of monitoring shared by views, exports and tests; aggregates in the database."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from equalcity.core.privacy import suppress_count, suppress_small_cells
from equalcity.monitoring.indicators import automatic_values
from equalcity.monitoring.models import (
    ActionItem,
    Indicator,
    IndicatorValue,
    LogframeNode,
    Meeting,
    PartnerReport,
    ReportingPartner,
)
from equalcity.monitoring.periods import quarter_start, quarters_of

Source = Indicator.Source
# Sources that count people: every figure of theirs goes through small-cell suppression.
PEOPLE = {Source.FRONTLINE_WORKERS_TRAINED, Source.CHILDREN_TRAINED}
LIGHTS = {
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "off_track": _("Off track"),
    "unknown": _("No data yet"),
}
SUBMITTED = [
    PartnerReport.Status.SUBMITTED,
    PartnerReport.Status.REVIEWED,
    PartnerReport.Status.APPROVED,
    PartnerReport.Status.SUPERSEDED,
]


def logframe(programme) -> list[dict]:
    """The logframe as a flat list in tree order, each element with its indicators."""
    nodes = list(
        LogframeNode.objects.filter(programme=programme)
        .prefetch_related("indicators")
        .order_by("position", "code")
    )
    children: dict = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    out = []

    def walk(parent_id, depth):
        for node in children.get(parent_id, []):
            out.append({"node": node, "depth": depth, "indicators": list(node.indicators.all())})
            walk(node.pk, depth + 1)

    walk(None, 0)
    return out


def traffic_light(*, actual, indicator: Indicator, programme, on: date) -> str:
    """On track / at risk / off track: the actual value against a straight line to the target."""
    if actual is None:
        return "unknown"
    span = (indicator.target_date - programme.starts_on).days or 1
    elapsed = min(max((on - programme.starts_on).days, 0), span)
    expected = indicator.baseline + (indicator.target - indicator.baseline) * Decimal(
        elapsed / span
    )
    if expected <= 0 or actual >= expected * Decimal("0.9"):
        return "on_track"
    if actual >= expected * Decimal("0.7"):
        return "at_risk"
    return "off_track"


def _manual_series(indicators, quarters) -> dict:
    """Cumulative manual values per indicator and quarter, summed in the database."""
    rows = (
        IndicatorValue.objects.filter(indicator__in=indicators)
        .order_by()
        .values("indicator", "year", "quarter")
        .annotate(total=Sum("value"))
    )
    per_quarter: dict = {}
    for row in rows:
        per_quarter[(row["indicator"], row["year"], row["quarter"])] = row["total"]
    series = {}
    for indicator in indicators:
        running = Decimal(0)
        points = {}
        for year, quarter in quarters:
            running += per_quarter.get((indicator.pk, year, quarter), Decimal(0))
            points[(year, quarter)] = running
        series[indicator.source, indicator.pk] = points
    return series


def _shown(value, source):
    if value is None:
        return None
    if source in PEOPLE:
        return suppress_count(int(value)).value
    return value


def dashboard(programme, *, today: date) -> dict:
    """Each indicator against its target per quarter, with a traffic light and by partner."""
    indicators = list(Indicator.objects.filter(programme=programme).select_related("node"))
    quarters = [q for q in quarters_of(programme) if quarter_start(*q) <= today]
    computed = automatic_values(programme, {i.source for i in indicators})
    manual = _manual_series([i for i in indicators if not i.automatic], quarters)
    rows = []
    for indicator in indicators:
        if indicator.automatic:
            points = computed.get(indicator.source, {})
        else:
            points = manual[indicator.source, indicator.pk]
        series = [
            {
                "period": f"{year} Q{quarter}",
                "value": _shown(points.get((year, quarter)), indicator.source),
            }
            for year, quarter in quarters
        ]
        latest = series[-1]["value"] if series else None
        light = traffic_light(
            actual=None if latest is None else Decimal(latest),
            indicator=indicator,
            programme=programme,
            on=min(today, programme.ends_on),
        )
        rows.append(
            {
                "indicator": indicator,
                "series": series,
                "latest": latest,
                "light": light,
                "light_label": LIGHTS[light],
            }
        )
    by_partner_rows = (
        IndicatorValue.objects.filter(indicator__programme=programme)
        .order_by()
        .values("indicator", "organisation__name")
        .annotate(total=Sum("value"))
    )
    by_partner: dict = {}
    for row in by_partner_rows:
        by_partner.setdefault(row["indicator"], {})[row["organisation__name"]] = int(row["total"])
    partner_tables = [
        {"indicator": indicator, "cells": suppress_small_cells(dict(sorted(counts.items())))}
        for indicator in indicators
        if (counts := by_partner.get(indicator.pk))
    ]
    return {
        "rows": rows,
        "periods": [f"{year} Q{quarter}" for year, quarter in quarters],
        "partners": partner_tables,
        "chart": {
            "periods": [f"{year} Q{quarter}" for year, quarter in quarters],
            "indicators": [
                {
                    "code": row["indicator"].code,
                    "name": row["indicator"].name,
                    "target": float(row["indicator"].target),
                    "values": [
                        None if p["value"] is None else float(p["value"]) for p in row["series"]
                    ],
                }
                for row in rows
            ],
        },
    }


def reports_visible_to(user, programme):
    """Reports the user may see: all for the lead agency, its own organisation's for a partner."""
    from equalcity.accounts.models import Membership
    from equalcity.accounts.permissions import roles_in

    reports = PartnerReport.objects.filter(programme=programme).select_related("organisation")
    roles = roles_in(user, programme)
    if "programme_manager" in roles:
        return reports
    if "partner_editor" in roles:
        organisations = Membership.objects.active().filter(
            user=user, programme=programme, role="partner_editor"
        )
        return reports.filter(organisation__in=organisations.values("organisation"))
    return reports.none()


def report_detail(user, programme, public_id) -> PartnerReport | None:
    return (
        reports_visible_to(user, programme)
        .prefetch_related("finances")
        .filter(public_id=public_id)
        .first()
    )


def finance_totals(report: PartnerReport) -> dict:
    figures = report.finances.aggregate(
        budget=Sum("budget"), quarter=Sum("spent_in_quarter"), to_date=Sum("spent_to_date")
    )
    budget = figures["budget"] or Decimal(0)
    figures["burn_rate"] = round(100 * (figures["to_date"] or 0) / budget, 1) if budget else None
    return figures


def late_partners(programme, *, today: date) -> list[dict]:
    """Reporting partners with no submitted report for a quarter whose deadline has passed."""
    from equalcity.monitoring.services import report_due_on

    due = [q for q in quarters_of(programme) if report_due_on(*q) < today]
    if not due:
        return []
    submitted = set(
        PartnerReport.objects.filter(programme=programme, status__in=SUBMITTED)
        .values_list("organisation_id", "year", "quarter")
        .distinct()
    )
    late = []
    for partner in ReportingPartner.objects.filter(programme=programme).select_related(
        "organisation"
    ):
        missing = [
            f"{year} Q{quarter}"
            for year, quarter in due
            if (partner.organisation_id, year, quarter) not in submitted
        ]
        if missing:
            late.append({"organisation": partner.organisation, "quarters": missing})
    return late


def open_action_items(programme):
    """Action items stay visible until done."""
    return (
        ActionItem.objects.filter(meeting__programme=programme, done_on__isnull=True)
        .select_related("owner", "meeting")
        .order_by("due_on", "id")
    )


def meetings(programme):
    return (
        Meeting.objects.filter(programme=programme)
        .prefetch_related("participants", "action_items__owner")
        .order_by("held_on")
    )


def report_counts(programme) -> dict:
    return PartnerReport.objects.filter(programme=programme).aggregate(
        reports=Count("pk"),
        partners=Count("organisation", distinct=True),
        approved=Count("pk", filter=Q(status=PartnerReport.Status.APPROVED)),
    )
