import pytest

from equalcity.network.models import CityProfile, Event, Speaker
from equalcity.programmes.demo import TRAINEES_WOMEN_GIRLS

pytestmark = pytest.mark.django_db


def test_the_demo_network_holds_pilot_and_trainee_cities(network):
    profiles = CityProfile.objects.filter(programme=network).select_related("organisation")
    pilots = {p.organisation.city for p in profiles if p.kind == "pilot"}
    assert pilots == {"Brussels", "Luxembourg", "Rome", "Gothenburg"}
    trainees = {p.organisation.name for p in profiles if p.kind == "trainee"}
    assert trainees == {name for name, _country, _city in TRAINEES_WOMEN_GIRLS}
    assert all(p.latitude is not None and p.longitude is not None for p in profiles)
    assert all(p.contact_name == "Demo contact (demo data)" for p in profiles)
    assert all(p.contact_email.endswith("@demo.equalcity.example") for p in profiles)


def test_the_demo_has_four_thematic_webinars_and_one_upcoming_event(network):
    webinars = Event.objects.filter(programme=network, starts_at__date__lte=network.ends_on)
    assert webinars.count() == 4
    assert all(network.starts_on <= e.starts_at.date() <= network.ends_on for e in webinars)
    upcoming = Event.objects.get(slug="demo-webinar-try-registration")
    assert upcoming.is_open_for_registration()
    assert set(Speaker.objects.values_list("name", flat=True)) == {"Demo speaker (demo data)"}
