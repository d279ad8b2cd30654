"""A toolbox from its first draft to a published edition, in the browser, as the people do it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from equalcity.accounts.models import Membership, Role, User
from equalcity.toolboxes.models import Module, Toolbox
from tests.browser import flows
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, path_of, submit

pytestmark = pytest.mark.browser

EDITOR = "editor@demo.equalcity.example"
REVIEWER = "reviewer@demo.equalcity.example"
MANAGER = "manager@demo.equalcity.example"
SECOND = "second.expert@example.org"


def sign_in(page, site, email, password):
    flows.sign_in(page, site, email, password)
    assert_accessible(page)


def sign_out(page):
    flows.sign_out(page)
    assert_accessible(page)


def open_workspace(page, site, slug):
    page.goto(f"{site}/en/toolboxes/work/{slug}/")
    assert_accessible(page)


def move_to(page, status, note):
    page.locator(f"#note-{status}").fill(note)
    submit(page, page.locator(f"button[data-move={status}]"))
    assert_accessible(page)
    assert page.locator("[data-status]").get_attribute("data-status") == status


def review(page, site, slug, round_url, scores, quote, comment, blocking):
    page.goto(round_url)
    assert_accessible(page)
    for module in Module.objects.filter(toolbox__slug=slug):
        for criterion, score in zip(
            ("comprehensiveness", "duplicability", "practical_use"), scores, strict=True
        ):
            page.locator(f"input[name=m{module.pk}_{criterion}][value='{score}']").check()
    submit(page, page.locator("button[name=rate]"))
    assert_accessible(page)
    form = page.locator("form:has(button[name=comment])")
    form.locator("select[name=section]").select_option(index=1)
    form.locator("textarea[name=quote]").fill(quote)
    form.locator("textarea[name=body]").fill(comment)
    if blocking:
        form.locator("input[name=is_blocking]").check()
    submit(page, form.locator("button[name=comment]"))
    assert_accessible(page)
    assert comment in page.locator("main").inner_text()


def test_a_toolbox_goes_from_draft_to_published_with_two_reviewers(
    site, page, demo, demo_password, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the live server runs in this process
    second = User.objects.create_user(SECOND, demo_password, full_name="Second Expert")
    Membership.objects.create(user=second, programme=demo, role=Role.EXPERT_REVIEWER)

    # a partner editor starts a toolbox and writes its first section
    sign_in(page, site, EDITOR, demo_password)
    page.goto(f"{site}/en/toolboxes/new/")
    assert_accessible(page)
    page.locator("input[name=title]").fill("Safety first")
    page.locator("select[name=target_group]").select_option("women_girls")
    submit(page, page.locator("main form button[type=submit]"))
    assert_accessible(page)
    slug = path_of(page).rstrip("/").split("/")[-1]
    assert Toolbox.objects.get(slug=slug).status == "draft"

    page.get_by_role("link", name="Add a module").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("input[name=title]").fill("First-line support")
    submit(page, page.locator("main form button[type=submit]"))
    assert_accessible(page)
    page.locator("main a", has_text="Add a section").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("input[name=title]").fill("LIVES")
    page.locator("textarea[name=body]").fill("Listen closely, with empathy and without judging.")
    submit(page, page.locator("main form button[type=submit]"))
    assert_accessible(page)

    move_to(page, "expert_review", "Ready for the experts")

    # the editor opens an expert round for two reviewers
    page.get_by_role("link", name="Open a review round").click()
    page.wait_for_load_state()
    assert_accessible(page)
    deadline = (timezone.localdate() + timedelta(days=14)).isoformat()
    page.locator("input[name=deadline]").fill(deadline)
    page.get_by_label("Demo expert reviewer (demo data)").check()
    page.get_by_label("Second Expert").check()
    submit(page, page.locator("main form button[type=submit]"))
    assert_accessible(page)
    round_url = page.url
    sign_out(page)

    # each reviewer rates every module and comments on a quoted passage
    sign_in(page, site, REVIEWER, demo_password)
    review(page, site, slug, round_url, (5, 3, 4), "with empathy", "Give an example.", True)
    sign_out(page)
    sign_in(page, site, SECOND, demo_password)
    review(page, site, slug, round_url, (4, 5, 2), "without judging", "Good.", False)
    sign_out(page)

    # the editor sees their figures, answers and resolves the blocking comment
    sign_in(page, site, EDITOR, demo_password)
    page.goto(round_url)
    assert_accessible(page)
    cells = page.locator("table.summary tbody tr").first.locator("th, td").all_inner_texts()
    assert cells == ["First-line support", "2", "4.5", "4.0", "3.0"], cells
    assert "Responses: 2 of 2 invited (100 %)." in page.locator("main").inner_text()
    blocking = page.locator("article.comment", has_text="Give an example.")
    blocking.locator("textarea[name=body]").fill("Example added.")
    submit(page, blocking.locator("button", has_text="Send the answer"))
    assert_accessible(page)
    submit(page, blocking.locator("button", has_text="Mark as resolved"))
    assert_accessible(page)

    # … and takes it through the pilot and the trainee-city review to final
    open_workspace(page, site, slug)
    move_to(page, "pilot", "Piloted in two trainings")
    move_to(page, "trainee_review", "Trainee cities read it")
    move_to(page, "final", "All comments resolved")
    sign_out(page)

    # the programme manager publishes edition 1.0
    sign_in(page, site, MANAGER, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    open_workspace(page, site, slug)
    submit(page, page.locator("button[data-move=published]"))
    assert_accessible(page)
    assert page.locator("[data-status]").get_attribute("data-status") == "published"
    timeline = page.locator("ol.timeline").inner_text()
    for phase in ("Expert review", "Pilot", "Trainee-city review", "Final", "Published"):
        assert phase in timeline, timeline
    sign_out(page)

    # a member of the public reads it
    page.goto(f"{site}/en/toolboxes/{slug}/")
    assert_accessible(page)
    assert "Edition 1.0" in page.locator("main").inner_text()
    page.get_by_role("link", name="LIVES").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "with empathy" in page.locator(".prose").inner_text()

    # … and downloads the PDF edition, rendered in the background when it was published
    page.goto(f"{site}/en/toolboxes/{slug}/pdf/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == f"{slug}-1.0-en.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
