"""HSDS 3 exchange: the standard's own example imports, exports back and validates."""

import csv
import io
import json
import shutil
import zipfile

import pytest

from equalcity.accounts.models import AuditEntry
from equalcity.referral import hsds, selectors, services
from equalcity.referral import models as m
from tests.standards import HSDS_EXAMPLES

pytestmark = pytest.mark.django_db

EXAMPLE = HSDS_EXAMPLES / "csv"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def _copy_example(tmp_path):
    target = tmp_path / "package"
    shutil.copytree(EXAMPLE, target)
    return target


def _errors(report) -> list[str]:
    return [str(line) for line in report.errors]


def test_the_hsds_example_imports(demo, manager):
    report = services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)

    assert report.ok
    service = m.Service.objects.get(id=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.minimum_age == 12
    assert service.phones.get().number == "+44 1234 234567"
    assert service.schedules.exists() and service.required_documents.exists()
    assert m.ServiceAtLocation.objects.filter(service=service).count() == 1
    # the example's placeholder position (100, 101) is not on Earth: reported, not stored
    assert m.Location.objects.get().latitude is None
    assert any("not a position on Earth" in str(line) for line in report.warnings)
    assert AuditEntry.objects.filter(action="referral.import.completed").exists()


def test_importing_twice_changes_nothing(demo, manager):
    services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)
    before = {table.name: table.model.objects.count() for table in hsds.TABLES}
    services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)
    assert {table.name: table.model.objects.count() for table in hsds.TABLES} == before


def test_the_export_validates_against_the_hsds_schemas_and_imports_back(demo, manager, tmp_path):
    services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)

    package = selectors.export_datapackage()

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = set(archive.namelist())
        descriptor = json.loads(archive.read("datapackage.json"))
        assert {r["path"] for r in descriptor["resources"]} <= names
        for resource in descriptor["resources"]:
            validator = hsds.validator(resource["name"])
            rows = list(csv.DictReader(io.StringIO(archive.read(resource["path"]).decode())))
            for row in rows:
                record = {k: v for k, v in row.items() if v != ""}
                _typed(resource["name"], record)
                errors = list(validator.iter_errors(record))
                assert not errors, (resource["name"], [e.message for e in errors])
        full = json.loads(archive.read("services.json"))
    service_validator = hsds.validator("service")
    assert [s["id"] for s in full] == [SERVICE_ID]
    for service in full:
        assert not [e.message for e in service_validator.iter_errors(service)]

    # and the export imports back into an empty directory, giving the same services
    for table in reversed(hsds.TABLES):
        table.model.objects.all().delete()
    report = services.import_datapackage(source=package, programme=demo, by=manager)
    assert report.ok, _errors(report)
    assert m.Service.objects.get(id=SERVICE_ID).name == "Community Counselling"
    assert m.Phone.objects.count() == 1 and m.Attribute.objects.count() == 1


def _typed(name, record):
    """CSV cells are text; give numbers their type as a datapackage reader would."""
    props = hsds.schema(name)["properties"]
    for key, value in list(record.items()):
        if props[key].get("type") == "number":
            record[key] = float(value)


def test_the_api_serves_hsds_that_validates(client, demo, manager):
    services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)
    checks = [
        ("/api/hsds/services", "service"),
        ("/api/hsds/organizations", "organization"),
        ("/api/hsds/service_at_locations", "service_at_location"),
        ("/api/hsds/taxonomies", "taxonomy"),
        ("/api/hsds/taxonomy_terms", "taxonomy_term"),
    ]
    for url, entity in checks:
        page = client.get(url).json()
        assert page["total_items"] >= 1 and page["page_number"] == 1 and page["first_page"]
        assert page["size"] == len(page["contents"])
        validator = hsds.validator(entity)
        for item in page["contents"]:
            assert not [e.message for e in validator.iter_errors(item)], url
    detail = client.get(f"/api/hsds/services/{SERVICE_ID}").json()
    assert detail["organization"]["name"] == "Example Organization Inc."
    assert not list(hsds.validator("service").iter_errors(detail))


