"""Services without a location (helplines, online services): HSDS service areas and search."""

import csv
import io
import json
import zipfile
from datetime import datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equalcity.core.errors import DomainError
from equalcity.referral import hsds, selectors, services
from equalcity.referral import models as m
from equalcity.referral.demo import load_demo as load_directory_demo
from equalcity.referral.selectors import SearchFilters
from equalcity.referral.services import AreaInput, Opening, ServiceInput
from tests.standards import HSDS_EXAMPLES

pytestmark = pytest.mark.django_db

SEARCH = "/en/referral/equalcity/"
EXAMPLE = HSDS_EXAMPLES / "csv"
EXAMPLE_AREA_ID = "381c64f1-a724-4884-9c21-ac96c21cca3e"
DEMO_HELPLINE = "Demo national helpline (demo data)"


def _register(programme, by, name, *, city="", country="", areas=(), **extra):
    return services.register_service(
        data=ServiceInput(
            name=name, provider="Provider", city=city, country=country, areas=list(areas), **extra
        ),
        programme=programme,
        by=by,
    )


def _helpline(programme, by, name="Belgian line", *, areas=None, **extra):
    extra = {
        "phone": "+00 000 900 000",
        "languages": ["fr", "nl"],
        "needs": ["helpline", "psychosocial"],
        "attributes": ["free", "anonymous"],
        "hours": [Opening("MO,TU,WE,TH,FR,SA,SU", time(0), time(23, 59, 59))],
        **extra,
    }
    return _register(programme, by, name, areas=areas or [AreaInput("BE")], **extra)


def _office(programme, by, name, city="Brussels", country="BE", **extra):
    return _register(programme, by, name, city=city, country=country, **extra)


def _remote(page):
    return [listing.service.name for listing in page.remote]


def _located(page):
    return [listing.service.name for listing in page.results]


# --- registering -------------------------------------------------------------------------


def test_a_helpline_is_registered_without_a_location(demo, manager):
    service = _helpline(demo, manager)
    assert not service.at_locations.exists()
    area = service.service_areas.get()
    assert (area.name, str(area.country), area.city) == ("Belgium", "BE", "")


def test_a_service_needs_a_city_or_an_area(demo, manager):
    with pytest.raises(DomainError) as refused:
        _register(demo, manager, "Nowhere")
    assert refused.value.code == "nowhere"
    with pytest.raises(DomainError) as refused:
        _helpline(demo, manager, areas=[AreaInput("XX")])
    assert refused.value.code == "country"
    assert not m.Service.objects.exists()


# --- HSDS exchange -----------------------------------------------------------------------


def _validate_package(package: bytes) -> dict[str, list[dict]]:
    """Every row and services.json validated against the HSDS schemas; rows by table."""
    tables = {}
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        for resource in descriptor["resources"]:
            validator = hsds.validator(resource["name"])
            rows = list(csv.DictReader(io.StringIO(archive.read(resource["path"]).decode())))
            required = set(hsds.schema(resource["name"]).get("required", []))
            for row in rows:
                record = {k: v for k, v in row.items() if v != "" or k in required}
                assert not [e.message for e in validator.iter_errors(record)], resource["name"]
            tables[resource["name"]] = rows
        full = json.loads(archive.read("services.json"))
    service_validator = hsds.validator("service")
    for service in full:
        assert not [e.message for e in service_validator.iter_errors(service)]
    tables["services.json"] = full
    return tables


def test_service_areas_export_validate_and_import_back(demo, manager):
    helpline = _helpline(demo, manager)
    _office(demo, manager, "Brussels office")
    # HSDS requires a provider's description, which register_service does not ask for
    m.Organization.objects.update(description="Invented provider.")

    package = selectors.export_datapackage()
    tables = _validate_package(package)

    [row] = tables["service_area"]
    assert row["service_id"] == str(helpline.id) and row["name"] == "Belgium"
    assert "country" not in row and "city" not in row  # our extension is not an HSDS column
    [served] = [s for s in tables["services.json"] if s["id"] == str(helpline.id)]
    assert [a["name"] for a in served["service_areas"]] == ["Belgium"]
    assert served["service_at_locations"] == []

    for table in reversed(hsds.TABLES):
        table.model.objects.all().delete()
    try:
        report = services.import_datapackage(source=package, programme=demo, by=manager)
    except services.ImportRefused as refused:
        raise AssertionError([str(line) for line in refused.report.errors]) from None
    assert report.counts["service_area"] == 1
    area = m.ServiceArea.objects.get()
    assert (area.service_id, str(area.country), area.name) == (helpline.id, "BE", "Belgium")
    # imported back, the helpline is a remote service again (HSDS locations carry no city of
    # ours, so the search that finds it is the one without a city)
    page = selectors.search_services(SearchFilters(need="helpline"))
    assert _remote(page) == ["Belgian line"] and page.remote[0].area.country == "BE"


