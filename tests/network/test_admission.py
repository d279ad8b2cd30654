"""Approving an application admits the organisation through the programmes service: the
organisation and its participations are written by their own apps, audited there, and a
refusal leaves nothing half-written."""

import pytest

from equalcity.accounts.models import AuditEntry, Membership, Organisation, User
from equalcity.network import services
from equalcity.network.models import Application, CityProfile
from equalcity.programmes.models import Participation, TargetGroup
from tests.network.test_services import apply

pytestmark = pytest.mark.django_db


def test_approval_admits_through_the_programmes_service(network, manager):
    application = apply(network, tracks=[TargetGroup.WOMEN_GIRLS, TargetGroup.MIGRANT_PARENTS])
    profile = services.approve_application(application=application, by=manager)
    organisation = profile.organisation
    assert (organisation.name, str(organisation.country), organisation.city) == (
        "Ghent",
        "BE",
        "Ghent",
    )
    assert organisation.kind == Organisation.Kind.CITY_ADMINISTRATION
    created = AuditEntry.objects.get(action="accounts.organisation.created")
    assert created.object_id == str(organisation.pk) and created.actor == manager
    admitted = AuditEntry.objects.get(action="programmes.organisation.admitted")
    assert admitted.programme == network and admitted.actor == manager
    assert admitted.data == {
        "participation": "trainee",
        "tracks": sorted([TargetGroup.MIGRANT_PARENTS, TargetGroup.WOMEN_GIRLS]),
    }


def test_an_organisation_known_from_elsewhere_is_reused(network, manager, other_programme):
    known = Organisation.objects.create(
        name="GHENT", slug="ghent-known", kind=Organisation.Kind.TRAINEE, country="BE"
    )
    Participation.objects.create(
        programme=other_programme, organisation=known, kind=Participation.Kind.TRAINEE
    )
    profile = services.approve_application(application=apply(network), by=manager)
    assert profile.organisation == known
    assert Organisation.objects.filter(name__iexact="ghent", country="BE").count() == 1
    assert not AuditEntry.objects.filter(action="accounts.organisation.created").exists()
    assert Participation.objects.filter(programme=network, organisation=known).count() == 1


def test_a_refused_admission_writes_nothing(network, manager):
    application = apply(network)
    # a manager whose role was taken away while the page was open
    Membership.objects.filter(user=manager, programme=network).update(is_active=False)
    manager = User.objects.get(pk=manager.pk)
    with pytest.raises(services.NetworkError) as refused:
        services.approve_application(application=application, by=manager)
    assert refused.value.code == "not_allowed"
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert not Organisation.objects.filter(name="Ghent").exists()
    assert not CityProfile.objects.filter(organisation__name="Ghent").exists()
    assert not AuditEntry.objects.filter(action__startswith="programmes.").exists()
