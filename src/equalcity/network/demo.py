"""Demo data of this app, loaded by `equalcity load_demo` after the programme.

Facts: the pilot cities and the 21 trainee cities of the migrant women and girls track
(from the programmes demo), their coordinates (public geography) and the four city
networks. Demo data, and labelled so: contact persons, speakers, event titles and texts,
stories, the dates cities joined, their stage, and which city network each belongs to
(illustrative, not a statement about real memberships).

Idempotent: a second run finds everything in place and writes nothing.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from equalcity.accounts.models import Organisation
from equalcity.network.models import (
    STAGE_ORDER,
    CityProfile,
    Event,
    Registration,
    Speaker,
    Stage,
    StageChange,
    Story,
)
from equalcity.programmes.demo import DEMO_DOMAIN, TRAINEES_WOMEN_GIRLS, _slug, _upsert

BRUSSELS = ZoneInfo("Europe/Brussels")
DEMO_CONTACT = "Demo contact (demo data)"
DEMO_SPEAKER = "Demo speaker (demo data)"

# organisation slug, latitude, longitude
PILOT_CITIES = [
    ("brussels-capital-region", "50.85045", "4.34878"),
    ("city-of-luxembourg", "49.61162", "6.13193"),
    ("city-of-rome", "41.89193", "12.51133"),
    ("city-of-gothenburg", "57.70887", "11.97456"),
]

COORDINATES = {
    "Amsterdam": ("52.37403", "4.88969"),
    "Association for Legal Intervention": ("52.22977", "21.01178"),
    "Copenhagen": ("55.67594", "12.56553"),
    "Hannover": ("52.37052", "9.73322"),
    "Heraklion": ("35.33908", "25.13232"),
    "Jesenice": ("46.43611", "14.05278"),
    "Leipzig": ("51.33962", "12.37129"),
    "Limassol": ("34.68406", "33.03794"),
    "Local Councils' Association": ("35.89968", "14.51470"),
    "Namur": ("50.46690", "4.86746"),
    "Neapolis-Sykeon": ("40.65500", "22.94306"),
    "Nuremberg": ("49.45421", "11.07752"),
    "Paris": ("48.85341", "2.34880"),
    "Piraeus": ("37.94745", "23.63708"),
    "Sheffield": ("53.38297", "-1.46590"),
    "Thessaloniki": ("40.64028", "22.94389"),
    "Toulouse": ("43.60426", "1.44367"),
    "Turin": ("45.07049", "7.68682"),
    "Turku": ("60.45148", "22.26869"),
    "Vienna": ("48.20849", "16.37208"),
    "Warsaw": ("52.22977", "21.01178"),
}

# Illustrative memberships (demo data), so that the network filter has something to show.
DEMO_NETWORKS = {
    "eurocities": [
        "brussels-capital-region", "city-of-rome", "city-of-gothenburg", "trainee-amsterdam",
        "trainee-copenhagen", "trainee-hannover", "trainee-leipzig", "trainee-nuremberg",
        "trainee-paris", "trainee-turin", "trainee-vienna", "trainee-warsaw",
    ],
    "rainbow-cities": [
        "brussels-capital-region", "trainee-amsterdam", "trainee-turin", "trainee-vienna",
    ],
    "intercultural-cities": ["trainee-limassol"],
    "uclg": [],
}  # fmt: skip

WEBINARS = [
    # slug, title, starts (Brussels time), language
    (
        "webinar-safer-spaces",
        "Safe(r) spaces in public services for LGBTQI+ people with a migration background",
        datetime(2021, 3, 18, 14, 0),
    ),
    (
        "webinar-women-and-girls",
        "Recognising and referring SGBV against migrant women and girls",
        datetime(2021, 4, 22, 14, 0),
    ),
    (
        "webinar-unaccompanied-children",
        "Mindfulness-based support for unaccompanied migrant children",
        datetime(2021, 5, 20, 14, 0),
    ),
    (
        "webinar-migrant-parents",
        "Talking with migrant parents about domestic violence and its impact on children",
        datetime(2021, 6, 17, 14, 0),
    ),
]
UPCOMING_SLUG = "demo-webinar-try-registration"
# Demo data: people registered for each past webinar, and how many of them took part.
REGISTERED, ATTENDED = [34, 28, 22, 26], [27, 21, 16, 20]
# Some of them came back: the first webinar's people recur in later ones.
RETURNING = 6

STORIES = [
    # slug, language, kind, title, summary, body, published
    (
        "trainee-cities-review",
        "en",
        Story.Kind.UPDATE,
        "Trainee cities review the women and girls toolbox (demo data)",
        "A demo project update: how trainee cities read, test and comment a toolbox.",
        "*Demo data, written for this platform.*\n\nTrainee cities read each module, try it "
        "with their frontline services and send structured comments to the authors.",
        datetime(2021, 2, 15, 10, 0),
    ),
    (
        "trainee-cities-review",
        "fr",
        Story.Kind.UPDATE,
        "Les villes stagiaires relisent la boîte à outils femmes et filles (démo)",
        "Une actualité de démonstration : comment les villes stagiaires relisent une boîte.",
        "*Données de démonstration, écrites pour cette plateforme.*\n\nLes villes stagiaires "
        "lisent chaque module, l’essaient avec leurs services de première ligne et envoient "
        "leurs commentaires aux auteurs.",
        datetime(2021, 2, 15, 10, 0),
    ),
    (
        "spotlight-frontline",
        "en",
        Story.Kind.SPOTLIGHT_WORKER,
        "In the spotlight: a day at a frontline service (demo data)",
        "A demo spotlight story about the work of frontline services.",
        "*Demo data, written for this platform; no real person is described.*\n\nFrontline "
        "workers are often the first to notice signs of violence.",
        datetime(2021, 5, 3, 10, 0),
    ),
]


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=BRUSSELS)


def _profile(programme, organisation, *, kind, stage, lat, lon, joined_on) -> CityProfile:
    profile = _upsert(
        CityProfile,
        {"programme": programme, "organisation": organisation},
        {
            "slug": slugify(organisation.name.replace("'", ""))[:80],
            "kind": kind,
            "stage": stage,
            "latitude": _decimal(lat),
            "longitude": _decimal(lon),
            "contact_name": DEMO_CONTACT,
            "contact_email": f"contact-{organisation.slug}@{DEMO_DOMAIN}",
            "joined_on": joined_on,
        },
    )
    moment = datetime.combine(joined_on, time(12, 0))
    for index, to_stage in enumerate(STAGE_ORDER[1 : STAGE_ORDER.index(stage) + 1]):
        _upsert(
            StageChange,
            {"profile": profile, "to_stage": to_stage},
            {
                "from_stage": STAGE_ORDER[index],
                "note": "demo data",
                "created_at": _aware(moment + timedelta(days=60 * index)),
            },
        )
    return profile


def _decimal(value: str):
    from decimal import Decimal

    return Decimal(value)


@transaction.atomic
def load_demo(*, programme) -> None:
    networks = {o.slug: o for o in Organisation.objects.filter(kind="city_network")}
    members: dict[str, list[Organisation]] = {}
    for slug, names in DEMO_NETWORKS.items():
        for member in names:
            members.setdefault(member, []).append(networks[slug])

    for slug, lat, lon in PILOT_CITIES:
        organisation = Organisation.objects.get(slug=slug)
        profile = _profile(
            programme,
            organisation,
            kind=CityProfile.Kind.PILOT,
            stage=Stage.AMBASSADOR,
            lat=lat,
            lon=lon,
            joined_on=programme.starts_on,
        )
        _set_networks(profile, members.get(slug, []))

    for index, (name, _country, _city) in enumerate(TRAINEES_WOMEN_GIRLS):
        organisation = Organisation.objects.get(slug=_slug(name))
        lat, lon = COORDINATES[name]
        joined_on = date(2020, 4, 1) + timedelta(days=91 * (index % 6))
        profile = _profile(
            programme,
            organisation,
            kind=CityProfile.Kind.TRAINEE,
            stage=[Stage.REVIEWED, Stage.TRAINED, Stage.AMBASSADOR][index % 3],
            lat=lat,
            lon=lon,
            joined_on=joined_on,
        )
        _set_networks(profile, members.get(organisation.slug, []))

    for index, (slug, title, starts) in enumerate(WEBINARS):
        event = _upsert(
            Event,
            {"programme": programme, "slug": slug},
            {
                "kind": Event.Kind.WEBINAR,
                "title": title,
                "description": (
                    "*Demo data: title and text written for this platform.*\n\n"
                    "A thematic webinar of the programme, for frontline workers and city staff."
                ),
                "agenda": "1. Welcome\n2. The toolbox in practice\n3. Questions and answers",
                "language": "en",
                "starts_at": _aware(starts),
                "ends_at": _aware(starts + timedelta(minutes=90)),
                "join_url": f"https://meet.{DEMO_DOMAIN}/{slug}",
                "capacity": 100,
                "is_published": True,
            },
        )
        _upsert(Speaker, {"event": event, "position": 0}, {"name": DEMO_SPEAKER})
        _attendance(event, index)

    upcoming = Event.objects.filter(programme=programme, slug=UPCOMING_SLUG).first()
    if upcoming is None or upcoming.starts_at <= timezone.now():
        starts = _aware(datetime.combine(timezone.localdate() + timedelta(days=30), time(14, 0)))
        upcoming_dates = {"starts_at": starts, "ends_at": starts + timedelta(minutes=90)}
    else:
        upcoming_dates = {}
    upcoming = _upsert(
        Event,
        {"programme": programme, "slug": UPCOMING_SLUG},
        {
            "kind": Event.Kind.WEBINAR,
            "title": "Demo webinar: try the registration (demo data)",
            "description": "*Demo data.* Register to see the confirmation, the waiting list "
            "and the calendar file.",
            "agenda": "1. Welcome\n2. Questions and answers",
            "language": "en",
            "join_url": f"https://meet.{DEMO_DOMAIN}/{UPCOMING_SLUG}",
            "capacity": 3,
            "is_published": True,
            **upcoming_dates,
        },
    )
    _upsert(Speaker, {"event": upcoming, "position": 0}, {"name": DEMO_SPEAKER})

    for slug, language, kind, title, summary, body, published in STORIES:
        _upsert(
            Story,
            {"programme": programme, "slug": slug, "language": language},
            {
                "kind": kind,
                "title": title,
                "summary": summary,
                "body": body,
                "published_at": _aware(published),
            },
        )


def _set_networks(profile: CityProfile, networks: list[Organisation]) -> None:
    wanted = {network.pk for network in networks}
    if set(profile.networks.values_list("pk", flat=True)) != wanted:
        profile.networks.set(networks)


def _attendance(event, index: int) -> None:
    """Synthetic registrations of a past webinar, the first ATTENDED of them present.

    After the first webinar, its first RETURNING people register again: a person is counted
    once however many events they attend.
    """
    for n in range(REGISTERED[index]):
        number = n if index and n < RETURNING else 1000 * index + n
        _upsert(
            Registration,
            {"event": event, "email": f"attendee-{number}@{DEMO_DOMAIN}"},
            {
                "name": f"Demo attendee {number} (demo data)",
                "status": Registration.Status.CONFIRMED,
                "queued_at": event.starts_at - timedelta(days=7),
                "attended": n < ATTENDED[index],
            },
        )
