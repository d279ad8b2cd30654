import pytest

from equalcity.accounts.models import Role
from equalcity.monitoring.models import ActionItem, IndicatorValue, PartnerReport

pytestmark = pytest.mark.django_db

ALLOWED = {
    # permission, on: "programme" / "own" (a Femmes en Détresse report) / "other" report
    ("monitoring.view_dashboard", "programme"): set(Role.values),
    ("monitoring.view_reports", "programme"): {Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR},
    ("monitoring.view_report", "own"): {Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR},
    ("monitoring.view_report", "other"): {Role.PROGRAMME_MANAGER},
    ("monitoring.edit_report", "own"): {Role.PARTNER_EDITOR},
    ("monitoring.edit_report", "other"): set(),
    ("monitoring.submit_report", "own"): {Role.PARTNER_EDITOR},
    ("monitoring.submit_report", "other"): set(),
    ("monitoring.review_report", "own"): {Role.PROGRAMME_MANAGER},
    ("monitoring.view_late_partners", "programme"): {Role.PROGRAMME_MANAGER},
    ("monitoring.start_report", "programme"): {Role.PARTNER_EDITOR},
    ("monitoring.read_evidence", "own_value"): {Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR},
    ("monitoring.read_evidence", "other_value"): {Role.PROGRAMME_MANAGER},
    ("monitoring.manage_meetings", "programme"): {Role.PROGRAMME_MANAGER},
    ("monitoring.complete_action", "own_action"): {Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR},
    ("monitoring.complete_action", "other_action"): {Role.PROGRAMME_MANAGER},
}


def _value(slug):
    return IndicatorValue.objects.select_related("indicator").filter(organisation__slug=slug)[0]


def _action(slug):
    return ActionItem.objects.select_related("meeting").filter(owner__slug=slug)[0]


def test_permission_matrix(users, monitoring_demo):
    # One demo load for the whole matrix: every role × every action, allowed and refused.
    objects = {
        "programme": monitoring_demo,
        "own": PartnerReport.objects.filter(organisation__slug="femmes-en-detresse").first(),
        "other": PartnerReport.objects.filter(organisation__slug="rainbowhouse-brussels").first(),
        "own_value": _value("femmes-en-detresse"),
        "other_value": _value("rainbowhouse-brussels"),
        "own_action": _action("femmes-en-detresse"),
        "other_action": _action("sapienza-university"),
    }
    wrong = [
        (role, perm, on)
        for (perm, on), allowed in ALLOWED.items()
        for role in Role.values
        if users[role].has_perm(perm, objects[on]) is not (role in allowed)
    ]
    assert wrong == []


def test_anonymous_may_do_nothing(monitoring_demo):
    from django.contrib.auth.models import AnonymousUser

    assert not any(AnonymousUser().has_perm(perm, monitoring_demo) for perm, _on in ALLOWED)


def test_an_editor_of_another_organisation_is_refused_what_is_not_theirs(users, monitoring_demo):
    from equalcity.accounts.models import Membership, Organisation, User

    other = User.objects.create_user("other-editor@example.org", "pw")
    Membership.objects.create(
        user=other,
        programme=monitoring_demo,
        organisation=Organisation.objects.get(slug="rainbowhouse-brussels"),
        role=Role.PARTNER_EDITOR,
    )
    own = PartnerReport.objects.filter(organisation__slug="femmes-en-detresse").first()
    theirs = PartnerReport.objects.filter(organisation__slug="rainbowhouse-brussels").first()
    assert not other.has_perm("monitoring.edit_report", own)
    assert other.has_perm("monitoring.edit_report", theirs)
    assert not other.has_perm("monitoring.read_evidence", _value("femmes-en-detresse"))
    assert other.has_perm("monitoring.read_evidence", _value("rainbowhouse-brussels"))
    assert not other.has_perm("monitoring.complete_action", _action("femmes-en-detresse"))


def test_the_organisations_an_editor_edits_for_are_read_again_after_forget_roles(
    users, monitoring_demo, django_assert_num_queries
):
    from equalcity.accounts.permissions import forget_roles

    editor = users[Role.PARTNER_EDITOR]
    reports = list(
        PartnerReport.objects.filter(organisation__slug="femmes-en-detresse").select_related(
            "programme"
        )
    )
    assert editor.has_perm("monitoring.edit_report", reports[0])
    with django_assert_num_queries(0):  # read once, then kept for the request
        assert all(editor.has_perm("monitoring.edit_report", report) for report in reports)
    editor.memberships.filter(role=Role.PARTNER_EDITOR).update(is_active=False)
    forget_roles(editor)  # what the accounts services do after a membership changed
    assert not editor.has_perm("monitoring.edit_report", reports[0])
