"""The evaluation report: its content, its charts as SVG (the PDF runs no script), PDF, DOCX."""

import io

from django.utils.translation import gettext as _

from equalcity.core.pdf import render_pdf
from equalcity.monitoring import selectors
from equalcity.monitoring.indicators import CITY
from equalcity.monitoring.models import Meeting, PartnerReport


def content(report) -> dict:
    programme = report.programme
    figures = selectors.dashboard(programme, today=report.period_end)
    narratives = (
        PartnerReport.objects.filter(
            programme=programme,
            status=PartnerReport.Status.APPROVED,
            submitted_at__date__gte=report.period_start,
            submitted_at__date__lte=report.period_end,
        )
        .select_related("organisation")
        .order_by("year", "quarter", "organisation__name")
    )
    meetings = Meeting.objects.filter(
        programme=programme, held_on__range=(report.period_start, report.period_end)
    ).order_by("held_on")
    return {
        "report": report,
        "programme": programme,
        "logframe": selectors.logframe(programme),
        "rows": figures["rows"],
        "periods": figures["periods"],
        "by_city": next((s for s in figures["breakdowns"] if s["dimension"] == CITY), None),
        "phases": figures["timeline"]["phases"],
        "chart_svg": progress_svg(figures["rows"]),
        "narratives": list(narratives),
        "meetings": list(meetings),
    }


def progress_svg(rows) -> str:
    """A horizontal bar per indicator: share of its target reached, with the figure as text."""
    bar_height, gap, label_width, width = 18, 10, 260, 560
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
    ]
    scale = width - label_width - 60
    for index, row in enumerate(rows):
        y = gap + index * (bar_height + gap)
        target = float(row["indicator"].target) or 1.0
        value = row["latest"]
        share = 0.0 if value is None else min(1.0, float(value) / target)
        label = f"{row['indicator'].code} {row['indicator'].name}"[:40]
        figure = "—" if value is None else f"{float(value):g} / {target:g}"
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="11">{_escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{scale}" height="{bar_height}" '
            'fill="#e6e6e6"/>'
            f'<rect x="{label_width}" y="{y}" width="{scale * share:.1f}" height="{bar_height}" '
            'fill="#1f5fa8"/>'
            f'<text x="{label_width + scale + 4}" y="{y + 13}" font-size="10">{figure}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _figure(value, *, average: bool) -> str:
    """A figure as the report prints it; a hidden one says why."""
    if value is None:
        return str(_("fewer than 5 answers") if average else _("fewer than 5"))
    return f"{value}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pdf(context: dict) -> bytes:
    return render_pdf("monitoring/pdf/evaluation.html", context)


def docx(context: dict) -> bytes:
    from docx import Document

    document = Document()
    report = context["report"]
    document.add_heading(
        _("%(kind)s · %(programme)s")
        % {"kind": report.get_kind_display(), "programme": context["programme"].name},
        level=0,
    )
    document.add_paragraph(
        _("Period: %(start)s – %(end)s") % {"start": report.period_start, "end": report.period_end}
    )
    document.add_heading(_("Logframe"), level=1)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, (_("Level"), _("Element"), _("Indicators")), strict=True
    ):
        cell.text = str(text)
    for item in context["logframe"]:
        cells = table.add_row().cells
        cells[0].text = str(item["node"].get_level_display())
        cells[1].text = f"{item['node'].code} {item['node'].title}"
        cells[2].text = "; ".join(f"{i.code} {i.name}" for i in item["indicators"])
    document.add_heading(_("Indicators against their targets"), level=1)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, (_("Indicator"), _("Target"), _("Reached"), _("Status")), strict=True
    ):
        cell.text = str(text)
    for row in context["rows"]:
        cells = table.add_row().cells
        cells[0].text = f"{row['indicator'].code} {row['indicator'].name}"
        cells[1].text = f"{row['indicator'].target:f}"
        cells[2].text = _figure(row["latest"], average=row.get("average", False))
        cells[3].text = str(row["light_label"])
    if context.get("by_city"):
        section = context["by_city"]
        document.add_heading(_("Indicators by city"), level=1)
        for by_city in section["tables"]:
            document.add_heading(
                f"{by_city['indicator'].code} {by_city['indicator'].name}", level=2
            )
            table = document.add_table(rows=1, cols=2)
            table.rows[0].cells[0].text = str(section["column"])
            table.rows[0].cells[1].text = str(_("Average") if by_city["average"] else _("Count"))
            for line in by_city["rows"]:
                cells = table.add_row().cells
                cells[0].text = str(line["label"])
                cells[1].text = _figure(line["value"], average=by_city["average"])
    if context.get("phases"):
        document.add_heading(_("Programme phases"), level=1)
        table = document.add_table(rows=1, cols=4)
        for cell, text in zip(
            table.rows[0].cells, (_("Phase"), _("From"), _("To"), _("Status")), strict=True
        ):
            cell.text = str(text)
        for row in context["phases"]:
            cells = table.add_row().cells
            cells[0].text = row["phase"].name
            cells[1].text = str(row["phase"].starts_on)
            cells[2].text = str(row["phase"].ends_on)
            cells[3].text = str(row["state_label"])
    document.add_heading(_("Partner narratives"), level=1)
    for narrative in context["narratives"]:
        document.add_heading(
            f"{narrative.organisation} · {narrative.year} Q{narrative.quarter}", level=2
        )
        document.add_paragraph(narrative.narrative)
    document.add_heading(_("Steering committee decisions"), level=1)
    for meeting in context["meetings"]:
        document.add_heading(f"{meeting.title} · {meeting.held_on}", level=2)
        document.add_paragraph(meeting.decisions)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


__all__ = ["content", "docx", "pdf", "progress_svg"]
