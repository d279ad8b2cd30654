"""The Equalcity demo programme.

The programme, its dates, lead agency, pilot cities, partners, target groups,
trainee cities, city networks and targets are public facts of the EU-funded
Equalcity project (IOM Belgium & Luxembourg, 2019-2021). The people are not:
every demo account is labelled as demo data and uses the reserved
``.example`` domain.

Loading is idempotent: a second run finds everything in place and writes nothing.
"""

from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from equalcity.accounts.models import Membership, Organisation, Role, User
from equalcity.programmes.models import Participation, PilotSite, Programme, ProgrammeTarget
from equalcity.programmes.models import TargetGroup as TG

DEMO_DOMAIN = "demo.equalcity.example"
DEMO_PASSWORD = "equalcity-demo"  # noqa: S105 - a published demo credential, refused in production
Kind = Organisation.Kind

ORGANISATIONS = [
    # slug, name, kind, country, city
    ("iom-belgium-luxembourg", "IOM Belgium & Luxembourg", Kind.LEAD_AGENCY, "BE", "Brussels"),
    ("rainbowhouse-brussels", "RainbowHouse Brussels", Kind.PARTNER_NGO, "BE", "Brussels"),
    (
        "brussels-capital-region",
        "Brussels-Capital Region",
        Kind.CITY_ADMINISTRATION,
        "BE",
        "Brussels",
    ),
    ("femmes-en-detresse", "Femmes en Détresse", Kind.PARTNER_NGO, "LU", "Luxembourg"),
    ("city-of-luxembourg", "City of Luxembourg", Kind.CITY_ADMINISTRATION, "LU", "Luxembourg"),
    ("sapienza-university", "Sapienza University of Rome", Kind.UNIVERSITY, "IT", "Rome"),
    ("etna", "ETNA", Kind.PARTNER_NGO, "IT", "Rome"),
    ("city-of-rome", "City of Rome", Kind.CITY_ADMINISTRATION, "IT", "Rome"),
    ("city-of-gothenburg", "City of Gothenburg", Kind.CITY_ADMINISTRATION, "SE", "Gothenburg"),
]

PILOT_SITES = [
    # city, country, target group, partner slugs
    ("Brussels", "BE", TG.LGBTQI_MIGRANTS, ["rainbowhouse-brussels", "brussels-capital-region"]),
    ("Luxembourg", "LU", TG.WOMEN_GIRLS, ["femmes-en-detresse", "city-of-luxembourg"]),
    ("Rome", "IT", TG.UNACCOMPANIED_CHILDREN, ["sapienza-university", "etna", "city-of-rome"]),
    ("Gothenburg", "SE", TG.MIGRANT_PARENTS, ["city-of-gothenburg"]),
]

# The trainee cities and organisations of the migrant women and girls track.
TRAINEES_WOMEN_GIRLS = [
    # name, country, city
    ("Amsterdam", "NL", "Amsterdam"),
    ("Association for Legal Intervention", "PL", "Warsaw"),
    ("Copenhagen", "DK", "Copenhagen"),
    ("Hannover", "DE", "Hannover"),
    ("Heraklion", "GR", "Heraklion"),
    ("Jesenice", "SI", "Jesenice"),
    ("Leipzig", "DE", "Leipzig"),
    ("Limassol", "CY", "Limassol"),
    ("Local Councils' Association", "MT", ""),
    ("Namur", "BE", "Namur"),
    ("Neapolis-Sykeon", "GR", "Neapolis-Sykeon"),
    ("Nuremberg", "DE", "Nuremberg"),
    ("Paris", "FR", "Paris"),
    ("Piraeus", "GR", "Piraeus"),
    ("Sheffield", "GB", "Sheffield"),
    ("Thessaloniki", "GR", "Thessaloniki"),
    ("Toulouse", "FR", "Toulouse"),
    ("Turin", "IT", "Turin"),
    ("Turku", "FI", "Turku"),
    ("Vienna", "AT", "Vienna"),
    ("Warsaw", "PL", "Warsaw"),
]

CITY_NETWORKS = [
    ("rainbow-cities", "Rainbow Cities"),
    ("intercultural-cities", "Intercultural Cities"),
    ("uclg", "UCLG"),
    ("eurocities", "Eurocities"),
]

TARGETS = [
    (ProgrammeTarget.Measure.FRONTLINE_WORKERS_TRAINED, 350),
    (ProgrammeTarget.Measure.CHILDREN_TRAINED, 200),
    (ProgrammeTarget.Measure.TOOLBOXES, 4),
    (ProgrammeTarget.Measure.TRAINEE_CITIES, 40),
    (ProgrammeTarget.Measure.CITIES_REACHED, 250),
]


