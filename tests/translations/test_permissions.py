"""Every role × every translations permission, allowed and refused."""

import pytest
import rules

from equalcity.accounts.models import Role
from equalcity.translations.permissions import Target

pytestmark = pytest.mark.django_db

LEAD = {Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR}
EXPECTED = {
    # permission: (roles allowed, French translator allowed for fr, for ar)
    "translations.view_dashboard": (LEAD, True, True),
    "translations.translate_unit": (LEAD, True, False),
    "translations.review_unit": ({Role.PROGRAMME_MANAGER}, True, False),
    "translations.export_file": (LEAD, True, False),
    "translations.import_file": ({Role.PROGRAMME_MANAGER}, True, False),
    "translations.manage_languages": ({Role.PROGRAMME_MANAGER}, False, False),
}


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_matrix(perm, people, toolbox, translator, other_programme):
    allowed_roles, translator_fr, translator_ar = EXPECTED[perm]
    fr, ar = Target(toolbox, "fr"), Target(toolbox, "ar")
    obj = toolbox.programme if perm == "translations.manage_languages" else fr
    for role in Role.values:
        assert rules.has_perm(perm, people[role], obj) is (role in allowed_roles), (perm, role)
    assert rules.has_perm(perm, translator, obj) is translator_fr
    if perm != "translations.manage_languages":
        assert rules.has_perm(perm, translator, ar) is translator_ar
    # nobody's role carries over to another programme
    for role in Role.values:
        assert not rules.has_perm(perm, people[role], other_programme)
