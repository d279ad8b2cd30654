"""A confidential location (a shelter) is never shown, exported or served; its intake is."""

import io
import json
import zipfile

import pytest

from equalcity.core.errors import DomainError
from equalcity.referral import models as m
from equalcity.referral import selectors, services
from equalcity.referral.services import ServiceInput

pytestmark = pytest.mark.django_db

SHELTER = "Demo shelter for women (demo data)"


def _shelter_location_ids():
    return {
        str(i) for i in m.Location.objects.filter(is_confidential=True).values_list("id", flat=True)
    }


def test_the_export_leaves_confidential_locations_out(directory):
    hidden = _shelter_location_ids()
    assert len(hidden) == 4  # one shelter per pilot city

    with zipfile.ZipFile(io.BytesIO(selectors.export_datapackage())) as archive:
        text = "\n".join(archive.read(name).decode() for name in archive.namelist())

    assert not any(location_id in text for location_id in hidden)
    assert SHELTER in text  # the service is there, with its intake phone
    assert "+00 000 100 000" in text


def test_the_api_never_serves_a_confidential_location(client, directory):
    hidden = _shelter_location_ids()
    pages = [
        client.get("/api/hsds/services?per_page=200").content.decode(),
        client.get("/api/hsds/service_at_locations?per_page=200").content.decode(),
    ]
    for body in pages:
        assert not any(location_id in body for location_id in hidden)
    shelters = [s for s in json.loads(pages[0])["contents"] if s["name"] == SHELTER]
    assert len(shelters) == 4
    assert all(s["service_at_locations"] == [] and s["phones"] for s in shelters)


def test_a_confidential_location_cannot_carry_an_address(demo, manager):
    with pytest.raises(DomainError) as refused:
        services.register_service(
            data=ServiceInput(
                name="Shelter",
                provider="Provider",
                city="Rome",
                country="IT",
                confidential=True,
                address="Via Segreta 1",
            ),
            programme=demo,
            by=manager,
        )
    assert refused.value.code == "confidential"
    assert not m.Service.objects.exists()
