import io

import pytest
from django.conf import settings
from openpyxl import Workbook

from equalcity.surveys import demo as surveys_demo
from equalcity.surveys import services

XLSFORM_DIR = settings.BASE_DIR.parent / "shared" / "standards" / "xlsform"


def workbook(survey_rows, choices=(), settings_rows=None) -> bytes:
    """An XLSForm workbook written for one test."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey_rows:
        sheet.append(list(row))
    if choices:
        sheet = book.create_sheet("choices")
        for row in choices:
            sheet.append(list(row))
    if settings_rows:
        sheet = book.create_sheet("settings")
        for row in settings_rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def demo_survey(demo):
    surveys_demo.load_demo(programme=demo)
    return demo.surveys.get(form_id=surveys_demo.FORM_ID)


@pytest.fixture
def import_form(demo):
    def run(content: bytes, *, name="form.xlsx", open_now=True, anonymous=True):
        return services.import_xlsform(
            programme=demo, content=content, filename=name, open_now=open_now, anonymous=anonymous
        )

    return run


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield
