"""The public map at scale: every city on the map from one compact JSON block, the table
under it a page at a time (keeping the filters), in a constant number of queries."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from equalcity.accounts.models import Organisation
from equalcity.network.models import CityProfile
from equalcity.network.views import CITIES_PER_PAGE

pytestmark = pytest.mark.django_db

MAP = "/en/network/equalcity/map/"


def grow(programme, count: int, *, country: str = "PT", positioned: bool = True) -> None:
    """``count`` more trainee cities, all members of Eurocities (as the bench grows them)."""
    start = Organisation.objects.filter(slug__startswith="grown-").count()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Grown city {start + i:04d}",
            slug=f"grown-{start + i}",
            kind=Organisation.Kind.TRAINEE,
            country=country,
        )
        for i in range(count)
    )
    profiles = CityProfile.objects.bulk_create(
        CityProfile(
            programme=programme,
            organisation=organisation,
            slug=organisation.slug,
            kind=CityProfile.Kind.TRAINEE,
            latitude=38 + i / 1000 if positioned else None,
            longitude=-9 if positioned else None,
        )
        for i, organisation in enumerate(organisations)
    )
    eurocities = Organisation.objects.get(slug="eurocities")
    CityProfile.networks.through.objects.bulk_create(
        CityProfile.networks.through(cityprofile_id=p.pk, organisation_id=eurocities.pk)
        for p in profiles
    )


def map_block(response) -> dict:
    match = re.search(
        r'<script id="network-map-points" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the map page carries no data block"
    return json.loads(match.group(1))


def queries_of(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_map_shows_every_city_and_the_table_a_page_at_a_time(client, network):
    grow(network, 100)
    response = client.get(MAP)
    block = map_block(response)
    assert len(block["points"]) == 125
    assert len(response.context["rows"]) == CITIES_PER_PAGE
    page = response.content.decode()
    assert "Page 1 of 3 (125 in all)" in page
    assert "125 cities on the map." in page
    last = client.get(f"{MAP}?page=3")
    assert len(last.context["rows"]) == 125 - 2 * CITIES_PER_PAGE
    assert len(map_block(last)["points"]) == 125  # every page maps every city


def test_the_page_links_keep_the_filters(client, network):
    grow(network, 70)
    response = client.get(f"{MAP}?network=eurocities&country=pt")
    page = response.content.decode()
    assert 'href="?country=PT&amp;network=eurocities&amp;page=2"' in page
    second = client.get(f"{MAP}?country=PT&network=eurocities&page=2")
    rows = second.context["rows"]
    assert rows and {row["country"] for row in rows} == {"Portugal"}
    assert all("Eurocities" in row["networks"] for row in rows)
    assert len(map_block(second)["points"]) == second.context["page"].paginator.count
    cities = client.get("/en/network/equalcity/cities/?network=eurocities&country=PT")
    assert 'href="?country=PT&amp;network=eurocities&amp;page=2"' in cities.content.decode()


def test_the_map_block_is_compact_and_names_codes_once(client, network):
    block = map_block(client.get(MAP))
    assert block["fields"] == ["slug", "name", "country", "kind", "stage", "lat", "lon"]
    vienna = next(point for point in block["points"] if point[0] == "vienna")
    assert block["countries"][vienna[2]] == "Austria"
    assert block["kinds"][vienna[3]] == "Trainee city or organisation"
    assert vienna[4] in block["stages"]
    raw = client.get(MAP).content.decode()
    assert '"points":[[' in raw  # no spaces after separators


def test_cities_without_a_position_are_counted_and_listed(client, network):
    grow(network, 3, positioned=False)
    response = client.get(MAP)
    assert len(map_block(response)["points"]) == 25
    assert response.context["unmapped"] == 3
    assert "3 more have no position yet" in response.content.decode()
    assert {"Grown city 0000", "Grown city 0002"} <= {r["name"] for r in response.context["rows"]}


def test_a_city_name_cannot_close_the_data_block(client, network):
    vienna = CityProfile.objects.get(programme=network, slug="vienna").organisation
    Organisation.objects.filter(pk=vienna.pk).update(name="Vienna</script><script>alert(1)")
    raw = client.get(MAP).content.decode()
    assert "</script><script>alert(1)" not in raw
    names = [point[1] for point in map_block(client.get(MAP))["points"]]
    assert "Vienna</script><script>alert(1)" in names


@pytest.mark.parametrize(
    "query", ["", "?network=eurocities", "?country=PT&page=2", "?track=women_girls"]
)
def test_the_map_page_makes_as_many_queries_at_300_cities_as_at_25(client, network, query):
    before = queries_of(client, MAP + query)
    grow(network, 275)
    assert queries_of(client, MAP + query) == before