def test_api_paging_and_filters(client, demo, manager):
    services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)
    page = client.get("/api/hsds/services?per_page=1&page=2").json()
    assert page["empty"] is False and page["contents"] == [] and page["last_page"]
    missing = client.get("/api/hsds/services?organization_id=00000000-0000-0000-0000-000000000000")
    assert missing.json()["empty"] is True
    assert client.get("/api/hsds/services?per_page=0").status_code == 400
    assert client.get("/api/hsds/services?page=x").status_code == 400
    assert client.get("/api/hsds/services?taxonomy_term_id=nope").status_code == 400
    assert client.get("/api/hsds/services/00000000-0000-0000-0000-000000000000").status_code == 404


def test_the_api_schema_stays_valid(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/hsds/services" in response.content


# --- bad input --------------------------------------------------------------------------------


def _edit(path, name, column, value, row=0):
    with open(path / name, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[row][column] = value
    with open(path / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("name", "column", "value", "expected"),
    [
        (
            "attributes.csv",
            "taxonomy_term_id",
            "11111111-1111-1111-1111-111111111111",
            "attributes.csv, row 2, taxonomy_term_id",
        ),
        (
            "locations.csv",
            "latitude",
            "north",
            "locations.csv, row 2, latitude: north is not a number",
        ),
        ("locations.csv", "longitude", "", "Latitude and longitude come together"),
        (
            "phones.csv",
            "number",
            "call us",
            "phones.csv, row 2, number: call us is not a phone number",
        ),
        (
            "service_at_location.csv",
            "service_id",
            "22222222-2222-2222-2222-222222222222",
            "service_at_location.csv, row 2, service_id",
        ),
        ("services.csv", "status", "open", "services.csv, row 2, status: open is not one of"),
        ("services.csv", "name", "", "services.csv, row 2, name: A value is required"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_imported(
    demo, manager, tmp_path, name, column, value, expected
):
    package = _copy_example(tmp_path)
    _edit(package, name, column, value)

    with pytest.raises(services.ImportRefused) as refused:
        services.import_datapackage(source=package, programme=demo, by=manager)

    assert any(expected in line for line in _errors(refused.value.report)), _errors(
        refused.value.report
    )
    assert not m.Service.objects.exists() and not m.Organization.objects.exists()
    assert AuditEntry.objects.filter(action="referral.import.refused").exists()


def test_a_malformed_datapackage_is_refused(demo, manager, tmp_path):
    package = _copy_example(tmp_path)
    (package / "datapackage.json").unlink()
    (package / "datapackage.json").write_text("{not json")
    with pytest.raises(services.ImportRefused) as refused:
        services.import_datapackage(source=package, programme=demo, by=manager)
    assert "datapackage.json is not valid JSON." in _errors(refused.value.report)[0]

    with pytest.raises(services.ImportRefused) as refused:
        services.import_datapackage(source=b"not a zip", programme=demo, by=manager)
    assert "not a zip archive" in _errors(refused.value.report)[0]
    assert not m.Service.objects.exists()


def test_a_duplicate_id_is_reported(demo, manager, tmp_path):
    package = _copy_example(tmp_path)
    text = (package / "phones.csv").read_text()
    (package / "phones.csv").write_text(text + text.splitlines()[1] + "\n")
    with pytest.raises(services.ImportRefused) as refused:
        services.import_datapackage(source=package, programme=demo, by=manager)
    assert "phones.csv, row 3, id: This id appears twice in the table." in _errors(
        refused.value.report
    )


def test_hsds_json_imports_too(demo, manager):
    # the standard's example of a full service, as another directory's API would serve it
    data = (HSDS_EXAMPLES / "service_full.json").read_bytes()
    report = services.import_datapackage(source=data, programme=demo, by=manager)
    assert report.ok
    service = m.Service.objects.get(id=json.loads(data)["id"])
    assert service.phones.exists() and service.at_locations.exists()


def test_our_own_api_output_imports_back(client, demo, manager):
    services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)
    page = client.get("/api/hsds/services").content
    for table in reversed(hsds.TABLES):
        table.model.objects.all().delete()
    report = services.import_datapackage(source=page, programme=demo, by=manager)
    assert report.ok, _errors(report)
    assert m.Service.objects.get(id=SERVICE_ID).name == "Community Counselling"


def test_malformed_json_is_refused(demo, manager):
    with pytest.raises(services.ImportRefused) as refused:
        services.import_datapackage(source=b'{"contents": "x"}', programme=demo, by=manager)
    assert "HSDS JSON must be a list of services." in _errors(refused.value.report)[0]
