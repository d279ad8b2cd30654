"""Changing a story after it is written: the service (validation, optimistic concurrency,
audit, publication) and the edit page (preview, clear refusals, conflicts, who may)."""

import pytest

from equalcity.accounts.models import AuditEntry, Membership, Organisation, Role
from equalcity.network import services
from equalcity.network.models import CityProfile, Story

pytestmark = pytest.mark.django_db

STORIES = "/en/network/equalcity/stories/"


@pytest.fixture
def editor(demo_users):
    return demo_users["partner_editor"]


@pytest.fixture
def story(network, editor):
    """A published story written through the service, as the write page does."""
    return services.write_story(
        programme=network,
        slug="vienna-trains",
        language="en",
        kind=Story.Kind.SPOTLIGHT_CITY,
        title="Vienna trains its frontline services",
        summary="Two days of training.",
        body="A *short* story.",
        city=CityProfile.objects.get(programme=network, slug="vienna"),
        publish=True,
        by=editor,
    )


def values_of(story: Story, **changes) -> dict:
    values = {
        "slug": story.slug,
        "language": story.language,
        "kind": story.kind,
        "title": story.title,
        "summary": story.summary,
        "body": story.body,
        "city": story.city,
    }
    values.update(changes)
    return values


def change(story: Story, by, *, expected_revision=None, **changes) -> Story:
    return services.change_story(
        story=story,
        by=by,
        expected_revision=story.revision if expected_revision is None else expected_revision,
        **values_of(story, **changes),
    )


def edit_path(story: Story) -> str:
    return f"{STORIES}edit/{story.pk}/"


def form_of(story: Story, **changes) -> dict:
    data = {
        "title": story.title,
        "slug": story.slug,
        "language": story.language,
        "kind": story.kind,
        "city": story.city_id or "",
        "summary": story.summary,
        "body": story.body,
        "revision": story.revision,
        "action": "save",
    }
    data.update(changes)
    return data


# --- the service -----------------------------------------------------------------------------


def test_a_change_is_a_new_revision_with_an_audit_entry(story, editor):
    changed = change(story, editor, title="Vienna trains 40 frontline workers", body="New text.")
    story.refresh_from_db()
    assert (story.title, story.body, story.revision) == (
        "Vienna trains 40 frontline workers",
        "New text.",
        2,
    )
    assert changed.published_at is not None  # a published story stays published
    entry = AuditEntry.objects.get(action="network.story.changed")
    assert entry.actor == editor and entry.object_id == str(story.pk)
    assert entry.data == {"revision": 2, "fields": ["title", "body"], "published": True}


def test_a_save_that_changes_nothing_writes_nothing(story, editor):
    change(story, editor)
    story.refresh_from_db()
    assert story.revision == 1
    assert not AuditEntry.objects.filter(action="network.story.changed").exists()


