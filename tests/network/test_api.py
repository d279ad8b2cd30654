import pytest
import yaml

from equalcity.network import services
from equalcity.network.models import Event

pytestmark = pytest.mark.django_db


def test_cities_are_public_without_contact_details(client, network):
    response = client.get("/api/v1/network/equalcity/cities/?country=AT")
    assert response.status_code == 200
    [vienna] = response.json()["results"]
    assert vienna["name"] == "Vienna"
    assert vienna["tracks"] == ["women_girls"]
    assert "contact_email" not in vienna and "contact_name" not in vienna
    assert "demo.equalcity.example" not in response.content.decode()


def test_networks_and_events_are_public(client, network):
    networks = client.get("/api/v1/network/equalcity/networks/").json()["results"]
    names = {network["name"] for network in networks}
    assert names == {"Rainbow Cities", "Intercultural Cities", "UCLG", "Eurocities"}
    events = client.get("/api/v1/network/equalcity/events/").json()["results"]
    assert len(events) == Event.objects.count()
    assert all("join_url" not in event for event in events)


def test_an_unknown_programme_is_404(client, network):
    assert client.get("/api/v1/network/nope/cities/").status_code == 404


def test_registrations_are_ones_own_only(client, network, demo_users):
    event = Event.objects.get(slug="demo-webinar-try-registration")
    trainer, viewer = demo_users["trainer"], demo_users["viewer"]
    services.register(event=event, name="T", email=trainer.email, user=trainer)
    services.register(event=event, name="V", email=viewer.email)
    assert client.get("/api/v1/network/registrations/").status_code == 403
    client.force_login(trainer)
    rows = client.get("/api/v1/network/registrations/").json()["results"]
    assert [row["email"] for row in rows] == [trainer.email]
    assert rows[0]["join_url"] == event.join_url
    other = event.registrations.get(email=viewer.email)
    assert client.get(f"/api/v1/network/registrations/{other.public_id}/").status_code == 404


def test_the_schema_lists_the_network_api(client, network):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    assert "/api/v1/network/{programme}/cities/" in paths
    assert "/api/v1/network/{programme}/events/" in paths
    assert "/api/v1/network/{programme}/networks/" in paths
    assert "/api/v1/network/registrations/" in paths
