from datetime import timedelta

import pytest
from django.utils import timezone

from equalcity.accounts.models import AuditEntry
from equalcity.toolboxes import models, services
from equalcity.toolboxes.models import ReviewRound, Status
from tests.toolboxes.journeys import walk_to_final

pytestmark = pytest.mark.django_db


def test_a_toolbox_goes_through_every_phase_and_the_timeline_says_who_and_when(
    toolbox, editor, reviewer, coordinator, manager
):
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    edition = services.publish_edition(toolbox=toolbox, by=manager, note="Ready")

    toolbox.refresh_from_db()
    assert toolbox.status == Status.PUBLISHED
    assert toolbox.latest_edition == edition and edition.number == "1.0"
    steps = list(toolbox.transitions.values_list("from_status", "to_status", "by__email"))
    assert [(before, after) for before, after, _ in steps] == [
        ("", "draft"),
        ("draft", "expert_review"),
        ("expert_review", "pilot"),
        ("pilot", "trainee_review"),
        ("trainee_review", "final"),
        ("final", "published"),
    ]
    assert steps[-1][2] == manager.email and steps[1][2] == editor.email
    assert AuditEntry.objects.filter(action="toolboxes.edition.published").count() == 1


def test_a_transition_that_is_not_allowed_says_where_it_can_go(toolbox, editor):
    with pytest.raises(services.ToolboxError) as refused:
        services.move_toolbox(toolbox=toolbox, to_status=Status.FINAL, by=editor)
    assert refused.value.code == "transition_refused"
    assert "can move only to: expert review" in str(refused.value)
    toolbox.refresh_from_db()
    assert toolbox.status == Status.DRAFT


def test_an_empty_toolbox_cannot_go_to_review(demo, editor):
    empty = services.create_toolbox(
        programme=demo, title="Empty", target_group="women_girls", by=editor
    )
    with pytest.raises(services.ToolboxError, match="Write at least one section"):
        services.move_toolbox(toolbox=empty, to_status=Status.EXPERT_REVIEW, by=editor)


def test_an_unresolved_blocking_comment_holds_the_toolbox_before_final(
    toolbox, editor, reviewer, coordinator
):
    services.move_toolbox(toolbox=toolbox, to_status=Status.EXPERT_REVIEW, by=editor)
    round_ = services.open_review_round(
        toolbox=toolbox,
        kind=ReviewRound.Kind.EXPERT_PANEL,
        deadline=timezone.localdate() + timedelta(days=3),
        reviewers=[reviewer],
        by=editor,
    )
    section = toolbox.modules.first().sections.first()
    comment = services.add_comment(
        invitation=round_.invitations.get(),
        section=section,
        quote="Listen closely",
        body="Explain what 'closely' means in practice.",
        is_blocking=True,
        by=reviewer,
    )
    services.move_toolbox(toolbox=toolbox, to_status=Status.PILOT, by=editor)
    services.move_toolbox(toolbox=toolbox, to_status=Status.TRAINEE_REVIEW, by=editor)

    with pytest.raises(services.ToolboxError, match="1 blocking review comment is not resolved"):
        services.move_toolbox(toolbox=toolbox, to_status=Status.FINAL, by=editor)

    services.resolve_comment(comment=comment, by=editor)
    services.move_toolbox(toolbox=toolbox, to_status=Status.FINAL, by=editor)
    toolbox.refresh_from_db()
    assert toolbox.status == Status.FINAL


def test_publishing_needs_consent_for_a_real_testimony(
    toolbox, editor, reviewer, coordinator, manager
):
    module = toolbox.modules.first()
    services.add_testimony(module=module, quote="What I lived.", by=editor, consent_given=False)
    services.add_testimony(
        module=module, quote="Written for training.", by=editor, is_illustrative=True
    )
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)

    with pytest.raises(services.ToolboxError, match="no recorded consent"):
        services.publish_edition(toolbox=toolbox, by=manager)

    models.Testimony.objects.filter(quote="What I lived.").update(consent_given=True)
    assert services.publish_edition(toolbox=toolbox, by=manager).number == "1.0"


