import pytest
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("start", ["/en/", "/en/browsing-safely/"])
@pytest.mark.parametrize("how", ["click", "shift"])
def test_scratch(site, page, neutral_site, start, how):
    log = []
    page.on("request", lambda r: log.append(("req", r.url, r.is_navigation_request())))
    page.on("requestfailed", lambda r: log.append(("failed", r.url, r.failure)))
    page.on("response", lambda r: log.append(("resp", r.url, r.status)))
    page.goto(site + start)
    assert_accessible(page)
    if how == "click":
        page.locator("a.quick-exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    try:
        page.wait_for_url(neutral_site)
    finally:
        for l in log: print(l)
