import pytest
from django.contrib.auth.models import AnonymousUser

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.network import services
from equalcity.programmes.models import TargetGroup

pytestmark = pytest.mark.django_db

MANAGER_ONLY = [
    "network.view_applications",
    "network.decide_application",
    "network.change_stage",
    "network.manage_event",
]
OTHERS = [
    "network.view_contact_details",
    "network.view_trainee_material",
    "network.write_story",
]

# role -> (view_contact_details, view_trainee_material, the manager-only permissions)
MATRIX = {
    Role.PROGRAMME_MANAGER: (True, True, True),
    Role.PARTNER_EDITOR: (True, True, False),
    Role.EXPERT_REVIEWER: (True, True, False),
    Role.TRAINER: (True, True, False),
    Role.FRONTLINE_WORKER: (True, True, False),
    Role.CITY_COORDINATOR: (True, True, False),  # Vienna: an approved trainee city
    Role.VIEWER: (True, True, False),
}


WRITERS = {Role.PROGRAMME_MANAGER, Role.PARTNER_EDITOR}


@pytest.mark.parametrize("role", list(MATRIX), ids=str)
def test_each_role(network, demo_users, role):
    user = demo_users[role]
    contact, material, manages = MATRIX[role]
    assert user.has_perm("network.view_contact_details", network) is contact
    assert user.has_perm("network.view_trainee_material", network) is material
    for perm in MANAGER_ONLY:
        assert user.has_perm(perm, network) is manages, perm
    assert user.has_perm("network.write_story", network) is (role in WRITERS)


def test_anonymous_visitors_hold_no_permission(network):
    visitor = AnonymousUser()
    for perm in [*MANAGER_ONLY, *OTHERS]:
        assert not visitor.has_perm(perm, network), perm


def test_no_permission_in_another_programme(network, other_programme, demo_users):
    for user in demo_users.values():
        for perm in [
            *MANAGER_ONLY,
            "network.view_contact_details",
            "network.view_trainee_material",
        ]:
            assert not user.has_perm(perm, other_programme), (user, perm)


@pytest.fixture
def applicant_coordinator(network):
    """A coordinator whose organisation has applied but is not approved yet."""
    application = services.submit_application(
        programme=network,
        organisation_name="Ghent",
        organisation_kind="city_administration",
        country="BE",
        city="Ghent",
        contact_name="Coordinator",
        contact_email="coordinator@ghent.example",
        tracks=[TargetGroup.WOMEN_GIRLS],
    )
    organisation = Organisation.objects.create(
        name="Ghent", slug="ghent", kind=Organisation.Kind.CITY_ADMINISTRATION, country="BE"
    )
    user = User.objects.create_user("coordinator@ghent.example", "x")
    Membership.objects.create(
        user=user, programme=network, organisation=organisation, role=Role.CITY_COORDINATOR
    )
    return user, application


def test_an_unapproved_organisation_cannot_reach_trainee_material(network, applicant_coordinator):
    user, _application = applicant_coordinator
    assert not user.has_perm("network.view_trainee_material", network)


def test_approval_opens_the_trainee_material(network, manager, applicant_coordinator):
    user, application = applicant_coordinator
    services.approve_application(application=application, by=manager)
    user = User.objects.get(pk=user.pk)  # roles are cached per request
    assert user.has_perm("network.view_trainee_material", network)


def test_a_coordinator_without_an_organisation_is_not_approved(network):
    user = User.objects.create_user("lonely@example.org", "x")
    Membership.objects.create(user=user, programme=network, role=Role.CITY_COORDINATOR)
    assert not user.has_perm("network.view_trainee_material", network)
