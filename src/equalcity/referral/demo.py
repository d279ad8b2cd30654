"""Demo directory data of the four pilot cities, loaded by `equalcity load_demo`.

Every service, provider and phone number here is invented and labelled "(demo data)";
the phone numbers are obviously fictitious (they start with +00). No real service is
described. Besides the six services of each city, each pilot country has one invented
national helpline without a location (a service area covering the whole country).
Loading twice writes nothing: fixed identifiers and update-only-what-changed.
"""

import uuid
from datetime import time

from django.db import transaction

from equalcity.programmes.demo import _upsert
from equalcity.programmes.models import TargetGroup as TG
from equalcity.referral import models as m
from equalcity.referral.services import ensure_taxonomies

NAMESPACE = uuid.UUID("0c7e9a52-5d0b-4f8e-8a3c-d3e0de000000")
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"
ALL_DAY = (time(0, 0), time(23, 59, 59))
OFFICE = (time(9, 0), time(17, 0))

# city, country, latitude, longitude (of the city centre), languages most asked for
CITIES = [
    ("Brussels", "BE", 50.8467, 4.3525, ["fr", "nl", "en", "ar"]),
    ("Luxembourg", "LU", 49.6116, 6.1319, ["fr", "de", "lb", "en", "pt"]),
    ("Rome", "IT", 41.8967, 12.4822, ["it", "en", "ar", "ti"]),
    ("Gothenburg", "SE", 57.7089, 11.9746, ["sv", "en", "ar", "so"]),
]

# key, name, needs, attributes, hours, confidential, offset (km east, km north)
SERVICES = [
    (
        "shelter",
        "Demo shelter for women (demo data)",
        ["shelter", "psychosocial"],
        ["free", "no_residence_permit", "for_women", "women_only_staff", "anonymous"],
        (EVERY_DAY, *ALL_DAY),
        True,
        None,
    ),
    (
        "hospital",
        "Demo sexual assault care centre (demo data)",
        ["medical", "sexual_health", "psychosocial"],
        ["free", "no_residence_permit"],
        (EVERY_DAY, *ALL_DAY),
        False,
        (0.8, 0.6),
    ),
    (
        "legal",
        "Demo legal aid desk for migrants (demo data)",
        ["legal", "migrant"],
        ["free", "no_residence_permit", "anonymous"],
        (WEEKDAYS, *OFFICE),
        False,
        (-1.2, 0.4),
    ),
    (
        "lgbtqi",
        "Demo LGBTQI+ community centre (demo data)",
        ["lgbtqi", "psychosocial", "migrant"],
        ["free", "anonymous", "lgbtqi_safe", "no_residence_permit"],
        ("TU,WE,TH,FR,SA", time(12, 0), time(20, 0)),
        False,
        (0.3, -0.9),
    ),
    (
        "children",
        "Demo child protection service (demo data)",
        ["child_protection", "psychosocial"],
        ["free", "for_children", "no_residence_permit"],
        (WEEKDAYS, *OFFICE),
        False,
        (2.0, 1.5),
    ),
    (
        "police",
        "Demo police victim unit (demo data)",
        ["police"],
        ["free"],
        (EVERY_DAY, *ALL_DAY),
        False,
        (-0.5, -0.5),
    ),
]

# The national helpline of each pilot country: no location, a service area of the country.
HELPLINE = (
    "Demo national helpline (demo data)",
    ["helpline", "psychosocial"],
    ["free", "anonymous", "no_residence_permit"],
    (EVERY_DAY, *ALL_DAY),
)
COUNTRY_NAMES = {"BE": "Belgium", "LU": "Luxembourg", "IT": "Italy", "SE": "Sweden"}

STEPS = [
    (
        m.PathwayStep.FIRST_CONTACT,
        "Listen without pressing for details. Ask what the person needs now and what they "
        "want to happen. Explain what you can and cannot keep confidential before they tell "
        "you more. Offer an interpreter of the gender they prefer.",
        [],
    ),
    (
        m.PathwayStep.IMMEDIATE_SAFETY,
        "Ask whether it is safe to go home tonight. If someone is in immediate danger, "
        "call 112 with the person's agreement.",
        ["police"],
    ),
    (
        m.PathwayStep.MEDICAL,
        "After rape, care within 72 hours can prevent HIV and pregnancy (120 hours for some "
        "emergency contraception). Offer to go with the person. Care does not depend on "
        "making a police report.",
        ["hospital"],
    ),
    (
        m.PathwayStep.PSYCHOSOCIAL,
        "Offer psychosocial support in the person's language; it can start at any time.",
        ["lgbtqi"],
    ),
    (
        m.PathwayStep.LEGAL,
        "Residence status questions belong with a legal adviser: do not guess. Legal aid "
        "here does not ask for papers.",
        ["legal"],
    ),
    (
        m.PathwayStep.SHELTER,
        "The shelter's address is never given out; call the intake number together.",
        ["shelter"],
    ),
    (
        m.PathwayStep.RECOVERY,
        "Agree with the person how they can reach you again, and check back with the "
        "services you referred to (by the referral reference, never by name).",
        ["children"],
    ),
]

PILOT_GROUPS = {
    "Brussels": TG.LGBTQI_MIGRANTS,
    "Luxembourg": TG.WOMEN_GIRLS,
    "Rome": TG.UNACCOMPANIED_CHILDREN,
    "Gothenburg": TG.MIGRANT_PARENTS,
}


def _id(*parts) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(parts))


