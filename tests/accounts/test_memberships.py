import pytest

from equalcity.accounts import services
from equalcity.accounts.models import AuditEntry, Membership, Role

pytestmark = pytest.mark.django_db

MEMBERS = "/en/accounts/programmes/equalcity/members/"


def membership_of(user):
    return Membership.objects.get(user=user)


def test_a_manager_changes_a_role_and_it_is_audited(client, verified_client, manager, demo_users):
    worker = demo_users[Role.FRONTLINE_WORKER]
    verified_client(manager)
    response = client.post(f"{MEMBERS}{membership_of(worker).pk}/role/", {"role": Role.TRAINER})
    assert response.status_code == 302
    assert membership_of(worker).role == Role.TRAINER
    entry = AuditEntry.objects.get(action="accounts.membership.role_changed")
    assert entry.actor == manager
    assert entry.data == {"from": Role.FRONTLINE_WORKER, "to": Role.TRAINER}
    assert entry.programme_id == membership_of(worker).programme_id


def test_a_removed_role_stops_granting_access(client, verified_client, manager, demo_users, demo):
    viewer = demo_users[Role.VIEWER]
    verified_client(manager)
    client.post(f"{MEMBERS}{membership_of(viewer).pk}/active/", {"active": "0"})
    assert not membership_of(viewer).is_active
    viewer.refresh_from_db()
    assert not viewer.has_perm("accounts.view_programme", demo)
    assert AuditEntry.objects.filter(action="accounts.membership.deactivated").exists()


def test_the_last_manager_cannot_be_demoted(demo, manager, demo_users):
    other_manager_membership = Membership.objects.create(
        user=demo_users[Role.VIEWER], programme=demo, role=Role.PROGRAMME_MANAGER
    )
    services.set_membership_active(membership=other_manager_membership, active=False, by=manager)
    with pytest.raises(services.AccountsError) as refused:
        services.change_role(membership=membership_of(manager), role=Role.VIEWER, by=manager)
    assert refused.value.code == "last_manager"
    assert membership_of(manager).role == Role.PROGRAMME_MANAGER


def test_a_person_cannot_hold_the_same_role_twice(demo, manager, demo_users):
    Membership.objects.create(user=demo_users[Role.VIEWER], programme=demo, role=Role.TRAINER)
    with pytest.raises(services.AccountsError) as refused:
        services.change_role(
            membership=Membership.objects.get(user=demo_users[Role.VIEWER], role=Role.VIEWER),
            role=Role.TRAINER,
            by=manager,
        )
    assert refused.value.code == "duplicate_role"


def test_a_membership_of_another_programme_is_not_found(
    client, verified_client, manager, other_programme
):
    stranger = Membership.objects.create(
        user=Membership.objects.get(role=Role.TRAINER).user,
        programme=other_programme,
        role=Role.VIEWER,
    )
    verified_client(manager)
    response = client.post(f"{MEMBERS}{stranger.pk}/role/", {"role": Role.TRAINER})
    assert response.status_code == 404
    assert client.get("/en/accounts/programmes/other/members/").status_code == 404
    stranger.refresh_from_db()
    assert stranger.role == Role.VIEWER


def test_members_page_uses_a_constant_number_of_queries(
    client, verified_client, manager, demo, django_assert_max_num_queries
):
    verified_client(manager)
    client.get(MEMBERS)
    for index in range(15):
        services.invite_member(
            programme=demo,
            email=f"p{index}@partner.example",
            role=Role.VIEWER,
            organisation=None,
            by=manager,
        )
    with django_assert_max_num_queries(12):
        response = client.get(MEMBERS)
    assert response.status_code == 200
    assert "p14@partner.example" in response.content.decode()


def test_audit_log_page_lists_entries_for_the_manager_only(
    client, verified_client, manager, demo_users
):
    verified_client(manager)
    services.change_role(
        membership=membership_of(demo_users[Role.VIEWER]), role=Role.TRAINER, by=manager
    )
    body = client.get("/en/accounts/programmes/equalcity/audit/").content.decode()
    assert "accounts.membership.role_changed" in body
    assert AuditEntry.objects.filter(action="accounts.audit_log.viewed", actor=manager).exists()
    client.force_login(demo_users[Role.TRAINER])
    assert client.get("/en/accounts/programmes/equalcity/audit/").status_code == 404


def test_an_htmx_role_change_answers_with_the_row_alone(
    client, verified_client, manager, demo_users
):
    worker_membership = membership_of(demo_users[Role.FRONTLINE_WORKER])
    verified_client(manager)
    response = client.post(
        f"{MEMBERS}{worker_membership.pk}/role/", {"role": Role.VIEWER}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith(f'<tr id="membership-{worker_membership.pk}">')
    assert "<html" not in body
    assert "was changed" in body
    assert membership_of(demo_users[Role.FRONTLINE_WORKER]).role == Role.VIEWER


def test_an_htmx_refusal_is_shown_in_the_row(client, verified_client, manager, demo_users):
    worker_membership = membership_of(demo_users[Role.FRONTLINE_WORKER])
    verified_client(manager)
    response = client.post(
        f"{MEMBERS}{worker_membership.pk}/role/", {"role": "emperor"}, HTTP_HX_REQUEST="true"
    )
    assert "Choose one of the listed roles" in response.content.decode()
    assert membership_of(demo_users[Role.FRONTLINE_WORKER]).role == Role.FRONTLINE_WORKER