def test_a_second_editors_save_does_not_overwrite_the_first(story, editor, manager):
    # given two editors who opened the story at revision 1
    change(story, editor, expected_revision=1, body="The first editor's text.")
    # when the second saves from revision 1 too
    with pytest.raises(services.StoryConflict) as refused:
        change(story, manager, expected_revision=1, body="The second editor's text.")
    # then nothing of the first is lost, and the refusal carries what is saved now
    assert refused.value.code == "conflict"
    assert refused.value.current.body == "The first editor's text."
    assert refused.value.current.revision == 2
    assert "revision 2" in refused.value.message and "revision 1" in refused.value.message
    story.refresh_from_db()
    assert story.body == "The first editor's text."
    assert AuditEntry.objects.filter(action="network.story.changed").count() == 1
    # and a deliberate save from the revision the second editor has now seen goes through
    change(story, manager, expected_revision=2, body="The second editor's text.")
    story.refresh_from_db()
    assert (story.body, story.revision) == ("The second editor's text.", 3)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"title": "   "}, "title_required"),
        ({"body": " \n "}, "body_required"),
        ({"slug": "!!!"}, "slug_required"),
        ({"slug": "feed"}, "slug_reserved"),
        ({"language": "xx"}, "unknown_language"),
        ({"kind": "gossip"}, "unknown_kind"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(story, editor, changes, code):
    with pytest.raises(services.NetworkError) as refused:
        change(story, editor, **changes)
    assert refused.value.code == code
    story.refresh_from_db()
    assert (story.title, story.body, story.slug, story.revision) == (
        "Vienna trains its frontline services",
        "A *short* story.",
        "vienna-trains",
        1,
    )


def test_a_short_name_used_in_that_language_is_refused(story, editor):
    with pytest.raises(services.NetworkError) as refused:
        change(story, editor, slug="spotlight-frontline")
    assert refused.value.code == "story_exists"
    # the demo's "trainee-cities-review" exists in English and French: moving this story
    # to either language under that name clashes, but its own name in French is free
    with pytest.raises(services.NetworkError):
        change(story, editor, slug="trainee-cities-review", language="fr")
    change(story, editor, language="fr")
    story.refresh_from_db()
    assert story.language == "fr"


def test_a_city_of_another_programme_is_refused(story, editor, other_programme):
    organisation = Organisation.objects.create(name="Elsewhere", slug="elsewhere", kind="trainee")
    elsewhere = CityProfile.objects.create(
        programme=other_programme, organisation=organisation, slug="elsewhere", kind="trainee"
    )
    with pytest.raises(services.NetworkError) as refused:
        change(story, editor, city=elsewhere)
    assert refused.value.code == "unknown_city"


def test_only_story_writers_may_change_or_unpublish(story, demo_users):
    viewer = demo_users["viewer"]
    with pytest.raises(services.NetworkError) as refused:
        change(story, viewer, title="Taken over")
    assert refused.value.code == "forbidden"
    with pytest.raises(services.NetworkError):
        services.unpublish_story(story=story, by=viewer)
    story.refresh_from_db()
    assert story.title == "Vienna trains its frontline services" and story.published_at


def test_unpublish_and_publish_again(client, story, editor):
    services.unpublish_story(story=story, by=editor)
    story.refresh_from_db()
    assert story.published_at is None
    assert client.get(f"{STORIES}vienna-trains/").status_code == 404
    assert "Vienna trains" not in client.get(f"{STORIES}feed/").content.decode()
    services.unpublish_story(story=story, by=editor)  # again: nothing more happens
    assert AuditEntry.objects.filter(action="network.story.unpublished").count() == 1
    services.publish_story(story=story, by=editor)
    assert client.get(f"{STORIES}vienna-trains/").status_code == 200
    assert "Vienna trains" in client.get(f"{STORIES}feed/").content.decode()


# --- the edit page ---------------------------------------------------------------------------


def test_the_story_page_and_the_drafts_list_link_to_the_edit_page(client, network, story, editor):
    draft = services.write_story(
        programme=network,
        slug="a-draft",
        language="en",
        kind=Story.Kind.UPDATE,
        title="A draft",
        body="Not yet.",
        by=editor,
    )
    assert edit_path(story) not in client.get(f"{STORIES}vienna-trains/").content.decode()
    client.force_login(editor)
    assert edit_path(story) in client.get(f"{STORIES}vienna-trains/").content.decode()
    assert edit_path(draft) in client.get(f"{STORIES}new/").content.decode()


def test_the_edit_page_previews_the_saved_story(client, story, editor):
    client.force_login(editor)
    response = client.get(edit_path(story))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<em>short</em>" in page  # Markdown rendered through core.markdown
    assert 'name="revision" value="1"' in page


def test_previewing_shows_the_changes_and_writes_nothing(client, story, editor):
    client.force_login(editor)
    response = client.post(
        edit_path(story),
        form_of(story, body="A **bold** change <script>alert(1)</script>", action="preview"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "Preview of your changes (not saved yet)" in page
    story.refresh_from_db()
    assert (story.body, story.revision) == ("A *short* story.", 1)


def test_saving_changes_the_public_story(client, story, editor):
    client.force_login(editor)
    response = client.post(
        edit_path(story), form_of(story, title="Vienna, a year on", body="It *grew*.")
    )
    assert response.status_code == 302 and response["Location"].endswith(edit_path(story))
    client.logout()
    page = client.get(f"{STORIES}vienna-trains/").content.decode()
    assert "Vienna, a year on" in page and "<em>grew</em>" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Give the story a title."),
        ({"language": "xx"}, "Choose one of the languages of the platform."),
        ({"slug": "spotlight-frontline"}, "already exists in this language"),
        ({"slug": "new"}, "is reserved"),
        ({"revision": ""}, "This page is out of date."),
    ],
)
def test_bad_input_is_a_400_with_a_clear_message(client, story, editor, changes, message):
    client.force_login(editor)
    response = client.post(edit_path(story), form_of(story, body="Changed.", **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    story.refresh_from_db()
    assert (story.body, story.revision) == ("A *short* story.", 1)


def test_a_conflicting_save_is_a_409_that_keeps_both_texts(client, story, editor, manager):
    client.force_login(editor)
    opened = form_of(story)  # the editor opens the page at revision 1
    change(story, manager, body="The manager's text.")  # meanwhile, the manager saves
    response = client.post(edit_path(story), {**opened, "body": "The editor's text."})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this story while you were editing it" in page
    assert "The manager&#x27;s text." in page  # theirs, to compare
    assert "The editor&#x27;s text." in page  # yours, still in the form
    assert response.context["form"]["revision"].value() == 2
    story.refresh_from_db()
    assert story.body == "The manager's text."
    # saving again, from the form as it came back, is a deliberate overwrite
    again = client.post(edit_path(story), {**opened, "body": "The editor's text.", "revision": 2})
    assert again.status_code == 302
    story.refresh_from_db()
    assert (story.body, story.revision) == ("The editor's text.", 3)


def test_the_edit_page_unpublishes_and_republishes(client, story, editor):
    client.force_login(editor)
    publication = f"{edit_path(story)}publication/"
    response = client.post(publication, {"action": "unpublish"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.published_at is None
    page = client.get(edit_path(story)).content.decode()
    assert 'data-story-status="draft"' in page and "Publish the story" in page
    client.post(publication, {"action": "publish"})
    story.refresh_from_db()
    assert story.published_at is not None
    assert client.get(publication).status_code == 405


def test_a_manager_edits_too(verified_client, manager, story):
    client = verified_client(manager)
    assert client.get(edit_path(story)).status_code == 200
    response = client.post(edit_path(story), form_of(story, summary="Changed by the manager."))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.summary == "Changed by the manager."


def test_who_may_not_edit_finds_nothing(client, story, demo_users, other_programme):
    assert client.get(edit_path(story)).status_code == 302  # to the sign-in page
    client.force_login(demo_users["viewer"])
    assert client.get(edit_path(story)).status_code == 404
    assert client.post(edit_path(story), form_of(story, title="Taken")).status_code == 404
    assert client.post(f"{edit_path(story)}publication/", {"action": "unpublish"}).status_code == (
        404
    )
    # an editor of another programme cannot reach it through that programme's address
    outsider = demo_users["viewer"]
    Membership.objects.create(user=outsider, programme=other_programme, role=Role.PARTNER_EDITOR)
    other = f"/en/network/{other_programme.slug}/stories/edit/{story.pk}/"
    assert client.get(f"/en/network/{other_programme.slug}/stories/new/").status_code == 200
    assert client.get(other).status_code == 404
    assert client.post(f"{other}publication/", {"action": "unpublish"}).status_code == 404
    story.refresh_from_db()
    assert story.title == "Vienna trains its frontline services" and story.published_at
