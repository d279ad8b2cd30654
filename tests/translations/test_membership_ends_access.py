"""A translator assignment hangs off the membership: when the membership ends, so does the
translator's access, on every page, file and permission."""

import pytest
import rules

from equalcity.accounts.models import Membership
from equalcity.translations.models import TranslatorAssignment
from equalcity.translations.permissions import Target

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    "translations.view_dashboard",
    "translations.translate_unit",
    "translations.review_unit",
    "translations.export_file",
    "translations.import_file",
]


def pages(toolbox):
    base = f"/en/translations/{toolbox.slug}"
    return [f"{base}/", f"{base}/fr/", f"{base}/fr/export/po/", f"{base}/fr/export/xliff2/"]


def test_a_member_translator_reads_and_a_former_member_gets_not_found(client, toolbox, translator):
    client.force_login(translator)
    assert [client.get(url).status_code for url in pages(toolbox)] == [200, 200, 200, 200]

    Membership.objects.filter(user=translator, programme=toolbox.programme).update(is_active=False)

    assert TranslatorAssignment.objects.filter(user=translator).exists()  # kept, not in force
    assert not TranslatorAssignment.objects.in_force().filter(user=translator).exists()
    assert [client.get(url).status_code for url in pages(toolbox)] == [404, 404, 404, 404]
    base = f"/en/translations/{toolbox.slug}/fr"
    assert client.post(f"{base}/save/", {"unit": "toolbox:title", "text": "x"}).status_code == 404
    assert client.post(f"{base}/import/", {}).status_code == 404
    assert "Tess" not in client.get(f"/en/translations/{toolbox.slug}/fr/").content.decode()


def test_the_rules_refuse_a_former_member_and_a_deactivated_account(toolbox, translator):
    target = Target(toolbox, "fr")
    assert all(rules.has_perm(perm, translator, target) for perm in PERMISSIONS)

    membership = Membership.objects.get(user=translator, programme=toolbox.programme)
    membership.is_active = False
    membership.save()
    for perm in PERMISSIONS:
        translator.__dict__.pop("_equalcity_translator", None)
        assert not rules.has_perm(perm, translator, target), perm

    membership.is_active = True
    membership.save()
    translator.is_active = False
    translator.save()
    translator.__dict__.pop("_equalcity_translator", None)
    assert not any(rules.has_perm(perm, translator, target) for perm in PERMISSIONS)
