import io

import pytest
from django.core.management import call_command

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.programmes.demo import DEMO_PASSWORD, load_all_demo_data, load_demo
from equalcity.programmes.models import Participation, PilotSite, ProgrammeTarget, TargetGroup

pytestmark = pytest.mark.django_db

APPS = [
    "accounts",
    "programmes",
    "toolboxes",
    "referral",
    "public",
    "network",
    "training",
    "surveys",
    "translations",
    "monitoring",
]


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", *APPS, format="json", indent=None, stdout=out)
    return out.getvalue()


def test_loading_the_demo_twice_changes_nothing():
    load_all_demo_data()
    first = snapshot()
    load_all_demo_data()
    assert snapshot() == first


def test_the_demo_restores_what_was_changed():
    programme = load_demo()
    PilotSite.objects.filter(city="Rome").update(target_group=TargetGroup.MIGRANT_PARENTS)
    ProgrammeTarget.objects.filter(programme=programme).delete()
    load_demo()
    assert PilotSite.objects.get(city="Rome").target_group == TargetGroup.UNACCOMPANIED_CHILDREN
    assert ProgrammeTarget.objects.filter(programme=programme).count() == 5


def test_the_demo_holds_the_programme_facts():
    programme = load_demo()
    assert programme.lead_organisation.name == "IOM Belgium & Luxembourg"
    assert str(programme.starts_on) == "2019-11-25"
    assert str(programme.ends_on) == "2021-11-24"
    sites = {site.city: site for site in programme.pilot_sites.all()}
    assert {city: site.target_group for city, site in sites.items()} == {
        "Brussels": TargetGroup.LGBTQI_MIGRANTS,
        "Luxembourg": TargetGroup.WOMEN_GIRLS,
        "Rome": TargetGroup.UNACCOMPANIED_CHILDREN,
        "Gothenburg": TargetGroup.MIGRANT_PARENTS,
    }
    assert {p.name for p in sites["Rome"].partners.all()} == {
        "Sapienza University of Rome",
        "ETNA",
        "City of Rome",
    }
    trainees = Participation.objects.filter(
        programme=programme, kind=Participation.Kind.TRAINEE, target_group=TargetGroup.WOMEN_GIRLS
    )
    assert trainees.count() == 21
    assert {"Amsterdam", "Jesenice", "Local Councils' Association", "Warsaw"} <= set(
        trainees.values_list("organisation__name", flat=True)
    )
    networks = Organisation.objects.filter(kind=Organisation.Kind.CITY_NETWORK)
    assert set(networks.values_list("name", flat=True)) == {
        "Rainbow Cities",
        "Intercultural Cities",
        "UCLG",
        "Eurocities",
    }
    assert dict(programme.targets.values_list("measure", "value")) == {
        "frontline_workers_trained": 350,
        "children_trained": 200,
        "toolboxes": 4,
        "trainee_cities": 40,
        "cities_reached": 250,
    }


def test_one_demo_account_per_role_all_labelled_as_demo_data():
    programme = load_demo()
    memberships = Membership.objects.filter(programme=programme).select_related("user")
    assert sorted(m.role for m in memberships) == sorted(Role.values)
    for membership in memberships:
        assert membership.user.email.endswith("@demo.equalcity.example")
        assert "(demo data)" in membership.user.full_name
        assert membership.user.check_password(DEMO_PASSWORD)
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_command_prints_the_demo_log_ins():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "manager@demo.equalcity.example" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