def test_only_a_programme_manager_publishes_and_archives(
    toolbox, editor, reviewer, coordinator, manager
):
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    with pytest.raises(services.ToolboxError) as refused:
        services.publish_edition(toolbox=toolbox, by=editor)
    assert refused.value.code == "not_allowed"
    services.publish_edition(toolbox=toolbox, by=manager)
    with pytest.raises(services.ToolboxError):
        services.move_toolbox(toolbox=toolbox, to_status=Status.ARCHIVED, by=editor)
    services.move_toolbox(toolbox=toolbox, to_status=Status.ARCHIVED, by=manager, note="Superseded")
    toolbox.refresh_from_db()
    assert toolbox.status == Status.ARCHIVED
    assert toolbox.transitions.last().note == "Superseded"


def test_publish_is_not_a_plain_move(toolbox, editor, reviewer, coordinator, manager):
    walk_to_final(toolbox, editor=editor, reviewer=reviewer, coordinator=coordinator)
    with pytest.raises(services.ToolboxError) as refused:
        services.move_toolbox(toolbox=toolbox, to_status=Status.PUBLISHED, by=manager)
    assert refused.value.code == "use_publish"


def test_published_text_cannot_be_edited_until_moved_back_to_draft(published, editor):
    section = published.modules.first().sections.first()
    with pytest.raises(services.ToolboxError, match="Move it back to draft"):
        services.save_section(
            section=section, title="x", body="y", expected_revision=section.revision, by=editor
        )
    services.move_toolbox(toolbox=published, to_status=Status.DRAFT, by=editor, note="Edition 1.1")
    services.save_section(
        section=section, title="x", body="y", expected_revision=section.revision, by=editor
    )


def test_the_workspace_explains_a_refused_move(toolbox, editor, client):
    client.force_login(editor)
    url = f"/en/toolboxes/work/{toolbox.slug}/"
    answer = client.post(url + "move/", {"to_status": "final", "note": ""}, follow=True)
    assert answer.status_code == 200
    assert "A toolbox in draft can move only to: expert review." in answer.content.decode()
    toolbox.refresh_from_db()
    assert toolbox.status == Status.DRAFT


def test_the_workspace_shows_why_a_move_is_not_possible_yet(demo, editor, client):
    empty = services.create_toolbox(
        programme=demo, title="Nothing yet", target_group="women_girls", by=editor
    )
    client.force_login(editor)
    html = client.get(f"/en/toolboxes/work/{empty.slug}/").content.decode()
    assert "Write at least one section first" in html


def test_an_editor_starts_a_toolbox_and_adds_a_testimony_through_the_pages(demo, editor, client):
    client.force_login(editor)
    answer = client.post(
        "/en/toolboxes/new/",
        {"title": "Work", "target_group": "migrant_parents", "source_language": "sv"},
    )
    toolbox = demo.toolboxes.get(title="Work")
    assert toolbox.slug == "work-toolbox"  # "work" is a word of the addresses
    assert answer["Location"].endswith(f"/toolboxes/work/{toolbox.slug}/")
    client.post(
        f"/en/toolboxes/work/{toolbox.slug}/modules/new/", {"title": "M", "duration_minutes": 90}
    )
    module = toolbox.modules.get()
    refused = client.post(
        f"/en/toolboxes/work/{toolbox.slug}/modules/{module.pk}/testimonies/new/",
        {"quote": "Words", "attribution": "pseudonym", "pseudonym": "", "country": "SE"},
    )
    assert "Give the pseudonym the person agreed to" in refused.content.decode()
    client.post(
        f"/en/toolboxes/work/{toolbox.slug}/modules/{module.pk}/testimonies/new/",
        {"quote": "Words", "attribution": "pseudonym", "pseudonym": "Sara", "country": "SE"},
    )
    testimony = module.testimonies.get()
    assert (testimony.pseudonym, testimony.country.code, testimony.consent_given) == (
        "Sara",
        "SE",
        False,
    )
