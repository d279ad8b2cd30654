"""A frontline worker in Luxembourg finds a shelter and downloads the pathway pocket card."""

import pytest

from equalcity.accounts.models import Role
from equalcity.programmes.demo import DEMO_ACCOUNTS
from equalcity.referral.demo import load_demo as load_directory_demo
from tests.browser.conftest import assert_accessible
from tests.browser.flows import path_of, sign_in, submit

pytestmark = pytest.mark.browser

WORKER = next(account for account in DEMO_ACCOUNTS if account.role == Role.FRONTLINE_WORKER)


def test_worker_finds_a_free_french_speaking_shelter_open_now_and_gets_the_pocket_card(
    site, demo, page, demo_password
):
    load_directory_demo(programme=demo)
    sign_in(page, site, WORKER.email, demo_password)
    assert path_of(page) == "/en/accounts/", page.url
    assert_accessible(page)

    # the worker opens the directory on the phone and says what is needed
    page.goto(f"{site}/en/referral/equalcity/")
    assert_accessible(page)
    form = page.locator("main form.search-form")
    form.get_by_label("City").select_option("Luxembourg")
    form.get_by_label("Need").select_option("shelter")
    form.get_by_label("Language spoken").select_option("fr")
    form.get_by_label("Open now").check()
    form.get_by_label("Free of charge").check()
    form.get_by_label("Accessible without a residence permit").check()
    form.get_by_label("For women", exact=True).check()
    submit(page, form.locator("button[type=submit]"))
    assert_accessible(page)

    # one service: the shelter, with its intake number and no address
    results = page.locator("main .results > li")
    assert results.count() == 1
    card = results.first
    assert "Demo shelter for women (demo data)" in card.inner_text()
    assert "Confidential address: call the intake number" in card.inner_text()
    assert card.locator("a[href^='tel:']").count() == 1

    # the map shows the city's services on the offline base layer, without the shelter
    page.goto(f"{site}/en/referral/equalcity/map/?city=Luxembourg")
    page.wait_for_function(
        "() => document.querySelectorAll('#service-map path').length > 50"  # countries drawn
    )
    assert page.locator("#service-map path.leaflet-interactive").count() == 5  # markers
    assert_accessible(page)

    # then the city's pathway, and its pocket card to print
    page.locator("nav.section-nav").get_by_role("link", name="Referral pathways").click()
    page.wait_for_url("**/pathways/")
    assert_accessible(page)
    page.get_by_role("link", name="Luxembourg referral pathway (demo data)").click()
    page.wait_for_selector("main ol.steps")
    assert_accessible(page)
    assert page.locator("main ol.steps > li").count() == 7
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the pocket card (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "pathway-luxembourg.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
