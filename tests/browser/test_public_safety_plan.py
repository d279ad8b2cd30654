"""A visitor fills in a safety plan, clears it, fills it again and leaves by quick exit.

Every request the browser makes is recorded with its URL and body: none carries the plan.
"""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

PLAN = {
    "People I can call when I feel unsafe": "Auntie Zeynep-PLANTOKEN",
    "Places I can go to be safe": "Library on Kirchberg-PLANTOKEN",
    "A code word or sign that tells someone I need help": "blue umbrella-PLANTOKEN",
}
KEY = "equalcity.safetyPlan"


def test_the_safety_plan_stays_in_the_browser_and_quick_exit_leaves(site, page, neutral_site):
    requests = []
    page.context.on(
        "request", lambda request: requests.append(f"{request.url}\n{request.post_data or ''}")
    )

    page.goto(f"{site}/en/help/")
    assert_accessible(page)
    page.get_by_role("link", name="Make a safety plan").click()
    page.wait_for_selector("[data-plan-actions]:not([hidden])")
    assert_accessible(page)

    # filled in, kept in this browser: a reload shows it again
    for label, text in PLAN.items():
        page.get_by_label(label).fill(text)
    stored = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    assert "Auntie Zeynep-PLANTOKEN" in stored
    page.reload()
    page.wait_for_selector("[data-plan-actions]:not([hidden])")
    assert (
        page.get_by_label("Places I can go to be safe").input_value()
        == PLAN["Places I can go to be safe"]
    )

    # "Clear everything" empties the fields and the browser's storage
    page.get_by_role("button", name="Clear everything").click()
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    assert page.get_by_label("People I can call when I feel unsafe").input_value() == ""
    assert page.locator("[data-plan-status]").inner_text() != ""

    # filled in again, then the visitor leaves with quick exit
    page.get_by_label("People I can call when I feel unsafe").fill(
        PLAN["People I can call when I feel unsafe"]
    )
    page.locator("a.quick-exit[data-quick-exit]").click()
    page.wait_for_url(neutral_site)

    assert any("/exit/" in request for request in requests)
    assert len(requests) > 5
    carrying = [request for request in requests if "PLANTOKEN" in request]
    assert carrying == [], carrying
