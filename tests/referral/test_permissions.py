"""Who may do what in the referral app: every role against every permission."""

import pytest

from equalcity.accounts.models import Role

pytestmark = pytest.mark.django_db

PM, PE, ER, TR, FW, CC, VW = (
    Role.PROGRAMME_MANAGER,
    Role.PARTNER_EDITOR,
    Role.EXPERT_REVIEWER,
    Role.TRAINER,
    Role.FRONTLINE_WORKER,
    Role.CITY_COORDINATOR,
    Role.VIEWER,
)
ALL = {PM, PE, ER, TR, FW, CC, VW}
MATRIX = {
    "referral.search_services": ALL,
    "referral.view_pathway": ALL,
    "referral.import_directory": {PM, PE},
    "referral.export_directory": {PM, PE},
    "referral.edit_pathway": {PM, PE, CC},
    "referral.create_slip": {PM, PE, FW, CC},
    "referral.update_slip": ALL,
    "referral.view_referral_counts": {PM},
    "referral.assess_safe_space": {PM, PE, CC},
}


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_each_role_gets_exactly_its_permissions(demo_users, demo, other_programme, perm):
    for role, user in demo_users.items():
        assert user.has_perm(perm, demo) is (role in MATRIX[perm]), (perm, role)
        assert not user.has_perm(perm, other_programme), (perm, role)
