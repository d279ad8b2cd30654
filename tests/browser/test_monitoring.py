"""A viewer reads the monitoring dashboard (chart drawn from the JSON block, same figures in
the table, no CSP complaint); a partner editor opens their own organisation's report, then
writes one (text, a budget line, a value with its evidence file) and submits it; the manager
returns it with comments, records a meeting and marks an action item done in place; a manager
adds a programme phase and finds it on the dashboard's timeline."""

import pytest

from equalcity.accounts.models import Role
from equalcity.monitoring.demo import load_demo as load_monitoring
from equalcity.programmes.demo import DEMO_ACCOUNTS
from equalcity.toolboxes.demo import load_demo as load_toolboxes
from equalcity.training.demo import load_demo as load_training
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, sign_in, sign_out, submit

pytestmark = pytest.mark.browser

VIEWER = next(a for a in DEMO_ACCOUNTS if a.role == Role.VIEWER)
EDITOR = next(a for a in DEMO_ACCOUNTS if a.role == Role.PARTNER_EDITOR)
MANAGER = next(a for a in DEMO_ACCOUNTS if a.role == Role.PROGRAMME_MANAGER)


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
    from equalcity.monitoring.models import Indicator, ProgrammePhase

    assert datasets == rows == Indicator.objects.filter(programme=demo).count() > 6
    # the phases timeline and the reach map (Leaflet, drawn by the network's map script)
    phases = ProgrammePhase.objects.filter(programme=demo).count()
    assert page.locator("#phases tbody tr.phase").count() == phases == 5
    page.wait_for_selector("#network-map[data-map-ready]")
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


