"""Every page of the network app, as a visitor and as the programme manager, passes axe."""

import pytest

from equalcity.network import services
from equalcity.network.demo import UPCOMING_SLUG
from equalcity.network.demo import load_demo as load_network_demo
from equalcity.network.models import Event
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, sign_in

pytestmark = pytest.mark.browser

PUBLIC = [
    "cities/",
    "cities/?country=DE&track=women_girls",
    "map/?network=eurocities",
    "cities/vienna/",
    "reach/",
    "events/",
    "events/webinar-women-and-girls/",
    "stories/",
    "stories/trainee-cities-review/?lang=fr",
]
MANAGER = [
    "cities/amsterdam/",
    "applications/",
    "events/new/",
    f"events/{UPCOMING_SLUG}/manage/",
    f"events/{UPCOMING_SLUG}/edit/",
    "stories/new/",
]


@pytest.fixture
def network_site(site, demo):
    load_network_demo(programme=demo)
    return site


def test_every_network_page_is_accessible(network_site, page, manager, demo_password):
    base = f"{network_site}/en/network/equalcity/"
    event = Event.objects.get(slug=UPCOMING_SLUG)
    registration, _ = services.register(event=event, name="Ana", email="ana@example.org")
    for path in PUBLIC:
        page.goto(base + path)
        assert page.locator("main h1").count() == 1, path
        assert_accessible(page)
    page.goto(network_site + services.registration_path(registration))
    assert_accessible(page)

    sign_in(page, network_site, manager.email, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    for path in MANAGER:
        page.goto(base + path)
        assert page.locator("main h1").count() == 1, path
        assert_accessible(page)
    page.goto(f"{network_site}/en/network/registrations/")
    assert_accessible(page)
