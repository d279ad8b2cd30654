import io

import pytest
from django.core.management import call_command

from equalcity.surveys import demo as surveys_demo
from equalcity.surveys.models import Answer, FocusGroup, Submission, Survey

pytestmark = pytest.mark.django_db


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "surveys", stdout=out)
    return out.getvalue()


def test_the_demo_is_labelled_complete_and_a_second_load_writes_nothing(demo):
    surveys_demo.load_demo(programme=demo)
    first = dump()
    surveys_demo.load_demo(programme=demo)
    assert dump() == first
    survey = Survey.objects.get(form_id=surveys_demo.FORM_ID)
    assert survey.is_demo and "(demo)" in survey.title
    cities = set(Submission.objects.filter(survey=survey).values_list("city", flat=True))
    assert cities == {"Brussels", "Luxembourg", "Rome", "Gothenburg"}
    assert all(s.is_demo for s in Submission.objects.all())
    assert Answer.objects.exclude(ciphertext="").exists()
    assert FocusGroup.objects.filter(is_demo=True).count() == 4
    assert {q.kind for q in survey.questions.all()} >= {
        "acknowledge",
        "select_one",
        "select_multiple",
        "text",
        "integer",
        "date",
        "range",
        "calculate",
        "group",
        "repeat",
    }
