import pytest

pytestmark = pytest.mark.django_db


def test_programmes_are_public(client, demo):
    response = client.get("/api/v1/programmes/")
    assert response.status_code == 200
    programme = response.json()["results"][0]
    assert programme["slug"] == "equalcity"
    assert programme["lead_organisation"]["name"] == "IOM Belgium & Luxembourg"
    assert {site["city"] for site in programme["pilot_sites"]} == {
        "Brussels",
        "Luxembourg",
        "Rome",
        "Gothenburg",
    }


def test_an_unknown_programme_is_404(client, demo):
    assert client.get("/api/v1/programmes/nope/").status_code == 404


def test_me_needs_a_signed_in_person(client, demo_users):
    assert client.get("/api/v1/me/").status_code == 403
    client.force_login(demo_users["trainer"])
    data = client.get("/api/v1/me/").json()
    assert data["email"] == "trainer@demo.equalcity.example"
    assert data["memberships"][0]["role"] == "trainer"


def test_the_api_refuses_writes(client, demo_users):
    client.force_login(demo_users["trainer"])
    assert client.post("/api/v1/programmes/", {}).status_code in {403, 405}
