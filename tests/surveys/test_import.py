import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from equalcity.accounts.models import AuditEntry
from equalcity.surveys import services
from equalcity.surveys.models import Question, Survey
from tests.surveys.conftest import XLSFORM_DIR, workbook

pytestmark = pytest.mark.django_db

FULL = [
    [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "hint::French (fr)",
        "required",
        "constraint",
        "constraint_message::English (en)",
        "relevant",
        "choice_filter",
        "default",
        "sensitive",
        "calculation",
        "parameters",
    ],
    ["acknowledge", "ok", "I agree", "J'accepte", "", "yes", "", "", "", "", "", "", "", ""],
    [
        "text",
        "name_q",
        "Name",
        "Nom",
        "un indice",
        "",
        "string-length(.) < 20",
        "Too long",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "integer",
        "age",
        "Age",
        "Âge",
        "",
        "yes",
        ". >= 0",
        "Not negative",
        "",
        "",
        "30",
        "yes",
        "",
        "",
    ],
    ["decimal", "hours", "Hours", "Heures", "", "", "", "", "", "", "", "", "", ""],
    ["select_one region", "region", "Region", "Région", "", "", "", "", "", "", "", "", "", ""],
    [
        "select_one town",
        "town",
        "Town",
        "Ville",
        "",
        "",
        "",
        "",
        "",
        "${region} = reg",
        "",
        "",
        "",
        "",
    ],
    [
        "select_multiple topic or_other",
        "topics",
        "Topics",
        "Thèmes",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "date",
        "when",
        "When",
        "Quand",
        "",
        "",
        ". <= today()",
        "",
        "${age} > 18",
        "",
        "",
        "",
        "",
        "",
    ],
    ["note", "info", "Note", "Note", "", "", "", "", "", "", "", "", "", ""],
    [
        "range",
        "score",
        "Score",
        "Score",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "start=1 end=5 step=1",
    ],
    ["calculate", "double", "", "", "", "", "", "", "", "", "", "", "${age} * 2", ""],
    ["begin_group", "grp", "Group", "Groupe", "", "", "", "", "", "", "", "", "", ""],
    ["text", "inner", "Inner", "Intérieur", "", "", "", "", "", "", "", "", "", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["begin_repeat", "kids", "Kids", "Enfants", "", "", "", "", "", "", "", "", "", ""],
    ["integer", "kid_age", "Kid age", "Âge", "", "", ". < ${age}", "", "", "", "", "", "", ""],
    ["end_repeat", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label::English (en)", "label::French (fr)", "reg"],
    ["region", "north", "North", "Nord", ""],
    ["region", "south", "South", "Sud", ""],
    ["town", "a", "A", "A", "north"],
    ["town", "b", "B", "B", "south"],
    ["topic", "x", "X", "X", ""],
]
SETTINGS = [["form_title", "form_id", "default_language"], ["Full", "full", "English (en)"]]


def full_workbook(rows=FULL):
    return workbook(rows, CHOICES, SETTINGS)


def test_every_supported_type_imports_with_languages_and_rules(import_form):
    survey = import_form(full_workbook())
    items = {q.name: q for q in survey.questions.all()}
    assert {
        "ok",
        "name_q",
        "age",
        "hours",
        "region",
        "town",
        "topics",
        "topics_other",
        "when",
        "info",
        "score",
        "double",
        "grp",
        "inner",
        "kids",
        "kid_age",
    } <= set(items)
    assert items["age"].sensitive and not items["name_q"].sensitive
    assert items["kid_age"].repeat == "kids"
    definition = survey.definition
    assert [lang["code"] for lang in definition["languages"] if lang["code"]] == ["en", "fr"]
    age = next(i for i in definition["items"] if i["name"] == "age")
    assert age["label"] == {"English (en)": "Age", "French (fr)": "Âge"}
    assert age["required"] and age["default"] == "30" and age["constraint"] is not None
    town = next(i for i in definition["items"] if i["name"] == "town")
    assert town["choice_filter"] == ["bin", "=", ["ref", "region"], ["col", "reg"]]
    assert AuditEntry.objects.filter(action="surveys.survey.imported").count() == 1


@pytest.mark.parametrize("name", ["choice_filter_test.xlsx", "specify_other.xlsx"])
def test_shared_examples_that_fit_import(import_form, name):
    survey = import_form((XLSFORM_DIR / name).read_bytes(), name=name)
    assert survey.questions.exists()


@pytest.mark.parametrize(
    ("name", "feature"),
    [
        ("flat_xlsform_test.xlsx", "regex()"),
        ("flat_xlsform_test.xlsx", "“simserial” is not supported"),
        ("group.xlsx", "“phone number” is not supported"),
    ],
)
def test_shared_examples_that_do_not_fit_are_refused_with_the_feature_named(
    import_form, name, feature
):
    with pytest.raises(services.ImportRefused) as refusal:
        import_form((XLSFORM_DIR / name).read_bytes(), name=name)
    assert refusal.value.code == "unsupported"
    assert any(feature in line for line in refusal.value.report.errors), refusal.value.report.errors
    assert not Survey.objects.exists() and not Question.objects.exists()


def _refusal(import_form, content, name="form.xlsx"):
    with pytest.raises(services.ImportRefused) as refusal:
        import_form(content, name=name)
    assert not Survey.objects.exists() and not Question.objects.exists()
    return refusal.value


def test_a_broken_workbook_is_refused(import_form):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("nonsense.txt", "not a workbook")
    assert _refusal(import_form, buffer.getvalue()).code in {"unreadable", "invalid_xlsform"}
    assert _refusal(import_form, b"plain text", name="form.csv").code == "not_xlsx"


def test_an_oversized_file_is_refused(import_form):
    content = b"PK" + b"0" * (services.MAX_UPLOAD_BYTES + 1)
    assert _refusal(import_form, content).code == "too_large"


def test_a_workbook_without_a_survey_sheet_is_refused(import_form):
    content = workbook([["list_name", "name", "label"]], settings_rows=None)
    refusal = _refusal(import_form, content)
    assert refusal.code in {"invalid_xlsform", "unreadable"}


def test_an_unknown_question_type_is_named(import_form):
    rows = [["type", "name", "label"], ["geopoint", "where", "Where"], ["text", "t", "T"]]
    refusal = _refusal(import_form, workbook(rows))
    assert any("geopoint" in line for line in refusal.report.errors)


def test_a_duplicate_name_is_refused(import_form):
    rows = [
        ["type", "name", "label"],
        ["text", "a", "A"],
        ["begin_group", "g", "G"],
        ["text", "a", "A again"],
        ["end_group", "", ""],
    ]
    refusal = _refusal(import_form, workbook(rows))
    assert refusal.code in {"unsupported", "invalid_xlsform"}
    assert "a" in str(refusal.report.errors) or "a" in str(refusal.message)


def test_circular_calculations_and_unknown_references_are_refused(import_form):
    rows = [
        ["type", "name", "label", "calculation", "relevant"],
        ["calculate", "x", "", "${y} + 1", ""],
        ["calculate", "y", "", "${x} + 1", ""],
        ["text", "t", "T", "", ""],
    ]
    errors = _refusal(import_form, workbook(rows)).report.errors
    assert any("circle" in line and "x → y → x" in line for line in errors), errors
    rows[3][4] = "${missing} = 'a'"
    refusal = _refusal(import_form, workbook(rows))
    assert "missing" in str(refusal.message)


def test_a_bad_expression_is_refused(import_form):
    rows = [["type", "name", "label", "constraint"], ["integer", "n", "N", ". >>> 3"]]
    errors = _refusal(import_form, workbook(rows)).report.errors
    assert any("“n”" in line and "constraint" in line for line in errors)


def test_the_same_form_twice_is_refused(import_form):
    import_form(full_workbook())
    with pytest.raises(services.ImportRefused) as refusal:
        import_form(full_workbook())
    assert refusal.value.code == "duplicate"
    assert Survey.objects.count() == 1


def test_appearance_is_reported_as_ignored(import_form):
    rows = [["type", "name", "label", "appearance"], ["text", "t", "T", "multiline"]]
    survey = import_form(workbook(rows))
    assert any("multiline" in line for line in survey.warnings)


def test_the_command_imports_and_refuses(demo, tmp_path):
    path = tmp_path / "full.xlsx"
    path.write_bytes(full_workbook())
    call_command("import_xlsform", str(path), "--programme", "equalcity", "--open")
    survey = Survey.objects.get(form_id="full")
    assert survey.status == Survey.Status.OPEN
    with pytest.raises(CommandError, match="phone number"):
        call_command("import_xlsform", str(XLSFORM_DIR / "group.xlsx"), "--programme", "equalcity")
    with pytest.raises(CommandError, match="No programme"):
        call_command("import_xlsform", str(path), "--programme", "nope")


def test_a_manager_uploads_a_form_and_sees_what_cannot_be_used(verified_client, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client = verified_client(manager)
    url = reverse("surveys:import", args=["equalcity"])
    refused = client.post(
        url,
        {"workbook": SimpleUploadedFile("group.xlsx", (XLSFORM_DIR / "group.xlsx").read_bytes())},
    )
    assert refused.status_code == 400
    assert "the question type “phone number” is not supported" in refused.content.decode()
    assert not Survey.objects.exists()
    accepted = client.post(
        url,
        {"workbook": SimpleUploadedFile("full.xlsx", full_workbook()), "open_now": "on"},
    )
    survey = Survey.objects.get(form_id="full")
    assert accepted.status_code == 302 and survey.status == Survey.Status.OPEN
    assert client.get(accepted["Location"]).status_code == 200
