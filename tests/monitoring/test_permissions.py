import pytest

from equalcity.accounts.models import Role
from equalcity.monitoring.models import PartnerReport

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
}


def test_permission_matrix(users, monitoring_demo):
    # One demo load for the whole matrix: every role × every action, allowed and refused.
    objects = {
        "programme": monitoring_demo,
        "own": PartnerReport.objects.filter(organisation__slug="femmes-en-detresse").first(),
        "other": PartnerReport.objects.filter(organisation__slug="rainbowhouse-brussels").first(),
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
