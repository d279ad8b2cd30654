"""Every role against every accounts permission, allowed and refused."""

import pytest
from django.contrib.auth.models import AnonymousUser

from equalcity.accounts.models import Membership, Role, User
from equalcity.accounts.permissions import (
    is_city_coordinator,
    is_expert_reviewer,
    is_frontline_worker,
    is_member,
    is_partner_editor,
    is_programme_manager,
    is_trainer,
    is_viewer,
)

pytestmark = pytest.mark.django_db

ROLE_PREDICATES = {
    Role.PROGRAMME_MANAGER: is_programme_manager,
    Role.PARTNER_EDITOR: is_partner_editor,
    Role.EXPERT_REVIEWER: is_expert_reviewer,
    Role.TRAINER: is_trainer,
    Role.FRONTLINE_WORKER: is_frontline_worker,
    Role.CITY_COORDINATOR: is_city_coordinator,
    Role.VIEWER: is_viewer,
}

MANAGER_ONLY = [
    "accounts.view_members",
    "accounts.invite_member",
    "accounts.view_audit_log",
]


@pytest.mark.parametrize("role", Role.values)
def test_each_role_predicate_holds_for_its_role_only(demo, demo_users, role):
    user = demo_users[role]
    for other_role, predicate in ROLE_PREDICATES.items():
        assert predicate(user, demo) is (other_role == role), (role, other_role)
    assert is_member(user, demo)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("perm", MANAGER_ONLY)
def test_manager_permissions_matrix(demo, demo_users, role, perm):
    assert demo_users[role].has_perm(perm, demo) is (role == Role.PROGRAMME_MANAGER)


@pytest.mark.parametrize("role", Role.values)
def test_every_member_may_view_the_programme(demo, demo_users, role):
    assert demo_users[role].has_perm("accounts.view_programme", demo)


@pytest.mark.parametrize("role", Role.values)
def test_only_a_manager_may_change_someone_elses_membership(demo, demo_users, role):
    worker_membership = Membership.objects.get(user=demo_users[Role.FRONTLINE_WORKER])
    allowed = demo_users[role].has_perm("accounts.change_membership", worker_membership)
    assert allowed is (role == Role.PROGRAMME_MANAGER)


def test_a_manager_may_not_change_their_own_membership(demo, manager):
    own = Membership.objects.get(user=manager)
    assert not manager.has_perm("accounts.change_membership", own)


def test_roles_do_not_reach_another_programme(manager, other_programme):
    assert not is_member(manager, other_programme)
    assert not manager.has_perm("accounts.view_members", other_programme)


def test_an_inactive_membership_or_account_grants_nothing(demo, demo_users):
    trainer = demo_users[Role.TRAINER]
    Membership.objects.filter(user=trainer).update(is_active=False)
    trainer = User.objects.get(pk=trainer.pk)
    assert not is_trainer(trainer, demo)
    manager = User.objects.get(email__startswith="manager@")
    manager.is_active = False
    assert not is_programme_manager(manager, demo)


def test_anonymous_visitors_have_no_role(demo):
    assert not is_member(AnonymousUser(), demo)
    assert not AnonymousUser().has_perm("accounts.view_members", demo)


def test_roles_are_read_once_per_request(demo, manager, django_assert_num_queries):
    user = User.objects.get(pk=manager.pk)
    with django_assert_num_queries(1):
        for predicate in ROLE_PREDICATES.values():
            predicate(user, demo)
