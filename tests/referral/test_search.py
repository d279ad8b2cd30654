"""Search for frontline workers: by need, city, language, open now, attributes, distance."""

from datetime import datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from equalcity.referral import selectors, services
from equalcity.referral.selectors import SearchFilters
from equalcity.referral.services import Opening, ServiceInput

pytestmark = pytest.mark.django_db

SEARCH = "/en/referral/equalcity/"


def _names(page):
    return [listing.service.name for listing in page.results]


def test_a_worker_finds_the_luxembourg_shelter(directory):
    page = selectors.search_services(
        SearchFilters(
            city="Luxembourg",
            need="shelter",
            language="fr",
            open_now=True,
            attributes=("free", "no_residence_permit", "for_women"),
        )
    )
    assert _names(page) == ["Demo shelter for women (demo data)"]
    listing = page.results[0]
    assert listing.address is None and listing.coordinates is None


def test_filters_narrow_the_results(directory):
    everything = selectors.search_services(SearchFilters(city="Rome"), per_page=50)
    assert everything.total == 7  # six services at locations and Italy's demo helpline
    assert selectors.search_services(SearchFilters(city="Rome", need="legal")).total == 1
    assert selectors.search_services(SearchFilters(city="Rome", language="sv")).total == 0
    assert (
        selectors.search_services(SearchFilters(city="Rome", attributes=("for_children",))).total
        == 1
    )


def test_open_now_follows_the_opening_hours(demo, manager):
    services.register_service(
        data=ServiceInput(
            name="Weekday office",
            provider="Provider",
            city="Testville",
            country="BE",
            hours=[Opening("MO,TU,WE,TH,FR", time(9), time(17))],
        ),
        programme=demo,
        by=manager,
    )
    services.register_service(
        data=ServiceInput(
            name="Night line",
            provider="Provider",
            city="Testville",
            country="BE",
            hours=[Opening("FR", time(20), time(6))],
        ),
        programme=demo,
        by=manager,
    )
    brussels = ZoneInfo("Europe/Brussels")
    cases = {
        datetime(2026, 11, 23, 10, 0, tzinfo=brussels): ["Weekday office"],  # a Monday morning
        datetime(2026, 11, 22, 10, 0, tzinfo=brussels): [],  # Sunday
        datetime(2026, 11, 27, 22, 0, tzinfo=brussels): ["Night line"],  # Friday night
        datetime(2026, 11, 28, 3, 0, tzinfo=brussels): ["Night line"],  # after midnight
    }
    for moment, expected in cases.items():
        with mock.patch("django.utils.timezone.now", return_value=moment):
            page = selectors.search_services(SearchFilters(city="Testville", open_now=True))
        assert _names(page) == expected, moment


def test_distance_orders_by_nearest_and_leaves_out_confidential_places(directory):
    page = selectors.search_services(
        SearchFilters(latitude=49.6116, longitude=6.1319, radius_km=5), per_page=50
    )
    distances = [listing.distance_km for listing in page.results]
    # Luxembourg's six demo services but the confidential shelter, and its demo helpline
    assert page.total == 6
    assert distances == sorted(distances) and distances[-1] <= 5
    assert "Demo shelter for women (demo data)" not in _names(page)


def test_the_search_page_finds_services(client, directory, worker):
    client.force_login(worker)
    response = client.get(
        SEARCH,
        {
            "city": "Luxembourg",
            "need": "shelter",
            "language": "fr",
            "open_now": "on",
            "attributes": ["free", "no_residence_permit", "for_women"],
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Demo shelter for women (demo data)" in body
    assert "Confidential address: call the intake number" in body


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "91", "lon": "6"},
        {"lat": "49", "lon": "181"},
        {"lat": "49"},
        {"lat": "north", "lon": "6"},
        {"radius": "0", "lat": "49", "lon": "6"},
        {"radius": "5000", "lat": "49", "lon": "6"},
        {"need": "magic"},
        {"city": "Atlantis"},
        {"page": "0"},
    ],
)
def test_out_of_range_parameters_are_a_clear_400(client, directory, worker, params):
    client.force_login(worker)
    response = client.get(SEARCH, params)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_search_page_runs_a_constant_number_of_queries(
    client, directory, worker, django_assert_max_num_queries
):
    client.force_login(worker)
    client.get(SEARCH, {"city": "Rome"})  # warm the session and the role cache
    with django_assert_max_num_queries(16) as few:
        client.get(SEARCH, {"open_now": "on"})
    for index in range(30):
        services.register_service(
            data=ServiceInput(
                name=f"Extra {index}",
                provider="Provider",
                city="Rome",
                country="IT",
                phone="+00 000 000",
                languages=["it"],
                needs=["legal"],
                hours=[Opening("MO,TU,WE,TH,FR,SA,SU", time(0), time(23, 59, 59))],
            ),
            programme=directory,
            by=worker,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(SEARCH, {"open_now": "on"})


def test_search_needs_a_member(client, directory, other_programme, worker):
    assert client.get(SEARCH).status_code == 302  # sign in first
    client.force_login(worker)
    assert client.get("/en/referral/other/").status_code == 404
