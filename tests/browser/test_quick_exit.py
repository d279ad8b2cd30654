"""Quick exit: the page disappears at once, the session ends, Back does not bring it back."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

from equalcity.accounts.models import Role
from equalcity.programmes.demo import DEMO_ACCOUNTS
from tests.browser.conftest import assert_accessible
from tests.browser.flows import path_of, sign_in

pytestmark = pytest.mark.browser

WORKER = next(account for account in DEMO_ACCOUNTS if account.role == Role.FRONTLINE_WORKER)

# Reports, through a Playwright binding (not subject to the page's CSP), the moment the page
# is marked as exiting and whether its content is hidden by then.
WATCH_EXIT = """() => {
  const root = document.documentElement;
  new MutationObserver(() => {
    if (root.classList.contains('is-exiting')) {
      window.reportExit({
        bodyDisplay: getComputedStyle(document.body).display,
        title: document.title,
      });
    }
  }).observe(root, {attributes: true, attributeFilter: ['class']});
}"""


@pytest.fixture
def exits(page):
    """What the page reported when it started to exit."""
    seen = []

    def report_exit(state):
        seen.append(state)

    page.expose_function("reportExit", report_exit)
    return seen


@pytest.fixture
def exit_requests(page):
    seen = []
    page.on("request", lambda request: _is_exit(request.url) and seen.append(request.url))
    return seen


def _is_exit(url: str) -> bool:
    return urlsplit(url).path == "/exit/"


def sign_in_as_worker(page, site, password) -> dict:
    """Sign in as the demo frontline worker; returns the session cookie."""
    sign_in(page, site, WORKER.email, password)
    assert path_of(page) == "/en/accounts/", page.url
    assert_accessible(page)
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    return cookies[settings.SESSION_COOKIE_NAME]


def visit(page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def assert_left_safely(page, site, *, neutral_site, exits, session, previous_url):
    # the page was hidden at once, before the browser left it
    assert exits, "the page never got the is-exiting class"
    assert exits[0]["bodyDisplay"] == "none", exits
    assert exits[0]["title"] == "", exits
    # and the browser is on the neutral site
    assert page.url == neutral_site
    assert page.title() == "Weather"

    # the page left was replaced in the history: Back goes to the page before it
    page.go_back()
    assert page.url == previous_url
    page.go_forward()
    assert page.url == neutral_site

    # the session is gone on the server, and with it the sign-in
    assert not Session.objects.filter(session_key=session["value"]).exists()
    visit(page, f"{site}/en/accounts/")
    assert path_of(page) == "/en/accounts/login/", page.url
    # even someone who kept a copy of the old cookie is not signed in with it
    page.context.add_cookies([session])
    page.goto(f"{site}/en/accounts/")
    assert path_of(page) == "/en/accounts/login/", page.url


def test_exit_button_hides_the_page_ends_the_session_and_replaces_history(
    site, page, neutral_site, exits, exit_requests, demo_password
):
    # given a signed-in person who went from the home page to the browsing-safely page
    session = sign_in_as_worker(page, site, demo_password)
    visit(page, f"{site}/en/")
    visit(page, f"{site}/en/browsing-safely/")
    page.evaluate(WATCH_EXIT)

    # when they select "Exit this page"
    page.locator("a.quick-exit[data-quick-exit]").click()
    page.wait_for_url(neutral_site)

    # then
    assert len(exit_requests) == 1, exit_requests
    assert_left_safely(
        page,
        site,
        neutral_site=neutral_site,
        exits=exits,
        session=session,
        previous_url=f"{site}/en/",
    )


def test_shift_three_times_exits(site, page, neutral_site, exits, exit_requests, demo_password):
    # given a signed-in person who went from the browsing-safely page to the home page
    session = sign_in_as_worker(page, site, demo_password)
    visit(page, f"{site}/en/browsing-safely/")
    visit(page, f"{site}/en/")
    page.evaluate(WATCH_EXIT)

    # when they press Shift three times in a row
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)

    # then
    assert len(exit_requests) == 1, exit_requests
    assert_left_safely(
        page,
        site,
        neutral_site=neutral_site,
        exits=exits,
        session=session,
        previous_url=f"{site}/en/browsing-safely/",
    )


def test_shift_twice_does_nothing(site, page, neutral_site, exits, exit_requests):
    visit(page, f"{site}/en/browsing-safely/")
    page.evaluate(WATCH_EXIT)

    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(1200)
    # a third press more than a second later starts a new count rather than exiting
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)

    assert page.url == f"{site}/en/browsing-safely/"
    assert exit_requests == [] and exits == []
    assert "is-exiting" not in (page.locator("html").get_attribute("class") or "")
    assert page.locator("main h1").is_visible()
