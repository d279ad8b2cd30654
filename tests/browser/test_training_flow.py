"""A trainer creates a hybrid session; a frontline worker registers, takes the pre-test and a
module, is marked present by the trainer on a phone, takes the post-test, evaluates, and
downloads a certificate whose verification page confirms it."""

import re

import pytest

from equalcity.accounts.models import Role
from equalcity.programmes.demo import DEMO_ACCOUNTS
from equalcity.toolboxes.demo import load_demo as load_toolboxes
from equalcity.training.demo import load_demo as load_training
from tests.browser.conftest import assert_accessible
from tests.browser.flows import path_of, sign_in, sign_out, submit

pytestmark = pytest.mark.browser

WORKER = next(account for account in DEMO_ACCOUNTS if account.role == Role.FRONTLINE_WORKER)
TRAINER = next(account for account in DEMO_ACCOUNTS if account.role == Role.TRAINER)
COURSE = "Responding to SGBV against migrant women (pilot)"


def answer_test(page, *, right: bool, confidence: str):
    form = page.locator("main form")
    for radio in form.locator("input[type=radio][value='0']").all():
        radio.check()
    if right:
        for radio in form.get_by_label("False", exact=True).all():
            radio.check()
        for box in form.locator("input[type=checkbox][value='1']").all():
            box.check()
    for box in form.locator("input[type=checkbox][value='0']").all():
        box.check()
    for text in form.locator("input[type=text]").all():
        text.fill("informed")
    form.locator(f"input[name=confidence][value='{confidence}']").check()
    submit(page, form.get_by_role("button", name="Send my answers"))
    assert_accessible(page)


def test_worker_trains_and_gets_a_verifiable_certificate(site, demo, page, demo_password):
    load_toolboxes(programme=demo)
    load_training(programme=demo)

    # the trainer creates a hybrid session of the demo women-and-girls course
    sign_in(page, site, TRAINER.email, demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/training/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=f"New session of {COURSE}").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.get_by_label("How").select_option("hybrid")
    form.get_by_label("Venue").fill("Training room 3")
    form.get_by_label("City").fill("Luxembourg")
    form.get_by_label("Online meeting link").fill("https://meet.demo.equalcity.example/flow")
    form.get_by_label("Language").select_option("en")
    form.get_by_label("First day").fill("2030-09-14")
    form.get_by_label("Last day").fill("2030-09-14")
    form.get_by_label("Daily start").fill("09:00")
    form.get_by_label("Daily end").fill("16:00")
    form.get_by_label("Hours of training").fill("6")
    form.get_by_label("Places").fill("20")
    submit(page, form.get_by_role("button", name="Create the session"))
    assert_accessible(page)
    assert page.get_by_text("The session is created").is_visible()
    session_url = page.url

    # the trainer invites a colleague and mistypes a second address: one is sent, one comes back
    with page.expect_navigation():
        page.get_by_role("link", name="Invite people").click()
    assert_accessible(page)
    page.get_by_label("E-mail addresses, one per line").fill(
        "colleague@example.org\nnot-an-address"
    )
    submit(page, page.get_by_role("button", name="Send the invitations"))
    assert_accessible(page)
    assert page.get_by_role("alert").get_by_text("1 address was not invited").is_visible()
    assert "not-an-address" in page.get_by_label("E-mail addresses, one per line").input_value()
    assert page.get_by_text("colleague@example.org").first.is_visible()
    page.goto(session_url)
    sign_out(page)
    assert_accessible(page)

    # the worker registers for it and takes the pre-test
    sign_in(page, site, WORKER.email, demo_password)
    assert_accessible(page)
    page.goto(session_url)
    assert_accessible(page)
    assert page.get_by_text("meet.demo.equalcity.example").count() == 0
    page.get_by_label("Your profession").select_option("social_worker")
    submit(page, page.get_by_role("button", name="Register for this session"))
    assert_accessible(page)
    assert page.get_by_text("You are registered for this session.").is_visible()
    assert page.get_by_role("link", name="https://meet.demo.equalcity.example/flow").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Take the pre-test").click()
    assert_accessible(page)
    answer_test(page, right=False, confidence="2")
    assert page.get_by_text("Your Pre-test is saved").is_visible()

    # ... and works through the first module online; the progress is kept
    with page.expect_navigation():
        page.get_by_role("link", name="Work through the modules online, at your own pace").click()
    assert_accessible(page)
    submit(page, page.get_by_role("button", name=re.compile("^Mark .* as done")).first)
    assert_accessible(page)
    assert page.get_by_text(re.compile(r"^1 of \d+ modules done")).is_visible()
    sign_out(page)
    assert_accessible(page)

    # the trainer marks attendance on a phone-sized screen, one tap per person
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, site, TRAINER.email, demo_password)
    assert_accessible(page)
    page.goto(session_url)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Mark attendance").click()
    assert_accessible(page)
    present = page.get_by_role("button", name=re.compile(r"^Present\W+Demo frontline worker"))
    box = present.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    present.click()
    row = page.locator(".attendance-row", has_text="Demo frontline worker")
    row.get_by_text("present", exact=True).wait_for()
    assert (
        row.get_by_role("button", name=re.compile("^Present")).get_attribute("aria-pressed")
        == "true"
    )
    assert_accessible(page)
    sign_out(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # the worker takes the post-test, evaluates, and gets the certificate
    sign_in(page, site, WORKER.email, demo_password)
    assert_accessible(page)
    page.goto(session_url)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Take the post-test").click()
    assert_accessible(page)
    answer_test(page, right=True, confidence="4")
    assert page.get_by_text("Score: 100.00%").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Evaluate the session").click()
    assert_accessible(page)
    form = page.locator("main form")
    for name, value in (("relevance", "5"), ("clarity", "4"), ("practical_use", "4")):
        form.locator(f"input[name={name}][value='{value}']").check()
    form.get_by_label("What should change in the session or the tool?").fill("More role play")
    submit(page, form.get_by_role("button", name="Send my evaluation"))
    assert_accessible(page)
    submit(page, page.get_by_role("button", name="Get your certificate"))
    assert_accessible(page)
    assert path_of(page).endswith("/certificate/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    verify_url = page.locator("main a[href*='/training/c/']").get_attribute("href")
    sign_out(page)
    assert_accessible(page)

    # anyone with the address or the QR code sees that it is valid, and nothing else
    page.goto(verify_url)
    assert_accessible(page)
    assert page.get_by_text("This certificate is valid").is_visible()
    assert page.get_by_text("Demo frontline worker").count() == 0
    assert page.get_by_text(COURSE).count() == 0
