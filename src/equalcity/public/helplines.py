"""The EU-wide harmonised numbers, each with its source.

Only what the named source says is presented as fact. Where the countries in which a
number works have not been checked against a source, the page says so and points to
the list kept by the source instead of guessing.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Helpline:
    number: str
    purpose: object
    source_title: str
    source_url: str
    verified_in: object  # a sentence naming where it is verified to work
    countries: tuple[str, ...] = field(default=())


EU_NUMBERS = [
    Helpline(
        "112",
        _("Emergency: police, ambulance, fire brigade. Free, from any phone, in every EU country."),
        "European Commission, 112 – the European emergency number; Directive (EU) 2018/1972, "
        "Article 109",
        "https://digital-strategy.ec.europa.eu/en/policies/112",
        _("All EU Member States."),
    ),
    Helpline(
        "116 000",
        _(
            "Hotline for missing children: for a child who has gone missing, or may go missing, "
            "and their family."
        ),
        "Missing Children Europe, 116 000 hotline",
        "https://missingchildreneurope.eu/hotline-116-000/",
        _(
            "Belgium, Italy, Luxembourg and Sweden (checked against the source's list of "
            "hotlines); the source lists 32 European countries."
        ),
        ("BE", "IT", "LU", "SE"),
    ),
    Helpline(
        "116 111",
        _("Helpline for children and young people."),
        "European Commission, 116 – harmonised numbers for services of social value",
        "https://digital-strategy.ec.europa.eu/en/policies/116-helplines",
        _("Not checked country by country here: see the source's list."),
    ),
    Helpline(
        "116 006",
        _("Helpline for victims of crime."),
        "European Commission, 116 – harmonised numbers for services of social value",
        "https://digital-strategy.ec.europa.eu/en/policies/116-helplines",
        _("Not checked country by country here: see the source's list."),
    ),
    Helpline(
        "116 123",
        _("Emotional support helpline."),
        "European Commission, 116 – harmonised numbers for services of social value",
        "https://digital-strategy.ec.europa.eu/en/policies/116-helplines",
        _("Not checked country by country here: see the source's list."),
    ),
    Helpline(
        "116 016",
        _("Helpline for women victims of violence, where it operates."),
        "Directive (EU) 2024/1385 on combating violence against women and domestic violence",
        "https://eur-lex.europa.eu/eli/dir/2024/1385/oj",
        _(
            "Not yet in every country. Not checked country by country here: try it, and call 112 "
            "in an emergency."
        ),
    ),
]
