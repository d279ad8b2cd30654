import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from equalcity.toolboxes import selectors, services
from equalcity.toolboxes.models import ReviewRound, Status
from tests.toolboxes.journeys import rate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(toolbox, editor):
    services.move_toolbox(toolbox=toolbox, to_status=Status.EXPERT_REVIEW, by=editor)
    return toolbox


@pytest.fixture
def expert_round(in_review, editor, reviewer, people):
    return services.open_review_round(
        toolbox=in_review,
        kind=ReviewRound.Kind.EXPERT_PANEL,
        deadline=timezone.localdate() + timedelta(days=2),
        reviewers=[reviewer, people["expert2"]],
        by=editor,
    )


def test_a_round_opens_only_in_its_phase(toolbox, editor, reviewer):
    with pytest.raises(services.ToolboxError, match="opens while the toolbox is in expert review"):
        services.open_review_round(
            toolbox=toolbox,
            kind=ReviewRound.Kind.EXPERT_PANEL,
            deadline=timezone.localdate(),
            reviewers=[reviewer],
            by=editor,
        )


def test_only_people_with_the_panel_role_are_invited(in_review, editor, coordinator):
    with pytest.raises(services.ToolboxError, match="does not hold the role “Expert reviewer”"):
        services.open_review_round(
            toolbox=in_review,
            kind=ReviewRound.Kind.EXPERT_PANEL,
            deadline=timezone.localdate(),
            reviewers=[coordinator],
            by=editor,
        )


def test_a_deadline_in_the_past_is_refused(in_review, editor, reviewer):
    with pytest.raises(services.ToolboxError, match="in the past"):
        services.open_review_round(
            toolbox=in_review,
            kind=ReviewRound.Kind.EXPERT_PANEL,
            deadline=timezone.localdate() - timedelta(days=1),
            reviewers=[reviewer],
            by=editor,
        )


def test_ratings_must_cover_every_module_from_1_to_5(expert_round, reviewer):
    invitation = expert_round.invitations.get(reviewer=reviewer)
    modules = list(services.modules_in_scope(expert_round))
    partial = {modules[0].pk: {"comprehensiveness": 4, "duplicability": 4, "practical_use": 4}}
    with pytest.raises(services.ToolboxError, match="missing: Module 2"):
        services.submit_review(invitation=invitation, ratings=partial, by=reviewer)
    out_of_range = {
        m.pk: {"comprehensiveness": 6, "duplicability": 4, "practical_use": 4} for m in modules
    }
    with pytest.raises(services.ToolboxError):
        services.submit_review(invitation=invitation, ratings=out_of_range, by=reviewer)
    invitation.refresh_from_db()
    assert invitation.submitted_at is None and not invitation.ratings.exists()


def test_the_summary_averages_per_module_and_criterion(expert_round, reviewer, people, editor):
    rate_all(expert_round.invitations.get(reviewer=reviewer), reviewer, scores=(5, 3, 4))
    summary = selectors.round_summary(expert_round)
    assert summary["invited"] == 2 and summary["submitted"] == 1 and summary["response_rate"] == 50
    rate_all(
        expert_round.invitations.get(reviewer=people["expert2"]),
        people["expert2"],
        scores=(4, 2, 2),
    )
    summary = selectors.round_summary(expert_round)
    first = summary["rows"][0]
    assert (first["comprehensiveness"], first["duplicability"], first["practical_use"]) == (
        4.5,
        2.5,
        3.0,
    )
    assert first["responses"] == 2 and summary["response_rate"] == 100


def test_a_comment_is_anchored_to_a_passage_of_the_section(expert_round, reviewer):
    invitation = expert_round.invitations.get(reviewer=reviewer)
    section = expert_round.toolbox.modules.first().sections.first()
    with pytest.raises(services.ToolboxError, match="not in the section"):
        services.add_comment(
            invitation=invitation,
            section=section,
            quote="words never written",
            body="x",
            by=reviewer,
        )
    comment = services.add_comment(
        invitation=invitation,
        section=section,
        quote="Listen  closely",
        body="Say how.",
        by=reviewer,
    )
    assert comment.section == section and comment.quote == "Listen  closely"


