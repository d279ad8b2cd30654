"""Every role × every action: allowed, or refused exactly like "not found"."""

import pytest

from equalcity.accounts.models import Membership, Role, User

pytestmark = pytest.mark.django_db

R = Role
ALL = set(Role.values)
EDITORS = {R.PROGRAMME_MANAGER, R.PARTNER_EDITOR}
MATRIX = {
    "toolboxes.view_draft": EDITORS | {R.EXPERT_REVIEWER, R.CITY_COORDINATOR},
    "toolboxes.change_toolbox": EDITORS,
    "toolboxes.move_toolbox": EDITORS,
    "toolboxes.publish_toolbox": {R.PROGRAMME_MANAGER},
    "toolboxes.open_round": EDITORS,
    "toolboxes.review_toolbox": {R.EXPERT_REVIEWER, R.CITY_COORDINATOR},
    "toolboxes.resolve_comment": EDITORS,
    "toolboxes.view_round_summary": EDITORS,
    "toolboxes.add_toolbox": EDITORS,
}


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_rules_matrix(perm, role, toolbox, demo_users, other_programme):
    user = demo_users[role]
    target = toolbox.programme if perm == "toolboxes.add_toolbox" else toolbox
    assert user.has_perm(perm, target) is (role in MATRIX[perm])
    # the same role in another programme gives nothing here
    stranger = User.objects.create_user(f"{role}@other.example", "x")
    Membership.objects.create(user=stranger, programme=other_programme, role=role)
    assert stranger.has_perm(perm, target) is False


PAGES = {
    "workspace": ("get", "/en/toolboxes/work/{slug}/", MATRIX["toolboxes.view_draft"]),
    "edit section": ("get", "/en/toolboxes/work/{slug}/sections/{section}/edit/", EDITORS),
    "draft section": (
        "get",
        "/en/toolboxes/work/{slug}/sections/{section}/",
        MATRIX["toolboxes.view_draft"],
    ),
    "add module": ("get", "/en/toolboxes/work/{slug}/modules/new/", EDITORS),
    "open round": ("get", "/en/toolboxes/work/{slug}/rounds/new/", EDITORS),
    "move": ("post", "/en/toolboxes/work/{slug}/move/", EDITORS),
    "publish": ("post", "/en/toolboxes/work/{slug}/publish/", {R.PROGRAMME_MANAGER}),
}


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", sorted(PAGES))
def test_pages_matrix(action, role, toolbox, demo_users, verified_client):
    method, template, allowed = PAGES[action]
    section = toolbox.modules.first().sections.first()
    url = template.format(slug=toolbox.slug, section=section.pk)
    client = verified_client(demo_users[role])
    data = {"to_status": "expert_review", "note": ""} if method == "post" else None
    answer = (
        getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    )
    if role in allowed:
        assert answer.status_code in (200, 302), (action, role, answer.status_code)
    else:
        assert answer.status_code == 404, (action, role, answer.status_code)


def test_a_draft_answers_like_a_missing_toolbox(toolbox, demo_users, verified_client):
    client = verified_client(demo_users[R.VIEWER])
    missing = client.get("/en/toolboxes/work/no-such-toolbox/")
    hidden = client.get(f"/en/toolboxes/work/{toolbox.slug}/")
    assert missing.status_code == hidden.status_code == 404
    assert client.get(f"/en/toolboxes/{toolbox.slug}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_for_drafts(toolbox, client):
    answer = client.get(f"/en/toolboxes/work/{toolbox.slug}/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_a_reviewer_not_invited_to_a_round_does_not_see_it(
    toolbox, demo_users, people, editor, verified_client
):
    from datetime import timedelta

    from django.utils import timezone

    from equalcity.toolboxes import services
    from equalcity.toolboxes.models import ReviewRound, Status

    services.move_toolbox(toolbox=toolbox, to_status=Status.EXPERT_REVIEW, by=editor)
    round_ = services.open_review_round(
        toolbox=toolbox,
        kind=ReviewRound.Kind.EXPERT_PANEL,
        deadline=timezone.localdate() + timedelta(days=1),
        reviewers=[people["expert2"]],
        by=editor,
    )
    url = f"/en/toolboxes/work/{toolbox.slug}/rounds/{round_.pk}/"
    assert verified_client(demo_users[R.EXPERT_REVIEWER]).get(url).status_code == 404
    assert verified_client(people["expert2"]).get(url).status_code == 200
    assert verified_client(demo_users[R.EXPERT_REVIEWER]).get(url + "summary/").status_code == 404
