"""The demo women-and-girls toolbox read and downloaded in French and in Arabic.

Right-to-left is checked on a rendered page image: the PDF's cover page is rasterised with
``pdftoppm`` and the lines of text must be flush with the right margin (and ragged on the
left) in Arabic, the other way round in French.
"""

import shutil
import subprocess
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from equalcity.programmes.demo import load_all_demo_data
from equalcity.toolboxes.demo import WOMEN_SLUG
from equalcity.toolboxes.models import EditionPdf, Toolbox
from equalcity.translations import selectors

pytestmark = pytest.mark.django_db

PDFTOPPM, PDFTOTEXT = shutil.which("pdftoppm"), shutil.which("pdftotext")


@pytest.fixture
def women(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_all_demo_data()
    return Toolbox.objects.get(slug=WOMEN_SLUG)


def test_the_demo_dashboard_shows_all_four_states(women):
    for row in selectors.coverage(women, ["fr", "ar"]):
        assert row.reviewed and row.translated and row.outdated and row.missing, row


def test_the_arabic_reader_is_right_to_left_with_per_unit_fallback(women, client):
    section = women.modules.get(position=1).sections.get(title="Intercultural communication")
    html = client.get(
        f"/en/toolboxes/{WOMEN_SLUG}/sections/{section.pk}/?content=ar"
    ).content.decode()
    assert '<article class="reader" lang="ar" dir="rtl">' in html
    assert "التواصل بين الثقافات" in html and "بجمل قصيرة" in html
    page = client.get(f"/en/toolboxes/{WOMEN_SLUG}/?content=ar").content.decode()
    assert "النساء والفتيات المهاجرات" in page
    assert "This part is not yet translated" in page  # modules 2-4 are not
    assert f"/en/toolboxes/{WOMEN_SLUG}/pdf/?content=ar" in page


def test_the_reader_warns_on_outdated_text(women, client):
    section = women.modules.get(position=1).sections.get(
        title="Vulnerabilities along the migration path"
    )
    html = client.get(f"/en/toolboxes/{WOMEN_SLUG}/sections/{section.pk}/?content=fr").content
    html = html.decode()
    assert "Les risques augmentent" in html
    assert "the translation may be out of date" in html


def _download(client, women, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(f"/en/toolboxes/{WOMEN_SLUG}/pdf/?content={language}")
    assert page.status_code == 200
    pdf = EditionPdf.objects.get(edition=women.latest_edition, language=language)
    assert pdf.state == EditionPdf.State.DONE, pdf.error
    download = client.get(f"/en/toolboxes/{WOMEN_SLUG}/pdf/download/?content={language}")
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF")
    with default_storage.open(pdf.file.name, "rb") as stored:
        assert stored.read() == data
    return data


def _edges(data: bytes, tmp_path) -> tuple[list[int], list[int]]:
    """Left and right ink edges of each line of text on the cover page (page 1)."""
    source = tmp_path / "edition.pdf"
    source.write_bytes(data)
    subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    image = Image.open(BytesIO(next(tmp_path.glob("p*.png")).read_bytes())).convert("L")
    width, height = image.size
    pixels = image.load()
    lefts, rights, in_line = [], [], False
    for y in range(int(height * 0.85)):  # above the page number
        dark = [x for x in range(width) if pixels[x, y] < 128]
        if dark and not in_line:
            lefts.append(dark[0])
            rights.append(dark[-1])
        elif dark:
            lefts[-1], rights[-1] = min(lefts[-1], dark[0]), max(rights[-1], dark[-1])
        in_line = bool(dark)
    return lefts, rights


@pytest.mark.skipif(not (PDFTOPPM and PDFTOTEXT), reason="poppler-utils is not installed")
def test_french_and_arabic_pdf_editions_and_the_arabic_one_is_right_to_left(
    women, client, tmp_path, django_capture_on_commit_callbacks
):
    french = _download(client, women, "fr", django_capture_on_commit_callbacks)
    arabic = _download(client, women, "ar", django_capture_on_commit_callbacks)
    text = subprocess.run(  # noqa: S603 - a fixed tool reading this test's PDF
        [PDFTOTEXT, "-", "-"], input=arabic, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert "ﺍﻟﻬﺠﺮﺓ" in text or "الهجرة" in text or "ﺓﺮﺠﻬﻟﺍ" in text
    (tmp_path / "ar").mkdir()
    lefts, rights = _edges(arabic, tmp_path / "ar")
    assert len(rights) >= 4
    assert _flush(rights, max(rights)) >= 0.75, (lefts, rights)  # flush with the right margin
    assert _flush(lefts, min(lefts)) < 0.5, (lefts, rights)  # ragged on the left
    (tmp_path / "fr").mkdir()
    lefts, rights = _edges(french, tmp_path / "fr")
    assert _flush(lefts, min(lefts)) >= 0.75, (lefts, rights)  # French: flush left
    assert _flush(rights, max(rights)) < 0.5, (lefts, rights)


def _flush(edges: list[int], margin: int) -> float:
    """The share of lines whose edge is at the margin (within 4 px at 60 dpi)."""
    return sum(abs(edge - margin) <= 4 for edge in edges) / len(edges)
