"""A frontline worker answers the demo needs-analysis survey on a phone, loses the
connection before sending, and nothing is lost: the draft survives a reload and the
answers are sent once when the connection is back. A viewer then sees the results with
small cells hidden."""

import pytest

from equalcity.programmes.demo import DEMO_DOMAIN
from equalcity.surveys import demo as surveys_demo
from equalcity.surveys.models import Submission, Survey
from tests.browser.conftest import assert_accessible
from tests.browser.flows import sign_in

pytestmark = pytest.mark.browser


def test_a_respondent_on_a_phone_loses_nothing_offline(site, page, demo, demo_password):
    surveys_demo.load_demo(programme=demo)
    survey = Survey.objects.get(form_id=surveys_demo.FORM_ID)
    before = Submission.objects.count()
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{site}/en/surveys/answer/{survey.public_id}/")
    assert_accessible(page)
    other = page.get_by_label("Which other service?")
    sector = page.get_by_role("group", name="Which kind of service do you work in?")
    # the consent question gates the form
    assert sector.is_hidden()
    page.get_by_label("I agree to answer this anonymous survey").check()
    assert sector.is_visible()
    page.get_by_label("Gothenburg").check()
    # skip logic: the follow-up question appears and disappears with the answer
    assert other.is_hidden()
    sector.get_by_label("Other").check()
    assert other.is_visible()
    sector.get_by_label("Health care").check()
    assert other.is_hidden()
    sector.get_by_label("Other").check()
    other.fill("Legal aid office")
    page.get_by_label("How many years have you worked with migrants?").fill("7")
    page.get_by_role("group", name="Have you been trained").get_by_label("No").check()
    assert page.get_by_label("When was your last training?").is_hidden()
    page.get_by_label("Referral to services").check()
    page.get_by_label("How confident do you feel").fill("4")
    page.get_by_label("Kind of service").fill("Shelter")
    page.get_by_role("button", name="Add another").click()
    page.get_by_label("Kind of service").nth(1).fill("Police")
    assert_accessible(page)

    # the draft is kept in the browser: a reload brings every answer back
    page.reload()
    assert other.input_value() == "Legal aid office"
    assert page.get_by_label("Kind of service").nth(1).input_value() == "Police"
    assert_accessible(page)

    # offline when sending: the answers wait on the device
    page.context.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_text("You are offline").wait_for()
    assert Submission.objects.count() == before
    assert "pending" in page.evaluate(
        f"() => localStorage.getItem('equalcity-survey:{survey.public_id}')"
    )

    # back online: sent once, and the draft is gone
    with page.expect_navigation(url="**/thanks/"):
        page.context.set_offline(False)
    assert_accessible(page)
    assert Submission.objects.count() == before + 1
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    assert Submission.objects.count() == before + 1
    submission = Submission.objects.latest("created_at")
    assert submission.respondent is None
    assert submission.answers.filter(question__name="referral_service").count() == 2

    # the results show small cells hidden
    sign_in(page, site, f"viewer@{DEMO_DOMAIN}", demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/surveys/equalcity/{survey.public_id}/results/")
    assert page.locator("td.suppressed").first.is_visible()
    assert page.get_by_text("fewer than 5").first.is_visible()
    assert_accessible(page)
