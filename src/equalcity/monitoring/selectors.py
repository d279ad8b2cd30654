"""Reads of monitoring shared by views, exports and tests; aggregates in the database."""

import re
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equalcity.core.privacy import SMALL_CELL_THRESHOLD, suppress_count, suppress_small_cells
from equalcity.monitoring import indicators as automatic
from equalcity.monitoring.indicators import AVERAGES, PEOPLE, automatic_values
from equalcity.monitoring.models import (
    ActionItem,
    FinanceLine,
    Indicator,
    IndicatorValue,
    LogframeNode,
    Meeting,
    PartnerReport,
    ProgrammePhase,
    ReportingPartner,
)
from equalcity.monitoring.periods import quarter_end, quarter_start, quarters_of, report_due_on

Source = Indicator.Source
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
# The breakdowns the dashboard shows, in this order, with their section headings.
DIMENSIONS = [
    # dimension, section heading, column heading
    (automatic.CITY, _("By city"), _("City")),
    (automatic.COUNTRY, _("By country"), _("Country")),
    (automatic.TARGET_GROUP, _("By target group"), _("Target group")),
    (automatic.LANGUAGE, _("By language"), _("Language")),
    (automatic.EVENT_KIND, _("By kind of event"), _("Kind of event")),
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
    """On track / at risk / off track.

    A count is held against a straight line from the baseline to the target; an average
    (learning gain, evaluation score) against the target itself, from its first value on.
    """
    if actual is None:
        return "unknown"
    if indicator.source in AVERAGES:
        expected = indicator.target
    else:
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


def _natural(code: str) -> tuple:
    """I2 before I10: codes compared number by number."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", code)
        if part
    )


def _cells(counts: dict, *, people: bool):
    """Every breakdown goes through the small-cell helper. Counts of people hide cells under
    five (and one more when only one is hidden); counts of sessions, toolboxes, translations
    or cities name no one (the network's public pages show them as they are), so nothing of
    theirs falls under the threshold."""
    return suppress_small_cells(counts, threshold=SMALL_CELL_THRESHOLD if people else 1)


class _Labels:
    """Names of the breakdowns' keys, looked up once per page."""

    def __init__(self):
        from django_countries import countries

        from equalcity.core.languages import CONTENT_LANGUAGES
        from equalcity.network.models import Event
        from equalcity.programmes.models import TargetGroup

        self.names = {
            automatic.TARGET_GROUP: {value: str(label) for value, label in TargetGroup.choices},
            automatic.LANGUAGE: {code: str(name) for code, name in CONTENT_LANGUAGES},
            automatic.EVENT_KIND: {value: str(label) for value, label in Event.Kind.choices},
        }
        self.countries = countries

    def __call__(self, dimension, key) -> str:
        if dimension == automatic.CITY:
            return key or str(_("Online"))
        if dimension == automatic.COUNTRY:
            return str(self.countries.name(key)) if key else "—"
        return self.names[dimension].get(key, key or "—")


def _breakdown_tables(indicators, figures, labels) -> list[dict]:
    """Per dimension, one table per automatic indicator: counts through the small-cell
    helper, averages as the indicators module withheld them (under five answers)."""
    sections = []
    for dimension, heading, column in DIMENSIONS:
        tables = []
        for indicator in indicators:
            values = figures.get(indicator.source, {}).get(dimension)
            if not indicator.automatic or not values:
                continue
            ordered = sorted(values.items(), key=lambda item: labels(dimension, item[0]).lower())
            if indicator.source in AVERAGES:
                shown = [(labels(dimension, key), value) for key, value in ordered]
            else:
                cells = _cells(dict(ordered), people=indicator.source in PEOPLE)
                shown = [(labels(dimension, key), cells[key].value) for key, _value in ordered]
            tables.append(
                {
                    "indicator": indicator,
                    "average": indicator.source in AVERAGES,
                    "rows": [{"label": label, "value": value} for label, value in shown],
                }
            )
        if tables:
            sections.append(
                {"dimension": dimension, "heading": heading, "column": column, "tables": tables}
            )
    return sections


def timeline(programme, *, today: date) -> dict:
    """The programme's phases and the milestones its data holds, placed on one time axis.

    Positions are percentages of the span from the programme's start (or its earliest
    phase) to its end (or its latest phase), for the SVG drawing; the page lists the same
    dates as text.
    """
    from equalcity.toolboxes.models import Edition

    phases = list(phases_of(programme))
    meetings_held = list(
        Meeting.objects.filter(programme=programme, kind=Meeting.Kind.STEERING_COMMITTEE)
        .order_by("held_on")
        .values_list("held_on", "title")
    )
    editions = list(
        Edition.objects.filter(toolbox__programme=programme)
        .order_by("published_at", "toolbox__title")
        .values_list("published_at", "toolbox__title", "major", "minor")
    )
    start = min([programme.starts_on, *(phase.starts_on for phase in phases)])
    end = max([programme.ends_on, *(phase.ends_on for phase in phases)])
    span = max((end - start).days, 1)

    def at(day: date) -> float:
        return round(100 * min(max((day - start).days, 0), span) / span, 2)

    phase_rows = []
    for phase in phases:
        if phase.ends_on < today:
            state, label = "done", _("Completed")
        elif phase.starts_on <= today:
            state, label = "current", _("In progress")
        else:
            state, label = "planned", _("Planned")
        phase_rows.append(
            {
                "phase": phase,
                "state": state,
                "state_label": label,
                "x": at(phase.starts_on),
                # the end day is part of the phase
                "width": max(round(at(phase.ends_on) - at(phase.starts_on) + 100 / span, 2), 0.5),
            }
        )
    milestones = [
        {"date": held_on, "kind": "meeting", "label": title, "x": at(held_on)}
        for held_on, title in meetings_held
    ]
    for published_at, title, major, minor in editions:
        day = timezone.localdate(published_at)
        milestones.append(
            {
                "date": day,
                "kind": "edition",
                "label": _("%(toolbox)s, edition %(number)s published")
                % {"toolbox": title, "number": f"{major}.{minor}"},
                "x": at(day),
            }
        )
    milestones.sort(key=lambda m: (m["date"], m["kind"]))
    years = [
        {"year": year, "x": at(date(year, 1, 1))} for year in range(start.year + 1, end.year + 1)
    ]
    return {
        "start": start,
        "end": end,
        "phases": phase_rows,
        "milestones": milestones,
        "years": years,
        "today": {"date": today, "x": at(today) if start <= today <= end else None},
        # rows of the drawing: one per phase, then one for the milestones
        "height": 24 * (len(phase_rows) + 1) + 24,
        "milestone_y": 24 * len(phase_rows) + 12,
    }


# Timeline order: position, then start, then creation (the admin may leave equal positions).
PHASE_ORDER = ("position", "starts_on", "id")


def phases_of(programme):
    """The programme's phases in timeline order, as the dashboard and the phases page show."""
    return ProgrammePhase.objects.filter(programme=programme).order_by(*PHASE_ORDER)


def reach_map(programme) -> dict:
    """The cities the network reaches, for the map, and their count by country for its table."""
    from django_countries import countries

    from equalcity.network import selectors as network_selectors
    from equalcity.network.models import CityProfile

    # The network map's own compact data: one query, no model objects, fine at thousands.
    points = network_selectors.map_data(programme)
    per_country = {
        code: n
        for code, n in CityProfile.objects.filter(programme=programme)
        .order_by()
        .values_list("organisation__country")
        .annotate(n=Count("pk"))
    }
    names = {code: str(countries.name(code)) if code else "—" for code in per_country}
    ordered = dict(sorted(per_country.items(), key=lambda item: names[item[0]].lower()))
    cells = _cells(ordered, people=False)
    cities = sum(per_country.values())
    return {
        "points": points,
        "mapped": len(points["points"]),
        "cities": cities,
        "unmapped": cities - len(points["points"]),
        "by_country": [(names[code], cells[code]) for code in ordered],
        "total": cells.total,
        # The same setting the network map reads: tiles only when configured, else offline.
        "tile_url": getattr(settings, "MAP_TILE_URL", ""),
    }


def dashboard(programme, *, today: date) -> dict:
    """Each indicator against its target per quarter, with a traffic light, its breakdowns
    by city, partner and target group, the programme's timeline and the map of its reach.

    A constant number of queries whatever the size of the data: one per automatic source for
    its series, one per source and dimension for its breakdown.
    """
    indicators = sorted(
        Indicator.objects.filter(programme=programme).select_related("node"),
        key=lambda indicator: _natural(indicator.code),
    )
    quarters = [q for q in quarters_of(programme) if quarter_start(*q) <= today]
    sources = {i.source for i in indicators}
    computed = automatic_values(programme, sources)
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
                "average": indicator.source in AVERAGES,
            }
        )
    by_partner_rows = (
        IndicatorValue.objects.filter(
            indicator__programme=programme, indicator__source=Source.MANUAL
        )
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
    figures = (
        automatic.breakdowns(programme, sources, until=quarter_end(*quarters[-1]))
        if quarters
        else {}
    )
    periods = [f"{year} Q{quarter}" for year, quarter in quarters]
    return {
        "rows": rows,
        "periods": periods,
        "partners": partner_tables,
        "breakdowns": _breakdown_tables(indicators, figures, _Labels()),
        "timeline": timeline(programme, today=today),
        "reach": reach_map(programme),
        "chart": {
            "periods": periods,
            "indicators": [
                {
                    "code": row["indicator"].code,
                    "name": row["indicator"].name,
                    "target": float(row["indicator"].target),
                    "average": row["average"],
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


def finance_totals(reports) -> dict[int, list[dict]]:
    """Per report, its lines summed per currency in one query (a sum across currencies means
    nothing), each with the burn rate: spending to date over the budget, in percent."""
    totals: dict = {}
    rows = (
        FinanceLine.objects.filter(report__in=[report.pk for report in reports])
        .order_by("report_id", "currency")
        .values("report_id", "currency")
        .annotate(
            budget=Sum("budget"),
            spent_in_quarter=Sum("spent_in_quarter"),
            spent_to_date=Sum("spent_to_date"),
        )
    )
    for row in rows:
        budget = row["budget"] or Decimal(0)
        row["burn_rate"] = round(100 * (row["spent_to_date"] or 0) / budget, 1) if budget else None
        totals.setdefault(row.pop("report_id"), []).append(row)
    return totals


def manual_values(report: PartnerReport) -> list[tuple]:
    """The programme's manual indicators, each with this organisation's value for the quarter."""
    indicators = [
        indicator
        for indicator in Indicator.objects.filter(programme_id=report.programme_id).order_by("code")
        if not indicator.automatic
    ]
    entered = {
        value.indicator_id: value
        for value in IndicatorValue.objects.filter(
            indicator__in=indicators,
            organisation_id=report.organisation_id,
            year=report.year,
            quarter=report.quarter,
        )
    }
    return [(indicator, entered.get(indicator.pk)) for indicator in indicators]


def organisations_taking_part(programme):
    """Organisations that take part in a programme: its lead agency, the partners of its pilot
    sites, its trainee cities and city networks, and its reporting partners.

    The organisations a meeting may list as participants and an action item may be owned by.
    """
    from equalcity.accounts.models import Organisation
    from equalcity.programmes.models import Participation, PilotSite

    pilot_partners = PilotSite.partners.through.objects.filter(pilotsite__programme=programme)
    return Organisation.objects.filter(
        Q(pk=programme.lead_organisation_id)
        | Q(pk__in=pilot_partners.values("organisation"))
        | Q(pk__in=Participation.objects.filter(programme=programme).values("organisation"))
        | Q(pk__in=ReportingPartner.objects.filter(programme=programme).values("organisation"))
    ).order_by("name")


def late_partners(programme, *, today: date) -> list[dict]:
    """Reporting partners with no submitted report for a quarter whose deadline has passed."""
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
