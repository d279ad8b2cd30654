"""Admitting an organisation to a programme (``programmes.services.admit_organisation``) and
finding or creating the organisation itself (``accounts.services.get_or_create_organisation``)."""

import pytest

from equalcity.accounts.models import AuditEntry, Organisation, Role
from equalcity.accounts.services import AccountsError, get_or_create_organisation
from equalcity.programmes.models import Participation, TargetGroup
from equalcity.programmes.services import ProgrammeError, admit_organisation

pytestmark = pytest.mark.django_db

TRAINEE = Participation.Kind.TRAINEE


def _admit(programme, by, **values):
    data = {
        "programme": programme,
        "name": "  Ghent ",
        "kind": Organisation.Kind.CITY_ADMINISTRATION,
        "country": "BE",
        "city": "Ghent",
        "tracks": [TargetGroup.WOMEN_GIRLS],
        "by": by,
    }
    data.update(values)
    return admit_organisation(**data)


def _audits(action):
    return AuditEntry.objects.filter(action=action).count()


def test_a_new_organisation_is_created_and_takes_part_in_each_track(demo, manager):
    admission = _admit(demo, manager, tracks=[TargetGroup.WOMEN_GIRLS, TargetGroup.MIGRANT_PARENTS])
    organisation = admission.organisation
    assert (organisation.name, organisation.slug, organisation.city) == (
        "Ghent",
        "ghent-be",
        "Ghent",
    )
    assert admission.organisation_created and admission.participations_created == 2
    assert set(
        Participation.objects.filter(programme=demo, organisation=organisation).values_list(
            "kind", "target_group"
        )
    ) == {(TRAINEE, TargetGroup.WOMEN_GIRLS), (TRAINEE, TargetGroup.MIGRANT_PARENTS)}
    assert {p.pk for p in admission.participations} == set(
        Participation.objects.filter(organisation=organisation).values_list("pk", flat=True)
    )
    assert (
        _audits("accounts.organisation.created"),
        _audits("programmes.organisation.admitted"),
    ) == (1, 1)


def test_admitting_again_changes_nothing_and_a_new_track_adds_one(demo, manager):
    first = _admit(demo, manager)
    again = _admit(demo, manager, name="GHENT")
    assert again.organisation == first.organisation
    assert not again.organisation_created and again.participations_created == 0
    assert [p.pk for p in again.participations] == [p.pk for p in first.participations]
    assert _audits("programmes.organisation.admitted") == 1
    assert _audits("accounts.organisation.created") == 1

    more = _admit(demo, manager, tracks=[TargetGroup.WOMEN_GIRLS, TargetGroup.MIGRANT_PARENTS])
    assert more.participations_created == 1
    assert Participation.objects.filter(organisation=first.organisation).count() == 2
    entry = AuditEntry.objects.filter(action="programmes.organisation.admitted").latest("pk")
    assert entry.data["tracks"] == [TargetGroup.MIGRANT_PARENTS]


def test_without_a_track_one_participation_is_made(demo, manager):
    admission = _admit(
        demo,
        manager,
        name="Network of Cities",
        kind=Organisation.Kind.CITY_NETWORK,
        country="",
        participation=Participation.Kind.CITY_NETWORK,
        tracks=[],
    )
    assert [(p.kind, p.target_group) for p in admission.participations] == [
        (Participation.Kind.CITY_NETWORK, "")
    ]


def test_an_existing_organisation_keeps_its_kind_and_city(demo, manager):
    known = Organisation.objects.create(
        name="Ghent",
        slug="stad-gent",
        kind=Organisation.Kind.PARTNER_NGO,
        country="BE",
        city="Gent",
    )
    admission = _admit(demo, manager)
    assert admission.organisation == known
    known.refresh_from_db()
    assert (known.kind, known.city) == (Organisation.Kind.PARTNER_NGO, "Gent")


@pytest.mark.parametrize(
    ("values", "error", "code"),
    [
        ({"tracks": ["women_girls", "aliens"]}, ProgrammeError, "unknown_track"),
        ({"participation": "sponsor"}, ProgrammeError, "unknown_participation"),
        ({"name": "   "}, AccountsError, "name_required"),
        ({"kind": "club"}, AccountsError, "unknown_kind"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(demo, manager, values, error, code):
    before = (
        Organisation.objects.count(),
        Participation.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(error) as refused:
        _admit(demo, manager, **values)
    assert refused.value.code == code
    after = (
        Organisation.objects.count(),
        Participation.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME_MANAGER])
def test_only_a_programme_manager_admits(demo, demo_users, role):
    with pytest.raises(ProgrammeError) as refused:
        _admit(demo, demo_users[role])
    assert refused.value.code == "not_allowed"
    assert not Organisation.objects.filter(name="Ghent").exists()


def test_a_manager_of_another_programme_cannot_admit_here(demo, other_programme, manager):
    with pytest.raises(ProgrammeError):
        _admit(other_programme, manager)
    assert not Participation.objects.filter(programme=other_programme).exists()


def test_organisation_slugs_stay_unique(demo, manager):
    Organisation.objects.create(
        name="Ghent BE", slug="ghent-be", kind=Organisation.Kind.TRAINEE, country="NL"
    )
    organisation, created = get_or_create_organisation(
        name="Ghent", kind=Organisation.Kind.CITY_ADMINISTRATION, country="BE", by=manager
    )
    assert created and organisation.slug == "ghent-be-2"
    same, created_again = get_or_create_organisation(
        name="ghent", kind=Organisation.Kind.TRAINEE, country="BE", by=manager
    )
    assert same == organisation and not created_again
    other, _created = get_or_create_organisation(
        name="Ghent", kind=Organisation.Kind.CITY_ADMINISTRATION, country="US", by=manager
    )
    assert other != organisation and other.slug == "ghent-us"
