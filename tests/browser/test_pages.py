import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_browsing_safely_page(site, page):
    response = page.goto(f"{site}/en/browsing-safely/")
    assert response.status == 200
    assert_accessible(page)
    assert page.locator("a.quick-exit[data-quick-exit]").is_visible()


def test_unknown_language_prefix_answers_an_accessible_404(site, page):
    response = page.goto(f"{site}/xx/")
    assert response.status == 404
    assert_accessible(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("a.quick-exit[data-quick-exit]").is_visible()


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_home_page_on_a_phone(site, page):
    page.goto(f"{site}/en/")
    assert_accessible(page)

    # nothing is wider than the screen: no sideways scrolling
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px screen"

    # the exit control stays on screen while the person scrolls to the end of the page
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    box = page.locator("a.quick-exit[data-quick-exit]").bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"], box
