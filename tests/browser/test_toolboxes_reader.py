"""The demo toolboxes as a reader and a trainee city see them: contents, search, editions and
their differences, the PDF prepared in the background, and a local adaptation."""

import pytest

from equalcity.toolboxes.demo import WOMEN_SLUG
from equalcity.toolboxes.demo import load_demo as load_toolboxes
from tests.browser import flows
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def toolboxes(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the live server runs in this process
    load_toolboxes(programme=demo)
    return demo


def test_a_reader_goes_through_a_published_toolbox(site, page, toolboxes):
    page.goto(f"{site}/en/toolboxes/")
    assert_accessible(page)
    page.get_by_role("link", name="Migrant women and girls: responding to SGBV").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "Edition 1.1" in page.locator("main").inner_text()

    page.locator("nav.toc").get_by_role("link", name="Survivor-centred principles").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "Confidentiality" in page.locator(".prose").inner_text()
    page.get_by_role("link", name="Next: Gender and intersectionality").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.get_by_label("Search this toolbox").fill("Palermo")
    flows.submit(page, page.get_by_role("button", name="Search"))
    assert_accessible(page)
    assert page.locator(".search-results li").all_inner_texts()[0].startswith("Act, means, purpose")

    page.goto(f"{site}/en/toolboxes/{WOMEN_SLUG}/editions/")
    assert_accessible(page)
    page.get_by_role("link", name="Compare 1.0 with 1.1").click()
    page.wait_for_load_state()
    assert_accessible(page)
    changed = page.locator("section.diff--changed", has_text="Vulnerabilities")
    assert "Article 59" in changed.locator("ins").all_inner_texts()[-1]


def test_a_reader_in_french_waits_for_the_pdf_and_downloads_it(site, page, toolboxes):
    page.goto(f"{site}/fr/toolboxes/{WOMEN_SLUG}/")
    assert_accessible(page)
    assert page.locator("p.notice").count() == 1  # shown in its source language, English
    page.goto(f"{site}/fr/toolboxes/{WOMEN_SLUG}/pdf/")
    assert_accessible(page)
    download_link = page.locator("a[href$='/pdf/download/']")
    download_link.wait_for()  # the status is polled every 2 s until the PDF is ready
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == f"{WOMEN_SLUG}-1.1-fr.pdf"


def test_a_trainee_city_sees_that_its_adaptation_has_a_newer_source(
    site, page, toolboxes, demo_password
):
    flows.sign_in(page, site, "coordinator@demo.equalcity.example", demo_password)
    assert_accessible(page)
    page.goto(f"{site}/en/toolboxes/adaptations/")
    assert_accessible(page)
    page.locator("main table a").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    notice = page.locator("main .notice")
    assert "A newer edition, 1.1, is published" in notice.inner_text()
    flows.submit(page, notice.get_by_role("button"))
    assert_accessible(page)
    assert "Based on edition 1.1." in page.locator("main").inner_text()
    assert "women's helpline first" in page.locator(".local-note").first.inner_text()
