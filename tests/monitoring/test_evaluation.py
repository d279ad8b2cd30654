import io
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from equalcity.core.errors import DomainError
from equalcity.monitoring import services
from equalcity.monitoring.models import EvaluationReport, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_report(monitoring_demo, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_evaluation_report(
            programme=monitoring_demo,
            kind=EvaluationReport.Kind.FINAL,
            period_start=monitoring_demo.starts_on,
            period_end=monitoring_demo.ends_on,
            by=manager,
        )
    report.refresh_from_db()
    return report


def test_the_final_report_is_generated_in_the_background(final_report):
    assert final_report.state == EvaluationReport.State.DONE
    assert final_report.progress == 100


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils not installed",
)
def test_the_final_report_pdf_has_the_logframe_table_and_a_chart(final_report, tmp_path):
    from PIL import Image

    pdf = tmp_path / "final.pdf"
    pdf.write_bytes(final_report.pdf.read())
    text = subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [shutil.which("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Logframe" in text and "Frontline workers trained" in text and "SDG targets" in text
    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [
            shutil.which("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    colours = set()
    for page in pages:
        image = Image.open(page).convert("RGB")
        extrema = image.getextrema()
        assert any(low != high for low, high in extrema), "a blank page"
        colours |= {colour for _count, colour in image.getcolors(maxcolors=1 << 16) or []}
    # the chart's bars are drawn in the report's blue (#1f5fa8): the SVG was rendered
    assert any(
        abs(r - 0x1F) < 12 and abs(g - 0x5F) < 12 and abs(b - 0xA8) < 12 for r, g, b in colours
    )


def test_the_final_report_docx_has_the_logframe(final_report):
    document = Document(io.BytesIO(final_report.docx.read()))
    headings = [p.text for p in document.paragraphs]
    assert "Logframe" in headings and "Steering committee decisions" in headings
    first_table = document.tables[0]
    assert first_table.rows[1].cells[1].text.startswith("G ")
    indicators = Indicator.objects.filter(programme=final_report.programme).count()
    assert len(document.tables[1].rows) == 1 + indicators


def test_the_final_report_has_the_figures_by_city_and_the_phases(final_report):
    document = Document(io.BytesIO(final_report.docx.read()))
    headings = [p.text for p in document.paragraphs]
    assert "Indicators by city" in headings and "Programme phases" in headings
    # the five demo phases as they stood on the report's last day, the programme's last day,
    # when the last two still ran
    phases = next(t for t in document.tables if t.rows[0].cells[0].text == "Phase")
    assert [row.cells[3].text for row in phases.rows[1:]] == 3 * ["Completed"] + 2 * ["In progress"]
    # the first table by city is the workers trained: the demo's four pilot cities
    by_city = next(t for t in document.tables if t.rows[0].cells[0].text == "City")
    workers = {row.cells[0].text: row.cells[1].text for row in by_city.rows[1:]}
    assert set(workers) == {"Brussels", "Gothenburg", "Luxembourg", "Rome"}
    assert all(value.isdigit() for value in workers.values())


def test_a_period_outside_the_programme_is_refused(monitoring_demo, manager):
    with pytest.raises(DomainError) as error:
        services.request_evaluation_report(
            programme=monitoring_demo,
            kind="mid_term",
            period_start=date(2019, 1, 1),
            period_end=date(2020, 11, 24),
            by=manager,
        )
    assert error.value.code == "outside_programme"
    assert not EvaluationReport.objects.exists()


def test_the_status_is_polled_with_htmx_and_files_download(
    verified_client, manager, final_report, monitoring_demo
):
    client = verified_client(manager)
    url = reverse("monitoring:evaluation", args=[monitoring_demo.slug, final_report.public_id])
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="evaluation-status"')
    assert "hx-get" not in partial.content.decode()  # finished: polling stops
    pdf = client.get(
        reverse(
            "monitoring:evaluation-file",
            args=[monitoring_demo.slug, final_report.public_id, "pdf"],
        )
    )
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_form_refuses_bad_dates_and_starts_a_report(verified_client, manager, monitoring_demo):
    client = verified_client(manager)
    url = reverse("monitoring:evaluations", args=[monitoring_demo.slug])
    refused = client.post(
        url, {"kind": "mid_term", "period_start": "2020-12-01", "period_end": "2020-01-01"}
    )
    assert refused.status_code == 400 and "ends before it starts" in refused.content.decode()
    started = client.post(
        url, {"kind": "mid_term", "period_start": "2019-11-25", "period_end": "2020-11-24"}
    )
    assert started.status_code == 302
    assert EvaluationReport.objects.get().kind == "mid_term"
