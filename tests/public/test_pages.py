"""Help pages for migrants: light, cookie-free, nothing from another host, nothing sent."""

import re

import pytest
from django.contrib.staticfiles import finders

from equalcity.public.helplines import EU_NUMBERS
from equalcity.referral.demo import load_demo as load_directory_demo

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/help/",
    "/en/help/your-rights/",
    "/en/help/numbers/",
    "/en/help/find-help/",
    "/en/help/find-help/Luxembourg/",
    "/en/help/safety-plan/",
]
ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')


@pytest.fixture
def directory(demo):
    load_directory_demo(programme=demo)
    return demo


@pytest.mark.parametrize("path", PAGES)
def test_each_help_page_is_public_light_and_leaves_no_cookie(client, directory, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.cookies == {}
    body = response.content.decode()
    assert "data-quick-exit" in body
    # under 150 KB with every script and stylesheet it loads (images aside)
    total = len(response.content)
    for url in ASSET.findall(body):
        assert url.startswith("/static/"), f"{path} loads {url} from elsewhere"
        found = finders.find(url.removeprefix("/static/").split("?")[0])
        assert found, url
        with open(found, "rb") as handle:
            total += len(handle.read())
    assert total < 150 * 1024, (path, total)


def test_help_pages_answer_anonymous_visitors_in_other_languages(client, directory):
    assert client.get("/fr/help/safety-plan/").status_code == 200
    assert client.get("/ar/help/").status_code in {200, 404}


def test_the_numbers_page_gives_each_eu_number_with_its_source(client):
    body = client.get("/en/help/numbers/").content.decode()
    for number in ["112", "116 000", "116 111", "116 006", "116 123", "116 016"]:
        assert f">{number}</a>" in body
    for helpline in EU_NUMBERS:
        assert helpline.source_url in body


def test_a_city_page_never_shows_a_confidential_address(client, directory):
    body = client.get("/en/help/find-help/Luxembourg/").content.decode()
    assert "Demo shelter for women (demo data)" in body
    assert "The address is kept secret for safety" in body
    assert "1 Demo Street" not in body  # the shelter is the first demo service: no address made
    assert "2 Demo Street" in body
    assert "Demo data: not a real service." in body


def test_an_unknown_city_is_404(client, directory):
    assert client.get("/en/help/find-help/Atlantis/").status_code == 404


def test_the_city_page_runs_a_constant_number_of_queries(
    client, directory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get("/en/help/find-help/Luxembourg/")


def test_the_safety_plan_has_no_form_that_could_send_it(client):
    body = client.get("/en/help/safety-plan/").content.decode()
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main
    assert 'data-plan-field="people"' in main
    assert "<noscript>" in main  # works without JavaScript as an empty printable form


def test_a_city_page_lists_the_national_helplines_first(client, directory):
    body = client.get("/en/help/find-help/Luxembourg/").content.decode()
    helplines = body.index("Helplines: call or write, wherever you are")
    assert "Demo national helpline" in body[helplines:]
    assert helplines < body.index("Demo shelter for women (demo data)")
    assert "For people in Luxembourg" in body
    # a country's helpline is not offered in another country's city
    rome = client.get("/en/help/find-help/Rome/").content.decode()
    assert "For people in Luxembourg" not in rome
