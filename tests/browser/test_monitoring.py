"""A viewer reads the monitoring dashboard (chart drawn from the JSON block, same figures in
the table, no CSP complaint); a partner editor opens their own organisation's report."""

import pytest

from equalcity.accounts.models import Role
from equalcity.monitoring.demo import load_demo as load_monitoring
from equalcity.programmes.demo import DEMO_ACCOUNTS
from equalcity.toolboxes.demo import load_demo as load_toolboxes
from equalcity.training.demo import load_demo as load_training
from tests.browser.conftest import assert_accessible
from tests.browser.flows import sign_in, sign_out

pytestmark = pytest.mark.browser

VIEWER = next(a for a in DEMO_ACCOUNTS if a.role == Role.VIEWER)
EDITOR = next(a for a in DEMO_ACCOUNTS if a.role == Role.PARTNER_EDITOR)


def test_dashboard_chart_and_own_reports(site, demo, page, demo_password):
    load_toolboxes(programme=demo)
    load_training(programme=demo)
    load_monitoring(programme=demo)

    sign_in(page, site, VIEWER.email, demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/monitoring/{demo.slug}/")
    assert_accessible(page)
    page.wait_for_function("window.Chart && Chart.getChart('monitoring-chart') !== undefined")
    datasets = page.evaluate("Chart.getChart('monitoring-chart').data.datasets.length")
    rows = page.locator("#indicator-table tbody tr").count()
    assert datasets == rows == 6
    assert page.locator("#indicator-table .light").first.inner_text() in {
        "On track",
        "At risk",
        "Off track",
        "No data yet",
    }
    page.get_by_role("link", name="Coordination calls and steering committee").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_role("heading", name="Steering committee: closing · Nov. 18, 2021").count()
    sign_out(page)
    assert_accessible(page)

    sign_in(page, site, EDITOR.email, demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/monitoring/{demo.slug}/reports/")
    assert_accessible(page)
    links = page.locator("main table tbody a")
    assert links.count() == 8
    assert set(links.all_inner_texts()) == {"Femmes en Détresse"}
    links.first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.locator("#finances").is_visible()