@dataclass(frozen=True)
class DemoAccount:
    local_part: str
    role: str
    organisation_slug: str | None
    label: str

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


DEMO_ACCOUNTS = [
    DemoAccount(
        "manager", Role.PROGRAMME_MANAGER, "iom-belgium-luxembourg", "Demo programme manager"
    ),
    DemoAccount("editor", Role.PARTNER_EDITOR, "femmes-en-detresse", "Demo partner editor"),
    DemoAccount("reviewer", Role.EXPERT_REVIEWER, None, "Demo expert reviewer"),
    DemoAccount("trainer", Role.TRAINER, "sapienza-university", "Demo trainer"),
    DemoAccount("worker", Role.FRONTLINE_WORKER, "city-of-gothenburg", "Demo frontline worker"),
    DemoAccount("coordinator", Role.CITY_COORDINATOR, "trainee-vienna", "Demo city coordinator"),
    DemoAccount("viewer", Role.VIEWER, "brussels-capital-region", "Demo viewer"),
]


def _upsert(model, lookup: dict, values: dict):
    """Create, or update only the fields that differ: a second run writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        field_names = {f.name for f in model._meta.concrete_fields}
        extra = ["updated_at"] if "updated_at" in field_names else []
        obj.save(update_fields=changed + extra)
    return obj


def _slug(name: str) -> str:
    return "trainee-" + slugify(name.replace("'", ""))


@transaction.atomic
def load_demo() -> Programme:
    organisations = {
        slug: _upsert(
            Organisation,
            {"slug": slug},
            {"name": name, "kind": kind, "country": country, "city": city},
        )
        for slug, name, kind, country, city in ORGANISATIONS
    }
    programme = _upsert(
        Programme,
        {"slug": "equalcity"},
        {
            "name": "Equalcity",
            "summary": (
                "Cities against sexual and gender-based violence in migrant communities: "
                "four toolboxes drafted in the pilot cities, reviewed by expert panels and "
                "trainee cities, piloted in trainings of frontline workers, translated and "
                "spread through European city networks."
            ),
            "lead_organisation": organisations["iom-belgium-luxembourg"],
            "funder": "the European Union",
            "starts_on": date(2019, 11, 25),
            "ends_on": date(2021, 11, 24),
        },
    )
    for position, (city, country, target_group, partner_slugs) in enumerate(PILOT_SITES):
        site = _upsert(
            PilotSite,
            {"programme": programme, "city": city},
            {"country": country, "target_group": target_group, "position": position},
        )
        site.partners.set([organisations[slug] for slug in partner_slugs])
    for name, country, city in TRAINEES_WOMEN_GIRLS:
        organisation = _upsert(
            Organisation,
            {"slug": _slug(name)},
            {"name": name, "kind": Kind.TRAINEE, "country": country, "city": city},
        )
        organisations[organisation.slug] = organisation
        _upsert(
            Participation,
            {
                "programme": programme,
                "organisation": organisation,
                "kind": Participation.Kind.TRAINEE,
                "target_group": TG.WOMEN_GIRLS,
            },
            {},
        )
    for slug, name in CITY_NETWORKS:
        network = _upsert(Organisation, {"slug": slug}, {"name": name, "kind": Kind.CITY_NETWORK})
        _upsert(
            Participation,
            {
                "programme": programme,
                "organisation": network,
                "kind": Participation.Kind.CITY_NETWORK,
                "target_group": "",
            },
            {},
        )
    for position, (measure, value) in enumerate(TARGETS):
        _upsert(
            ProgrammeTarget,
            {"programme": programme, "measure": measure},
            {"value": value, "position": position},
        )
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=account.email).first()
        if user is None:
            user = User.objects.create_user(
                account.email,
                DEMO_PASSWORD,
                full_name=f"{account.label} (demo data)",
            )
        _upsert(
            Membership,
            {"user": user, "programme": programme, "role": account.role},
            {
                "organisation": organisations.get(account.organisation_slug),
                "is_active": True,
            },
        )
    return programme


@transaction.atomic
def load_all_demo_data() -> Programme:
    """The programme, then each app's demo data (``settings.DEMO_LOADERS``), in one transaction."""
    programme = load_demo()
    for module_path in settings.DEMO_LOADERS:
        import_module(module_path).load_demo(programme=programme)
    return programme
