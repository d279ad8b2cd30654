"""CSV and XLSX files people open in a spreadsheet, safe to open.

Text that came from users (survey answers, titles, comments) may start with ``=``, ``+``,
``-`` or ``@``: a spreadsheet would run it as a formula (CSV injection, OWASP). In CSV such a
cell is prefixed with an apostrophe; in XLSX it is stored as a string cell, so the text stays
exactly as typed and nothing runs. Control characters XLSX cannot hold are dropped instead of
failing the download.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBERS = int | float | Decimal


def csv_cell(value) -> str:
    """A CSV cell: numbers as they are, text that a spreadsheet would evaluate neutralised."""
    if value is None:
        return ""
    if isinstance(value, NUMBERS) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, NUMBERS | date | datetime):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``; the header row is bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        # Sheet titles are at most 31 characters and may not hold []:*?/\ .
        clean = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Sheet"
        sheet = book.create_sheet(clean)
        for row_number, row in enumerate([header, *rows], start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column, value=_xlsx_value(value))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                if row_number == 1:
                    cell.font = bold
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, sheets) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
