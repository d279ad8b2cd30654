import re

import pytest
from django.core import mail
from icalendar import Calendar

from equalcity.network import services
from equalcity.network.demo import UPCOMING_SLUG
from equalcity.network.demo import load_demo as load_network_demo
from equalcity.network.models import Event, Registration
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, path_of, sign_in, sign_out, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def network_site(site, demo):
    load_network_demo(programme=demo)
    return site


def test_a_city_applies_is_approved_and_appears_on_the_map(
    network_site, page, manager, demo_password
):
    base = f"{network_site}/en/network/equalcity"

    # given a city that wants to join, on the public application form
    page.goto(f"{base}/apply/")
    assert_accessible(page)
    form = page.locator("main form")
    form.get_by_label("Name of the city or organisation").fill("Ghent")
    form.get_by_label("Country").select_option("BE")
    form.locator("input[name=city]").fill("Ghent")
    form.get_by_label("Migrant women and girls").check()
    form.get_by_label("Eurocities").check()
    form.get_by_label("Latitude (optional)").fill("51.05434")
    form.get_by_label("Longitude (optional)").fill("3.71742")
    form.get_by_label("Contact person").fill("Coordinator of Ghent")
    form.get_by_label("Contact e-mail address").fill("coordinator@ghent.example")

    # when it sends the application
    submit(page, form.locator("button[type=submit]"))
    assert path_of(page) == "/en/network/equalcity/apply/sent/"
    assert_accessible(page)

    # and the programme manager approves it
    sign_in(page, network_site, manager.email, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    page.goto(f"{base}/applications/")
    assert_accessible(page)
    card = page.locator("main section.application", has_text="Ghent")
    card.get_by_label("Approve").check()
    submit(page, card.locator("button[type=submit]"))
    assert "Ghent is now a city of the programme." in page.locator("main").inner_text()
    assert_accessible(page)
    sign_out(page)
    assert_accessible(page)

    # then Ghent is on the public map and in its list
    page.goto(f"{base}/map/?country=BE")
    page.wait_for_selector("#network-map[data-map-ready]")
    assert page.locator("#network-map").get_attribute("data-map-ready") == "3"
    assert page.locator("#network-map .leaflet-interactive").count() >= 3
    assert "Ghent" in page.locator("main table").inner_text()
    page.locator("#network-map path.leaflet-interactive").first.wait_for()
    assert_accessible(page)


def test_a_person_waits_for_a_full_webinar_and_is_promoted(network_site, page, demo):
    event = Event.objects.get(programme=demo, slug=UPCOMING_SLUG)
    holders = [
        services.register(event=event, name=f"Holder {i}", email=f"holder{i}@example.org")[0]
        for i in range(event.capacity)
    ]
    mail.outbox.clear()

    # given a full webinar
    page.goto(f"{network_site}/en/network/equalcity/events/{UPCOMING_SLUG}/")
    assert_accessible(page)
    assert "The event is full" in page.locator("main").inner_text()

    # when a person registers, they are put on the waiting list
    form = page.locator("main form").filter(has=page.locator("input[name=email]"))
    form.get_by_label("Your name").fill("Ana Waiting")
    form.get_by_label("Your e-mail address").fill("ana@example.org")
    submit(page, form.get_by_role("button", name="Join the waiting list"))
    own_page = page.url
    assert (
        page.locator("[data-registration-status]").get_attribute("data-registration-status")
        == "waiting"
    )
    assert page.locator("[data-join-link]").count() == 0
    assert_accessible(page)

    # and someone with a place cancels by the link in their e-mail
    page.goto(network_site + services.registration_path(holders[0]))
    assert_accessible(page)
    submit(page, page.get_by_role("button", name="Cancel my place"))
    assert_accessible(page)

    # then the person waiting has the place, the join link and a calendar file
    page.goto(own_page)
    assert (
        page.locator("[data-registration-status]").get_attribute("data-registration-status")
        == "confirmed"
    )
    assert page.locator("[data-join-link]").get_attribute("href") == event.join_url
    assert_accessible(page)
    assert Registration.objects.get(email="ana@example.org").status == "confirmed"
    promoted = [m for m in mail.outbox if m.to == ["ana@example.org"]][-1]
    assert re.search(r"registrations/\S+/", promoted.body)
    _name, content, _mimetype = promoted.attachments[0]
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.starts_at