def test_the_hsds_example_area_imports_with_a_note_on_its_country(demo, manager):
    report = services.import_datapackage(source=EXAMPLE, programme=demo, by=manager)
    assert report.ok
    area = m.ServiceArea.objects.get(id=EXAMPLE_AREA_ID)
    assert area.extent_type == "geojson" and area.uri == "http://example.com"
    assert str(area.country) == ""
    notes = [str(line) for line in report.warnings]
    assert any(
        note.startswith("service_areas.csv, row 2, name: The name of this area is not a country")
        for note in notes
    )
    assert not any(note.startswith("service_areas.csv: This table") for note in notes)


def test_hsds_json_brings_its_service_areas(demo, manager):
    data = (HSDS_EXAMPLES / "service_full.json").read_bytes()
    report = services.import_datapackage(source=data, programme=demo, by=manager)
    assert report.ok
    assert str(m.ServiceArea.objects.get().service_id) == json.loads(data)["id"]


def test_an_area_of_no_service_is_refused(demo, manager, tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    for path in EXAMPLE.iterdir():
        (package / path.name).write_bytes(path.read_bytes())
    text = (package / "service_areas.csv").read_text()
    (package / "service_areas.csv").write_text(
        text.replace("ac148810-d857-441c-9679-408f346de14b", "00000000-0000-4000-8000-000000000000")
    )
    with pytest.raises(services.ImportRefused) as refused:
        services.import_datapackage(source=package, programme=demo, by=manager)
    errors = [str(line) for line in refused.value.report.errors]
    assert any(e.startswith("service_areas.csv, row 2, service_id:") for e in errors), errors
    assert not m.ServiceArea.objects.exists()


def test_the_api_serves_service_areas_and_finds_helplines_by_city(client, demo, manager):
    _helpline(demo, manager)
    _office(demo, manager, "Brussels office")
    _office(demo, manager, "Rome office", city="Rome", country="IT")

    page = client.get("/api/hsds/services?city=brussels").json()
    assert [s["name"] for s in page["contents"]] == ["Belgian line", "Brussels office"]
    validator = hsds.validator("service")
    for item in page["contents"]:
        assert not [e.message for e in validator.iter_errors(item)]
    assert page["contents"][0]["service_areas"][0]["name"] == "Belgium"
    rome = client.get("/api/hsds/services?city=Rome").json()
    assert [s["name"] for s in rome["contents"]] == ["Rome office"]


# --- search ------------------------------------------------------------------------------


def test_a_helpline_is_found_in_every_city_of_its_country_and_without_a_city(demo, manager):
    _helpline(demo, manager)
    _helpline(demo, manager, "Antwerp chat", areas=[AreaInput("BE", city="Antwerp")])
    _office(demo, manager, "Brussels office")
    _office(demo, manager, "Antwerp office", city="Antwerp")
    _office(demo, manager, "Rome office", city="Rome", country="IT")

    brussels = selectors.search_services(SearchFilters(city="Brussels"))
    assert _located(brussels) == ["Brussels office"]
    assert _remote(brussels) == ["Belgian line"]  # not the chat of another city
    assert brussels.total == 2 and brussels.remote_total == 1
    assert brussels.remote[0].area.label == "Belgium"
    assert _remote(selectors.search_services(SearchFilters(city="Antwerp"))) == [
        "Antwerp chat",
        "Belgian line",
    ]
    assert _remote(selectors.search_services(SearchFilters(city="Rome"))) == []
    everywhere = selectors.search_services(SearchFilters())
    assert _remote(everywhere) == ["Antwerp chat", "Belgian line"]
    assert everywhere.total == 5


def test_a_city_known_only_from_a_service_area_can_be_searched(demo, manager):
    _helpline(demo, manager, "Ghent chat", areas=[AreaInput("BE", city="Ghent")])
    assert "Ghent" in selectors.cities()
    assert selectors.country_of("Ghent") == "BE"
    assert _remote(selectors.search_services(SearchFilters(city="Ghent"))) == ["Ghent chat"]


def test_a_service_with_a_location_is_not_listed_as_remote(demo, manager):
    _office(demo, manager, "Office with an area", areas=[AreaInput("BE")])
    page = selectors.search_services(SearchFilters(city="Brussels"))
    assert _located(page) == ["Office with an area"] and page.remote == []


def test_an_inactive_helpline_is_not_found(demo, manager):
    service = _helpline(demo, manager)
    m.Service.objects.filter(pk=service.pk).update(status=m.Service.Status.DEFUNCT)
    assert selectors.search_services(SearchFilters(city="Brussels")).remote == []


@pytest.mark.parametrize(
    "filters, found",
    [
        ({"need": "helpline"}, True),
        ({"need": "legal"}, False),
        ({"attributes": ("free", "anonymous")}, True),
        ({"attributes": ("free", "for_children")}, False),
        ({"language": "nl"}, True),
        ({"language": "sv"}, False),
        ({"text": "belgian"}, True),
        ({"text": "shelter"}, False),
    ],
)
def test_every_filter_applies_to_helplines(demo, manager, filters, found):
    _helpline(demo, manager)
    _office(demo, manager, "Brussels office")  # tells that Brussels is in Belgium
    page = selectors.search_services(SearchFilters(city="Brussels", **filters))
    assert _remote(page) == (["Belgian line"] if found else [])
    assert page.remote_total == (1 if found else 0)


def test_open_now_follows_the_helpline_hours(demo, manager):
    _helpline(
        demo, manager, "Evening line", hours=[Opening("MO,TU,WE,TH,FR", time(18), time(23, 0))]
    )
    _helpline(demo, manager, "Night line", hours=[Opening("FR", time(20), time(6))])
    _office(demo, manager, "Brussels office")
    brussels = ZoneInfo("Europe/Brussels")
    cases = {
        datetime(2026, 11, 23, 10, 0, tzinfo=brussels): [],  # a Monday morning
        datetime(2026, 11, 23, 19, 0, tzinfo=brussels): ["Evening line"],
        datetime(2026, 11, 27, 22, 0, tzinfo=brussels): ["Evening line", "Night line"],
        datetime(2026, 11, 28, 3, 0, tzinfo=brussels): ["Night line"],  # after midnight
    }
    for moment, expected in cases.items():
        with mock.patch("django.utils.timezone.now", return_value=moment):
            page = selectors.search_services(SearchFilters(city="Brussels", open_now=True))
        assert _remote(page) == expected, moment


def test_a_search_near_a_point_lists_the_helpline_of_the_country_after_the_places(demo, manager):
    _helpline(demo, manager)
    _helpline(demo, manager, "Italian line", areas=[AreaInput("IT")])
    _office(demo, manager, "Near", latitude=50.85, longitude=4.36)
    _office(demo, manager, "Nearer", latitude=50.847, longitude=4.353)

    page = selectors.search_services(SearchFilters(latitude=50.8467, longitude=4.3525))
    assert _located(page) == ["Nearer", "Near"]
    assert [listing.distance_km is not None for listing in page.results] == [True, True]
    assert _remote(page) == ["Belgian line"]  # the country of the nearest known place
    assert page.remote[0].distance_km is None and page.total == 3
    # far from any place the directory knows, no country can be told: no helpline
    nowhere = selectors.search_services(SearchFilters(latitude=0, longitude=-30))
    assert nowhere.total == 0


def test_pages_list_the_places_first_then_the_helplines(demo, manager):
    for index in range(5):
        _office(demo, manager, f"Office {index}")
    for index in range(3):
        _helpline(demo, manager, f"Line {index}")

    pages = [
        selectors.search_services(SearchFilters(city="Brussels"), page=number, per_page=3)
        for number in (1, 2, 3)
    ]
    assert [p.total for p in pages] == [8, 8, 8] and pages[0].pages == 3
    assert [(_located(p), _remote(p)) for p in pages] == [
        (["Office 0", "Office 1", "Office 2"], []),
        (["Office 3", "Office 4"], ["Line 0"]),
        ([], ["Line 1", "Line 2"]),
    ]
    assert pages[0].remote_first_page == 2


def test_the_search_page_shows_helplines_in_their_own_block(client, demo, manager, demo_users):
    worker = demo_users["frontline_worker"]
    _helpline(demo, manager)
    for index in range(20):
        _office(demo, manager, f"Office {index:02d}")
    client.force_login(worker)

    first = client.get(SEARCH, {"city": "Brussels"}).content.decode()
    assert "21 services found" in first
    assert "Helplines and online services" not in first
    # the first page says where the helpline is, so a worker on a phone does not miss it
    assert "1 helpline or online service, listed after the places on page 2" in first
    assert "city=Brussels&amp;page=2#remote-title" in first

    second = client.get(SEARCH, {"city": "Brussels", "page": "2"}).content.decode()
    assert '<h2 id="remote-title">Helplines and online services</h2>' in second
    assert "By phone or online, in Belgium" in second
    assert 'href="tel:+00 000 900 000"' in second
    assert "Open: Every day, 24 hours" in second
    assert "Helpline" in second and "Free of charge" in second
    assert '<span lang="fr">fr</span>, <span lang="nl">nl</span>' in second
    assert "Page 2 of 2" in second


def _count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("params", [{"city": "Brussels"}, {"lat": "50.8467", "lon": "4.3525"}])
def test_the_search_page_runs_a_constant_number_of_queries_with_helplines(
    client, demo, manager, demo_users, params
):
    worker = demo_users["frontline_worker"]
    _office(demo, manager, "Office", latitude=50.85, longitude=4.36, phone="+00 000 000")
    _helpline(demo, manager, "Line 0")
    client.force_login(worker)
    client.get(SEARCH, params)  # warm the session and the role cache
    few = _count_queries(client, params)
    for index in range(1, 12):
        _helpline(demo, manager, f"Line {index}", areas=[AreaInput("BE"), AreaInput("BE", "Gent")])
        _office(
            demo, manager, f"Office {index}", latitude=50.85, longitude=4.36, phone="+00 000 000"
        )
    many = _count_queries(client, params)
    assert many == few
    body = client.get(SEARCH, params).content.decode()
    assert "Line 5" in body and "Office 11" in body  # both kinds on this page


def test_search_services_queries_stay_constant(demo, manager, django_assert_num_queries):
    _office(
        demo,
        manager,
        "Office",
        needs=["helpline"],
        languages=["fr"],
        hours=[Opening("MO,TU,WE,TH,FR,SA,SU", time(0), time(23, 59, 59))],
    )
    _helpline(demo, manager, "Line 0")
    filters = SearchFilters(city="Brussels", open_now=True, need="helpline", language="fr")
    with CaptureQueriesContext(connection) as few:
        page = selectors.search_services(filters)
    assert _remote(page) == ["Line 0"] and _located(page) == ["Office"]
    # two counts, places and their addresses, helplines, phones, languages, hours, terms
    assert len(few.captured_queries) == 9
    for index in range(1, 10):
        _helpline(demo, manager, f"Line {index}")
    with django_assert_num_queries(len(few.captured_queries)):
        page = selectors.search_services(filters)
        for listing in page.remote:  # what the page reads of each helpline
            list(listing.service.phones.all())
            list(listing.service.languages.all())
            assert listing.hours == ["Every day, 24 hours"]
    assert page.remote_total == 10


# --- the service page --------------------------------------------------------------------


def test_the_page_of_a_helpline_works_without_a_location(client, demo, manager, demo_users):
    service = _helpline(
        demo,
        manager,
        areas=[AreaInput("BE", description="Calls from anywhere in Belgium")],
        hours=[Opening("MO,TU,WE,TH,FR", time(9), time(17)), Opening("SA", time(10), time(14))],
    )
    client.force_login(demo_users["frontline_worker"])
    response = client.get(f"{SEARCH}services/{service.id}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "By phone or online: there is no address to go to." in body
    assert 'Belgium</span> (<span dir="auto">Calls from anywhere in Belgium</span>)' in body
    assert 'href="tel:+00 000 900 000"' in body
    assert "Mon–Fri, 09:00–17:00; Sat, 10:00–14:00" in body
    assert client.get(f"{SEARCH}services/{service.id}/refer/").status_code == 200


def test_the_pathway_editor_offers_the_helplines_of_the_city(demo, manager):
    _helpline(demo, manager)
    _office(demo, manager, "Brussels office")
    _office(demo, manager, "Rome office", city="Rome", country="IT")
    assert [s.name for s in selectors.services_in("Brussels")] == [
        "Belgian line",
        "Brussels office",
    ]
    assert [s.name for s in selectors.services_in("Rome")] == ["Rome office"]


# --- the demo ----------------------------------------------------------------------------


def test_the_demo_has_one_invented_helpline_per_pilot_country(directory):
    helplines = m.Service.objects.filter(name=DEMO_HELPLINE).prefetch_related(
        "service_areas", "phones", "at_locations"
    )
    by_country = {str(s.service_areas.get().country): s for s in helplines}
    assert sorted(by_country) == ["BE", "IT", "LU", "SE"]
    numbers = set()
    for service in by_country.values():
        assert service.is_demo and not service.at_locations.exists()
        [phone] = service.phones.all()
        assert phone.number.startswith("+00 ")  # obviously fictitious, never a real number
        numbers.add(phone.number)
    assert len(numbers) == 4

    for city, country in [("Brussels", "BE"), ("Luxembourg", "LU"), ("Rome", "IT")]:
        page = selectors.search_services(SearchFilters(city=city))
        assert _remote(page) == [DEMO_HELPLINE]
        assert page.remote[0].area.country == country
    gothenburg = selectors.search_services(SearchFilters(city="Gothenburg", need="helpline"))
    assert _located(gothenburg) == [] and _remote(gothenburg) == [DEMO_HELPLINE]
    assert gothenburg.remote[0].area.label == "Sweden"


def test_loading_the_demo_twice_adds_no_second_helpline(directory):
    before = {
        model: model.objects.count() for model in [m.Service, m.ServiceArea, m.Phone, m.Attribute]
    }
    load_directory_demo(programme=directory)
    after = {model: model.objects.count() for model in before}
    assert after == before
    assert m.ServiceArea.objects.count() == 4
