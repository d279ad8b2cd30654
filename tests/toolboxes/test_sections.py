import pytest

from equalcity.toolboxes import services

pytestmark = pytest.mark.django_db


def test_each_save_keeps_a_numbered_revision(toolbox, editor):
    section = toolbox.modules.first().sections.first()
    services.save_section(
        section=section, title="New title", body="Second text", expected_revision=1, by=editor
    )
    services.save_section(
        section=section, title="New title", body="Third text", expected_revision=2, by=editor
    )
    assert list(section.revisions.values_list("number", "body")) == [
        (3, "Third text"),
        (2, "Second text"),
        (1, "Listen closely and without judging. Text of module 1."),
    ]


def test_the_second_of_two_editors_is_told_of_the_conflict_and_loses_nothing(
    toolbox, editor, manager, verified_client
):
    section = toolbox.modules.first().sections.first()
    # both open revision 1; the first saves
    services.save_section(
        section=section,
        title=section.title,
        body="First editor's text",
        expected_revision=1,
        by=manager,
    )

    client = verified_client(editor)
    url = f"/en/toolboxes/work/{toolbox.slug}/sections/{section.pk}/edit/"
    answer = client.post(
        url, {"title": section.title, "body": "Second editor's text", "revision": 1}
    )

    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Someone else saved this section" in html
    assert "Second editor&#x27;s text" in html  # their text, still in the form
    assert "First editor&#x27;s text" in html  # and the other text, to compare
    section.refresh_from_db()
    assert section.body == "First editor's text" and section.revision == 2

    # saving again from the conflict form goes through
    again = client.post(url, {"title": section.title, "body": "Merged text", "revision": 2})
    assert again.status_code == 302
    section.refresh_from_db()
    assert section.body == "Merged text" and section.revision == 3


def test_a_stale_revision_is_refused_by_the_service(toolbox, editor):
    section = toolbox.modules.first().sections.first()
    services.save_section(section=section, title="t", body="one", expected_revision=1, by=editor)
    with pytest.raises(services.SectionConflict) as conflict:
        services.save_section(
            section=section, title="t", body="two", expected_revision=1, by=editor
        )
    assert conflict.value.current.body == "one"


def test_a_section_without_title_is_refused_with_a_message(toolbox, editor, client):
    client.force_login(editor)
    section = toolbox.modules.first().sections.first()
    url = f"/en/toolboxes/work/{toolbox.slug}/sections/{section.pk}/edit/"
    answer = client.post(url, {"title": "  ", "body": "x", "revision": 1})
    assert answer.status_code == 400
    assert "There is a problem" in answer.content.decode()
    section.refresh_from_db()
    assert section.revision == 1
