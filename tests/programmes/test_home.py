import pytest

from equalcity.accounts.models import Organisation
from equalcity.programmes.models import Participation

pytestmark = pytest.mark.django_db


def test_home_shows_the_programme(client, demo):
    body = client.get("/en/").content.decode()
    for fact in [
        "IOM Belgium &amp; Luxembourg",
        "Brussels",
        "Gothenburg",
        "RainbowHouse Brussels",
        "Femmes en Détresse",
        "21 trainee cities and organisations",
        "Eurocities",
        "350",
    ]:
        assert fact in body, fact


def test_home_uses_a_constant_number_of_queries(
    client, demo, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6) as first:
        client.get("/en/")
    for index in range(30):
        organisation = Organisation.objects.create(
            name=f"Trainee {index}", slug=f"trainee-extra-{index}", kind=Organisation.Kind.TRAINEE
        )
        Participation.objects.create(
            programme=demo, organisation=organisation, kind=Participation.Kind.TRAINEE
        )
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get("/en/")
    assert "Trainee 29" in response.content.decode()


def test_home_without_a_programme_says_so(client, db):
    assert "No programme has been set up yet" in client.get("/en/").content.decode()
