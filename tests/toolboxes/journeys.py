"""A toolbox's way through the programme, step by step, through the real services."""

from datetime import timedelta

from django.utils import timezone

from equalcity.toolboxes import services
from equalcity.toolboxes.models import ReviewRound, Status


def rate_all(invitation, by, scores=(4, 4, 4)):
    modules = services.modules_in_scope(invitation.round)
    ratings = {
        m.pk: dict(
            zip(("comprehensiveness", "duplicability", "practical_use"), scores, strict=True)
        )
        for m in modules
    }
    return services.submit_review(invitation=invitation, ratings=ratings, by=by)


def walk_to_final(toolbox, *, editor, reviewer, coordinator):
    """Through every phase with one expert round and one trainee-city round."""
    deadline = timezone.localdate() + timedelta(days=7)
    services.move_toolbox(toolbox=toolbox, to_status=Status.EXPERT_REVIEW, by=editor)
    round_ = services.open_review_round(
        toolbox=toolbox,
        kind=ReviewRound.Kind.EXPERT_PANEL,
        deadline=deadline,
        reviewers=[reviewer],
        by=editor,
    )
    rate_all(round_.invitations.get(), reviewer)
    services.move_toolbox(toolbox=toolbox, to_status=Status.PILOT, by=editor)
    services.move_toolbox(toolbox=toolbox, to_status=Status.TRAINEE_REVIEW, by=editor)
    round_ = services.open_review_round(
        toolbox=toolbox,
        kind=ReviewRound.Kind.TRAINEE_CITIES,
        deadline=deadline,
        reviewers=[coordinator],
        by=editor,
    )
    rate_all(round_.invitations.get(), coordinator)
    services.move_toolbox(toolbox=toolbox, to_status=Status.FINAL, by=editor)
    toolbox.refresh_from_db()
    return toolbox