def test_a_reviewer_cannot_use_someone_elses_invitation(expert_round, reviewer, people):
    invitation = expert_round.invitations.get(reviewer=reviewer)
    with pytest.raises(services.ToolboxError, match="someone else"):
        rate_all(invitation, people["expert2"])


def test_editors_answer_and_resolve_comments(expert_round, reviewer, editor):
    section = expert_round.toolbox.modules.first().sections.first()
    comment = services.add_comment(
        invitation=expert_round.invitations.get(reviewer=reviewer),
        section=section,
        quote="Listen closely",
        body="Say how.",
        is_blocking=True,
        by=reviewer,
    )
    services.reply_to_comment(comment=comment, body="Added an example.", by=editor)
    services.resolve_comment(comment=comment, by=editor)
    with pytest.raises(services.ToolboxError, match="resolved already"):
        services.resolve_comment(comment=comment, by=editor)
    with pytest.raises(services.ToolboxError):
        services.resolve_comment(comment=comment, by=reviewer)
    assert comment.replies.get().body == "Added an example."


def test_a_closed_round_takes_no_more_ratings(expert_round, reviewer, editor):
    services.close_round(round_=expert_round, by=editor)
    with pytest.raises(services.ToolboxError, match="closed"):
        rate_all(expert_round.invitations.get(reviewer=reviewer), reviewer)


def test_the_summary_as_page_csv_and_pdf(
    expert_round, reviewer, editor, client, settings, tmp_path
):
    rate_all(expert_round.invitations.get(reviewer=reviewer), reviewer, scores=(5, 3, 4))
    client.force_login(editor)
    base = f"/en/toolboxes/work/{expert_round.toolbox.slug}/rounds/{expert_round.pk}"
    page = client.get(f"{base}/summary/").content.decode()
    assert "Responses: 1 of 2 invited (50 %)." in page
    rows = list(csv.reader(io.StringIO(client.get(f"{base}/summary.csv").content.decode())))
    assert rows[0] == ["module", "responses", "comprehensiveness", "duplicability", "practical_use"]
    assert rows[1] == ["Module 1", "1", "5.0", "3.0", "4.0"]
    assert ["response_rate_percent", "50"] in rows
    pdf = client.get(f"{base}/summary.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_reminders_go_once_to_reviewers_who_have_not_answered(expert_round, reviewer, people):
    rate_all(expert_round.invitations.get(reviewer=reviewer), reviewer)
    out = io.StringIO()
    call_command("send_review_reminders", "--days", "3", stdout=out)
    assert [m.to for m in mail.outbox] == [[people["expert2"].email]]
    assert "/rounds/" in mail.outbox[0].body
    assert "1 reminder(s) sent." in out.getvalue()
    call_command("send_review_reminders", "--days", "3", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert expert_round.invitations.get(reviewer=people["expert2"]).reminded_at is not None


def test_no_reminder_when_the_deadline_is_further_away(expert_round):
    call_command("send_review_reminders", "--days", "1", stdout=io.StringIO())
    assert mail.outbox == []


def test_a_reviewer_rates_and_comments_through_the_page(expert_round, reviewer, client):
    client.force_login(reviewer)
    url = f"/en/toolboxes/work/{expert_round.toolbox.slug}/rounds/{expert_round.pk}/"
    modules = list(services.modules_in_scope(expert_round))
    data = {"rate": "1"}
    for m in modules:
        data |= {
            f"m{m.pk}_comprehensiveness": "4",
            f"m{m.pk}_duplicability": "3",
            f"m{m.pk}_practical_use": "5",
        }
    assert client.post(url, data).status_code == 302
    section = modules[0].sections.first()
    bad = client.post(url, {"comment": "1", "section": section.pk, "quote": "nowhere", "body": "x"})
    assert bad.status_code == 400 and "copy it exactly" in bad.content.decode()
    good = client.post(
        url, {"comment": "1", "section": section.pk, "quote": "Listen closely", "body": "Fine"}
    )
    assert good.status_code == 302
    assert expert_round.comments.get().body == "Fine"
    # the reviewer does not see the summary: that is for editors
    assert "Summary as CSV" not in client.get(url).content.decode()
