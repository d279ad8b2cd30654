"""Who may do what in the surveys app: every role against every permission and page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

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
    "surveys.view_surveys": ALL,
    "surveys.view_results": ALL,
    "surveys.view_free_text": ALL,
    "surveys.import_survey": {PM, PE},
    "surveys.change_survey": {PM, PE},
    "surveys.export_results": {PM},
    "surveys.view_focus_groups": ALL,
    "surveys.record_focus_group": {PM, PE},
}


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_each_role_gets_exactly_its_permissions(demo_users, demo, other_programme, perm):
    for role, user in demo_users.items():
        assert user.has_perm(perm, demo) is (role in MATRIX[perm]), (perm, role)
        assert not user.has_perm(perm, other_programme), (perm, role)
    assert not AnonymousUser().has_perm(perm, demo)


@pytest.mark.parametrize(
    ("name", "perm"),
    [
        ("surveys:list", "surveys.view_surveys"),
        ("surveys:import", "surveys.import_survey"),
        ("surveys:focus-groups", "surveys.view_focus_groups"),
        ("surveys:new-focus-group", "surveys.record_focus_group"),
    ],
)
def test_pages_answer_by_role_and_not_yours_is_not_found(
    verified_client, demo_users, other_programme, name, perm
):
    for role, user in demo_users.items():
        client = verified_client(user)
        status = client.get(reverse(name, args=["equalcity"])).status_code
        assert status == (200 if role in MATRIX[perm] else 404), (name, role)
        assert client.get(reverse(name, args=[other_programme.slug])).status_code == 404


def test_a_survey_of_another_programme_is_not_found(
    verified_client, manager, demo_survey, other_programme
):
    client = verified_client(manager)
    for name in ("surveys:detail", "surveys:results", "surveys:summary-csv"):
        assert (
            client.get(
                reverse(name, args=[other_programme.slug, demo_survey.public_id])
            ).status_code
            == 404
        )
    url = reverse("surveys:export", args=[other_programme.slug, demo_survey.public_id, "csv"])
    assert client.get(url).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, demo_survey):
    response = client.get(reverse("surveys:results", args=["equalcity", demo_survey.public_id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
