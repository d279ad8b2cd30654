import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from equalcity.core.spreadsheets import csv_cell, csv_response, xlsx_bytes


@pytest.mark.parametrize("text", ["=1+1", "+A1", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd"])
def test_csv_neutralises_what_a_spreadsheet_would_run(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, ""), (-3, "-3"), (Decimal("-1.5"), "-1.5"), (date(2021, 3, 1), "2021-03-01")],
)
def test_csv_keeps_numbers_and_dates(value, expected):
    assert csv_cell(value) == expected


def test_csv_response_is_an_attachment():
    response = csv_response("a.csv", ["name"], [["=x"], ["Brussels"]])
    assert response["Content-Disposition"] == 'attachment; filename="a.csv"'
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["name"],
        ["'=x"],
        ["Brussels"],
    ]


def test_xlsx_stores_formula_text_as_text_and_drops_control_characters():
    data = xlsx_bytes([("Sessions: a/b", ["name", "n"], [["=1+1", 3], ["ok\x01\x02", None]])])
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Sessions ab"]
    sheet = book["Sessions ab"]
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3 and sheet["B2"].data_type == "n"
    assert sheet["A3"].value == "ok"
    assert sheet["A1"].font.bold