@transaction.atomic
def load_demo(*, programme) -> None:
    terms = ensure_taxonomies()
    provider = _upsert(
        m.Organization,
        {"id": _id("provider")},
        {
            "name": "Demo service providers (demo data)",
            "description": "Invented services for trying the platform out. Not real services.",
        },
    )
    for city_index, (city, country, lat, lon, languages) in enumerate(CITIES):
        services = {}
        for index, (key, name, needs, attributes, hours, confidential, offset) in enumerate(
            SERVICES
        ):
            sid = _id(city, key)
            service = _upsert(
                m.Service,
                {"id": sid},
                {
                    "organization": provider,
                    "name": name,
                    "description": f"An invented service in {city}, for demonstration only.",
                    "status": m.Service.Status.ACTIVE,
                    "eligibility_description": "Demo data: not a real service.",
                    "is_demo": True,
                },
            )
            services[key] = service
            position = None
            if offset is not None:
                position = (
                    round(lat + offset[1] / 111.195, 5),
                    round(lon + offset[0] / (111.195 * 0.65), 5),
                )
            location = _upsert(
                m.Location,
                {"id": _id(city, key, "location")},
                {
                    "organization": provider,
                    "name": name,
                    "latitude": position[0] if position else None,
                    "longitude": position[1] if position else None,
                    "is_confidential": confidential,
                    "city": city,
                    "country": country,
                },
            )
            if not confidential:
                _upsert(
                    m.Address,
                    {"id": _id(city, key, "address")},
                    {
                        "location": location,
                        "address_1": f"{index + 1} Demo Street (demo data)",
                        "city": city,
                        "state_province": city,
                        "postal_code": "0000",
                        "country": country,
                    },
                )
            _upsert(
                m.ServiceAtLocation,
                {"id": _id(city, key, "sal")},
                {"service": service, "location": location},
            )
            _upsert(
                m.Phone,
                {"id": _id(city, key, "phone")},
                {
                    "service": service,
                    "number": f"+00 000 {city_index}{index:02d} 000",
                    "type": "voice",
                    "description": "Fictitious number (demo data).",
                },
            )
            days, opens, closes = hours
            _upsert(
                m.Schedule,
                {"id": _id(city, key, "hours")},
                {
                    "service": service,
                    "freq": "WEEKLY",
                    "byday": days,
                    "opens_at": opens,
                    "closes_at": closes,
                },
            )
            for code in languages[: 2 + index % 3]:
                _upsert(
                    m.Language,
                    {"id": _id(city, key, "language", code)},
                    {"service": service, "code": code, "name": code},
                )
            for code in needs + attributes:
                _upsert(
                    m.Attribute,
                    {"id": _id(city, key, "term", code)},
                    {
                        "link_id": sid,
                        "link_entity": "service",
                        "link_type": "service_category" if code in needs else "service_attribute",
                        "taxonomy_term": terms[code],
                    },
                )
        _load_pathway(programme, city, country, services)
        _load_helpline(provider, terms, city_index, country, languages)


def _load_helpline(provider, terms, country_index, country, languages) -> None:
    name, needs, attributes, (days, opens, closes) = HELPLINE
    sid = _id(country, "helpline")
    country_name = COUNTRY_NAMES[country]
    service = _upsert(
        m.Service,
        {"id": sid},
        {
            "organization": provider,
            "name": name,
            "description": (
                f"An invented national helpline for {country_name}, by phone and chat, "
                "for demonstration only."
            ),
            "status": m.Service.Status.ACTIVE,
            "eligibility_description": "Demo data: not a real service.",
            "is_demo": True,
        },
    )
    _upsert(
        m.ServiceArea,
        {"id": _id(country, "helpline", "area")},
        {
            "service": service,
            "name": country_name,
            "description": "The whole country, by phone and chat (demo data).",
            "country": country,
            "city": "",
        },
    )
    _upsert(
        m.Phone,
        {"id": _id(country, "helpline", "phone")},
        {
            "service": service,
            "number": f"+00 000 {country_index}99 000",
            "type": "voice",
            "description": "Fictitious number (demo data).",
        },
    )
    _upsert(
        m.Schedule,
        {"id": _id(country, "helpline", "hours")},
        {
            "service": service,
            "freq": "WEEKLY",
            "byday": days,
            "opens_at": opens,
            "closes_at": closes,
        },
    )
    for code in languages[:3]:
        _upsert(
            m.Language,
            {"id": _id(country, "helpline", "language", code)},
            {"service": service, "code": code, "name": code},
        )
    for code in needs + attributes:
        _upsert(
            m.Attribute,
            {"id": _id(country, "helpline", "term", code)},
            {
                "link_id": sid,
                "link_entity": "service",
                "link_type": "service_category" if code in needs else "service_attribute",
                "taxonomy_term": terms[code],
            },
        )


def _load_pathway(programme, city, country, services) -> None:
    group = PILOT_GROUPS[city]
    pathway = _upsert(
        m.Pathway,
        {"programme": programme, "city": city, "target_group": group},
        {
            "country": country,
            "title": f"{city} referral pathway (demo data)",
            "introduction": "Demo data: the services named here are invented.",
            "is_demo": True,
        },
    )
    for position, (kind, guidance, keys) in enumerate(STEPS, start=1):
        step = _upsert(
            m.Step,
            {"pathway": pathway, "position": position},
            {"kind": kind, "guidance": guidance},
        )
        wanted = {services[key].pk for key in keys}
        if set(step.services.values_list("pk", flat=True)) != wanted:
            step.services.set(wanted)
