"""Every page of the network app, as a visitor and as the programme manager, passes axe."""

import pytest

from equalcity.network import services
from equalcity.network.demo import UPCOMING_SLUG
from equalcity.network.demo import load_demo as load_network_demo
from equalcity.network.models import Event, Story
from tests.browser.conftest import assert_accessible
from tests.browser.flows import pass_two_factor, path_of, sign_in, submit

pytestmark = pytest.mark.browser

PUBLIC = [
    "cities/",
    "cities/?country=DE&track=women_girls",
    "map/?network=eurocities",
    "cities/vienna/",
    "reach/",
    "events/",
    "events/webinar-women-and-girls/",
    "stories/",
    "stories/trainee-cities-review/?lang=fr",
]
MANAGER = [
    "cities/amsterdam/",
    "applications/",
    "events/new/",
    f"events/{UPCOMING_SLUG}/manage/",
    f"events/{UPCOMING_SLUG}/edit/",
    "stories/new/",
]


@pytest.fixture
def network_site(site, demo):
    load_network_demo(programme=demo)
    return site


def test_every_network_page_is_accessible(network_site, page, manager, demo_password):
    base = f"{network_site}/en/network/equalcity/"
    event = Event.objects.get(slug=UPCOMING_SLUG)
    registration, _ = services.register(event=event, name="Ana", email="ana@example.org")
    for path in PUBLIC:
        page.goto(base + path)
        assert page.locator("main h1").count() == 1, path
        assert_accessible(page)
    page.goto(network_site + services.registration_path(registration))
    assert_accessible(page)

    sign_in(page, network_site, manager.email, demo_password)
    pass_two_factor(page)
    assert_accessible(page)
    for path in MANAGER:
        page.goto(base + path)
        assert page.locator("main h1").count() == 1, path
        assert_accessible(page)
    page.goto(f"{network_site}/en/network/registrations/")
    assert_accessible(page)


def test_an_editor_changes_previews_and_unpublishes_a_story(
    network_site, page, demo, demo_users, demo_password
):
    editor = demo_users["partner_editor"]
    base = f"{network_site}/en/network/equalcity/stories"
    story = Story.objects.get(programme=demo, slug="spotlight-frontline", language="en")
    edit_path = f"/en/network/equalcity/stories/edit/{story.pk}/"

    # given a partner editor on a published story
    sign_in(page, network_site, editor.email, demo_password)
    assert_accessible(page)
    page.goto(f"{base}/spotlight-frontline/")
    assert_accessible(page)

    # when they open the edit page from the story
    submit(page, page.get_by_role("link", name="Change this story"))
    assert path_of(page) == edit_path
    assert_accessible(page)
    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    form.get_by_label("Title").fill("A day at a frontline service, retold (demo data)")
    form.get_by_label("Story (Markdown)").fill("*Demo data.*\n\nA **changed** text.")

    # and preview the change: rendered, not saved
    submit(page, form.get_by_role("button", name="Preview"))
    preview = page.locator("main details.story-preview")
    assert preview.get_attribute("open") is not None
    assert preview.locator("strong").inner_text() == "changed"
    assert_accessible(page)
    story.refresh_from_db()
    assert story.revision == 1

    # and meanwhile someone else saves the story
    services.change_story(
        story=story,
        by=demo_users["programme_manager"],
        expected_revision=1,
        slug=story.slug,
        language=story.language,
        kind=story.kind,
        title=story.title,
        summary="Changed by the programme manager.",
        body=story.body,
        city=story.city,
    )

    # then saving shows the conflict, their version and keeps the editor's text
    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    with page.expect_navigation():
        form.get_by_role("button", name="Save the changes").click()
    conflict = page.locator("main section.conflict")
    assert "Changed by the programme manager." in conflict.inner_text()
    assert "Someone else saved this story" in page.locator("main [role=alert]").inner_text()
    form = page.locator("main form").filter(has=page.locator("input[name=title]"))
    assert "A **changed** text." in form.get_by_label("Story (Markdown)").input_value()
    assert_accessible(page)

    # and saving again, having compared, keeps the editor's text
    submit(page, form.get_by_role("button", name="Save the changes"))
    assert "The changes to the story are saved." in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{base}/spotlight-frontline/")
    assert "A day at a frontline service, retold" in page.locator("main h1").inner_text()
    assert_accessible(page)

    # and taking the story offline makes it a draft, listed with a link back to its edit page
    page.goto(network_site + edit_path)
    submit(page, page.get_by_role("button", name="Take the story offline"))
    assert page.locator("[data-story-status]").get_attribute("data-story-status") == "draft"
    assert_accessible(page)
    page.goto(f"{base}/new/")
    assert page.locator(f"main a[href='{edit_path}']").count() == 1
    assert_accessible(page)
    submit(page, page.locator(f"main a[href='{edit_path}']"))
    assert_accessible(page)
    submit(page, page.get_by_role("button", name="Publish the story"))
    assert page.locator("[data-story-status]").get_attribute("data-story-status") == "published"
    assert_accessible(page)