def test_a_partner_writes_and_submits_a_report_and_the_manager_returns_it(
    site, demo, page, demo_password
):
    from equalcity.monitoring.models import IndicatorValue, Meeting, PartnerReport

    load_toolboxes(programme=demo)
    load_training(programme=demo)
    load_monitoring(programme=demo)

    # The partner editor starts the one quarter that has no report yet (2019 Q4).
    sign_in(page, site, EDITOR.email, demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/monitoring/{demo.slug}/reports/")
    assert_accessible(page)
    page.get_by_label("Start the report for").select_option(label="2019 Q4")
    submit(page, page.get_by_role("button", name="Start the report"))
    assert_accessible(page)
    report_url = page.url
    assert "2019 Q4" in page.locator("h1").inner_text()

    # the text
    page.get_by_role("textbox", name="Narrative").fill(
        "We trained 12 frontline workers (demo data)."
    )
    page.get_by_label("Risks and mitigation").fill("None this quarter.")
    submit(page, page.get_by_role("button", name="Save the text"))
    assert_accessible(page)
    assert page.get_by_role("textbox", name="Narrative").input_value().startswith("We trained 12")

    # a budget line far ahead of a straight-line plan is flagged
    finance = page.locator("#finance-form")
    finance.get_by_label("Budget line").fill("Staff")
    finance.get_by_label("Currency").select_option("EUR")
    finance.get_by_label("Budget:", exact=True).fill("1000")
    finance.get_by_label("Spent in the quarter").fill("900")
    finance.get_by_label("Spent to date").fill("900")
    submit(page, finance.get_by_role("button", name="Add the budget line"))
    assert_accessible(page)
    row = page.locator("#finances tbody tr", has_text="Staff")
    assert "90.0%" in row.inner_text() and "above plan" in row.inner_text()

    # a value of a manual indicator, with an evidence file
    form = page.locator("form.value-form").first
    form.get_by_label("Value in the quarter").fill("5")
    form.get_by_label("Source").fill("Attendance lists")
    form.get_by_label("Evidence (optional)").set_input_files(
        files=[{"name": "attendance.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    submit(page, form.locator("button[type=submit]"))
    assert_accessible(page)
    assert page.locator("#indicator-values").get_by_role("link", name="Download").count() == 1
    assert IndicatorValue.objects.filter(year=2019, quarter=4, value=5).exists()

    # submitted
    submit(page, page.get_by_role("button", name="Submit the report"))
    assert_accessible(page)
    assert "Submitted" in page.locator("#report-status").inner_text()
    assert page.get_by_role("textbox", name="Narrative").count() == 0
    sign_out(page)
    assert_accessible(page)

    # The manager returns it with comments.
    sign_in(page, site, MANAGER.email, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    page.goto(report_url)
    assert_accessible(page)
    page.get_by_label("Comments for the partner").fill("Explain the staff costs.")
    submit(page, page.get_by_role("button", name="Return with comments"))
    assert_accessible(page)
    assert "Returned with comments" in page.locator("#report-status").inner_text()
    report = PartnerReport.objects.get(organisation__slug="femmes-en-detresse", year=2019)
    assert report.review_comments == "Explain the staff costs."

    # and records a coordination call with an action item, then marks one done in place
    page.goto(f"{site}/en/monitoring/{demo.slug}/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Record a meeting").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Kind").select_option("coordination_call")
    page.get_by_label("Title").fill("Coordination call: budgets")
    page.get_by_label("Date").fill("2021-03-15")
    page.get_by_label("Femmes en Détresse").check()
    submit(page, page.get_by_role("button", name="Save the meeting"))
    assert_accessible(page)
    page.get_by_label("Action:", exact=True).fill("Send the budget template")
    page.get_by_label("Owner").select_option(label="Femmes en Détresse")
    page.get_by_label("Due on").fill("2021-04-15")
    submit(page, page.get_by_role("button", name="Add the action item"))
    assert_accessible(page)
    assert "Send the budget template" in page.locator("#actions ~ ul").inner_text()
    assert Meeting.objects.filter(title="Coordination call: budgets").exists()

    page.goto(f"{site}/en/monitoring/{demo.slug}/meetings/")
    assert_accessible(page)
    row = page.locator("#open-actions tbody tr", has_text="Send the budget template")
    row.get_by_role("button", name="Mark as done").click()
    done = page.locator("#open-actions tbody tr", has_text="Send the budget template")
    done.get_by_text("Done on").wait_for()
    assert_accessible(page)


def test_a_manager_adds_a_phase_and_sees_it_on_the_dashboard_timeline(
    site, demo, page, demo_password
):
    from equalcity.monitoring.models import ProgrammePhase

    sign_in(page, site, MANAGER.email, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    page.goto(f"{site}/en/monitoring/{demo.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Change the phases").click()
    page.wait_for_load_state()
    assert_accessible(page)

    # A phase that ends before it starts comes back with the reason, and nothing is written.
    form = page.locator("#phase-form")
    form.get_by_label("Name").fill("Piloting and training")
    form.get_by_label("Starts on").fill("2021-01-01")
    form.get_by_label("Ends on").fill("2020-10-31")
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Add the phase").click()
    assert navigation.value.status == 400
    assert_accessible(page)
    assert "A phase cannot end before it starts." in form.inner_text()
    assert not ProgrammePhase.objects.filter(programme=demo).exists()

    form.get_by_label("Ends on").fill("2021-10-31")
    form.get_by_label("Description (optional)").fill("Demo data: the pilot cities' first courses.")
    submit(page, form.get_by_role("button", name="Add the phase"))
    assert_accessible(page)
    assert page.locator("#phase-list tbody tr", has_text="Piloting and training").count() == 1

    page.locator("main").get_by_role("link", name="Monitoring dashboard").click()
    page.wait_for_load_state()
    assert_accessible(page)
    row = page.locator("#phases tbody tr.phase", has_text="Piloting and training")
    assert row.count() == 1
    assert "Jan. 1, 2021" in row.inner_text() and "Oct. 31, 2021" in row.inner_text()
    assert "the pilot cities' first courses" in row.inner_text()
