import pytest

from equalcity.toolboxes import selectors, services
from equalcity.toolboxes.diff import diff_text
from equalcity.toolboxes.models import Status
from tests.toolboxes.journeys import walk_to_final

pytestmark = pytest.mark.django_db


def republish(toolbox, *, editor, reviewer, coordinator, manager, change=None, major=False):
    services.move_toolbox(toolbox=toolbox, to_status=Status.DRAFT, by=editor)
    if change:
        section, body = change
        section.refresh_from_db()
        services.save_section(
            section=section,
            title=section.title,
            body=body,
            expected_revision=section.revision,
            by=editor,
        )
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    return services.publish_edition(toolbox=toolbox, by=manager, major=major)


def test_editions_are_numbered_1_0_then_1_1_then_2_0(
    published, editor, reviewer, coordinator, manager
):
    people = {
        "editor": editor,
        "reviewer": reviewer,
        "coordinator": coordinator,
        "manager": manager,
    }
    assert published.latest_edition.number == "1.0"
    assert republish(published, **people).number == "1.1"
    assert republish(published, **people, major=True).number == "2.0"
    assert [e.number for e in selectors.editions_of(published)] == ["2.0", "1.1", "1.0"]


def test_readers_see_the_edition_while_editors_change_the_draft(
    published, client, editor, reviewer, coordinator, manager
):
    section = published.modules.first().sections.first()
    services.move_toolbox(toolbox=published, to_status=Status.DRAFT, by=editor)
    services.save_section(
        section=section,
        title=section.title,
        body="Draft words nobody reads yet.",
        expected_revision=section.revision,
        by=editor,
    )
    page = client.get(f"/en/toolboxes/{published.slug}/sections/{section.pk}/")
    assert page.status_code == 200
    assert "Draft words" not in page.content.decode()
    assert "Listen closely" in page.content.decode()


def test_a_later_edition_shows_its_changes_side_by_side(
    published, client, editor, reviewer, coordinator, manager
):
    section = published.modules.first().sections.first()
    republish(
        published,
        editor=editor,
        reviewer=reviewer,
        coordinator=coordinator,
        manager=manager,
        change=(section, "Listen closely, with empathy, and without judging. <b>new</b>"),
    )
    page = client.get(f"/en/toolboxes/{published.slug}/editions/compare/?from=1.0&to=1.1")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<ins>closely, with empathy,</ins>" in html
    assert "<del>closely</del>" in html
    assert "&lt;b&gt;new&lt;/b&gt;" in html and "<b>new</b>" not in html
    editions = client.get(f"/en/toolboxes/{published.slug}/editions/").content.decode()
    assert "?from=1.0&amp;to=1.1" in editions


def test_diff_marks_insertions_and_deletions_and_escapes():
    before, after = diff_text("keep <old> words", "keep <new> words")
    assert before == "keep <del>&lt;old&gt;</del> words"
    assert after == "keep <ins>&lt;new&gt;</ins> words"


def test_comparing_an_edition_that_does_not_exist_is_not_found(published, client):
    assert (
        client.get(f"/en/toolboxes/{published.slug}/editions/compare/?from=1.0&to=9.9").status_code
        == 404
    )
    assert client.get(f"/en/toolboxes/{published.slug}/editions/compare/?from=x").status_code == 404
