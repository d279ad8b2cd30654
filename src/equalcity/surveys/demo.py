"""Demo data of this app, loaded by `equalcity load_demo` after the programme.

A needs-analysis survey for frontline workers, written for this project as an XLSForm
(the workbook is generated here with openpyxl and read back through pyxform, exactly as
an uploaded form would be), synthetic answers from the four pilot cities, and focus
groups with coded themes. Everything is labelled as demo data; nothing is real.
Idempotent: fixed ids and dates, and existing submissions are never written again (an
encrypted answer would otherwise change its ciphertext on every run).
"""

import io
import uuid
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from equalcity.programmes.demo import _upsert
from equalcity.surveys import services
from equalcity.surveys.models import Excerpt, FocusGroup, Question, Submission, Survey, Theme

NAMESPACE = uuid.UUID("6f1d7c3e-2a8b-4f0e-9c55-0d3e9a1b7e21")
DEMO_TODAY = date(2020, 3, 31)
FORM_ID = "equalcity_frontline_needs"

SURVEY_COLUMNS = [
    "type",
    "name",
    "label::English (en)",
    "label::French (fr)",
    "hint::English (en)",
    "hint::French (fr)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::English (en)",
    "constraint_message::French (fr)",
    "sensitive",
    "consent",
    "calculation",
    "parameters",
]
SURVEY_ROWS = [
    [
        "acknowledge",
        "consent",
        "I agree to answer this anonymous survey. I can stop at any time.",
        "J'accepte de répondre à ce questionnaire anonyme. Je peux arrêter à tout moment.",
        "",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "yes",
        "",
        "",
    ],
    [
        "select_one cities",
        "city",
        "In which city do you work?",
        "Dans quelle ville travaillez-vous ?",
        "",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "select_one sectors",
        "sector",
        "Which kind of service do you work in?",
        "Dans quel type de service travaillez-vous ?",
        "",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "text",
        "sector_other",
        "Which other service?",
        "Quel autre service ?",
        "",
        "",
        "yes",
        "${sector} = 'other'",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "integer",
        "years",
        "How many years have you worked with migrants?",
        "Depuis combien d'années travaillez-vous avec des personnes migrantes ?",
        "",
        "",
        "",
        "",
        ". >= 0 and . <= 50",
        "Enter a number from 0 to 50.",
        "Entrez un nombre de 0 à 50.",
        "",
        "",
        "",
        "",
    ],
    [
        "begin_group",
        "training",
        "Training so far",
        "Formation reçue",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "select_one yes_no",
        "trained",
        "Have you been trained on sexual and gender-based violence?",
        "Avez-vous été formé·e sur les violences sexuelles et basées sur le genre ?",
        "",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "date",
        "trained_when",
        "When was your last training?",
        "Quand a eu lieu votre dernière formation ?",
        "",
        "",
        "",
        "${trained} = 'yes'",
        ". <= today()",
        "The date cannot be in the future.",
        "La date ne peut pas être dans le futur.",
        "",
        "",
        "",
        "",
    ],
    [
        "select_multiple topics",
        "topics",
        "Which topics would help you most?",
        "Quels thèmes vous aideraient le plus ?",
        "Choose all that apply.",
        "Choisissez tout ce qui s'applique.",
        "",
        "",
        "count-selected(.) <= 3",
        "Choose at most three topics.",
        "Choisissez au plus trois thèmes.",
        "",
        "",
        "",
        "",
    ],
    ["end_group", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    [
        "range",
        "confidence",
        "How confident do you feel recognising signs of SGBV? (1 to 5)",
        "À quel point vous sentez-vous capable de reconnaître des signes de VSBG ? (1 à 5)",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "start=1 end=5 step=1",
    ],
    [
        "select_one yes_no_skip",
        "disclosure",
        "In the last year, did someone disclose violence to you?",
        "Au cours de l'année, quelqu'un vous a-t-il confié avoir subi des violences ?",
        "This answer is encrypted and only counted.",
        "Cette réponse est chiffrée et seulement comptée.",
        "",
        "",
        "",
        "",
        "",
        "yes",
        "",
        "",
        "",
    ],
    [
        "begin_repeat",
        "referrals",
        "Services you refer people to",
        "Services vers lesquels vous orientez",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "text",
        "referral_service",
        "Kind of service",
        "Type de service",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    ["end_repeat", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    [
        "calculate",
        "topic_count",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "count-selected(${topics})",
        "",
    ],
    [
        "text",
        "comments",
        "Anything else the training should cover?",
        "Autre chose que la formation devrait aborder ?",
        "",
        "",
        "",
        "",
        "string-length(.) <= 500",
        "Keep it under 500 characters.",
        "Restez sous 500 caractères.",
        "",
        "",
        "",
        "",
    ],
]
CHOICES = [
    ("cities", "brussels", "Brussels", "Bruxelles"),
    ("cities", "luxembourg", "Luxembourg", "Luxembourg"),
    ("cities", "rome", "Rome", "Rome"),
    ("cities", "gothenburg", "Gothenburg", "Göteborg"),
    ("sectors", "health", "Health care", "Soins de santé"),
    ("sectors", "social", "Social services", "Services sociaux"),
    ("sectors", "police", "Police", "Police"),
    ("sectors", "reception", "Reception centre", "Centre d'accueil"),
    ("sectors", "other", "Other", "Autre"),
    ("yes_no", "yes", "Yes", "Oui"),
    ("yes_no", "no", "No", "Non"),
    ("yes_no_skip", "yes", "Yes", "Oui"),
    ("yes_no_skip", "no", "No", "Non"),
    ("yes_no_skip", "skip", "I prefer not to say", "Je préfère ne pas répondre"),
    ("topics", "trafficking", "Trafficking in human beings", "Traite des êtres humains"),
    ("topics", "domestic", "Domestic violence", "Violence domestique"),
    ("topics", "fgm", "FGM/C and forced marriage", "MGF/E et mariage forcé"),
    ("topics", "lgbtqi", "Violence based on SOGIESC", "Violences liées à l'OSIEGCS"),
    ("topics", "children", "Unaccompanied children", "Enfants non accompagnés"),
    ("topics", "referral", "Referral to services", "Orientation vers les services"),
]


def workbook_bytes() -> bytes:
    """The demo XLSForm as an .xlsx workbook, built with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(SURVEY_COLUMNS)
    for row in SURVEY_ROWS:
        survey.append(row)
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::English (en)", "label::French (fr)"])
    for row in CHOICES:
        choices.append(list(row))
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language", "version"])
    settings.append(["Needs of frontline workers (demo)", FORM_ID, "English (en)", "2020-01"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# city, number of respondents: Gothenburg answers fewer than five, so its cells are hidden.
CITY_SIZES = [("brussels", 12), ("luxembourg", 9), ("rome", 8), ("gothenburg", 3)]
SECTORS = ["health", "social", "police", "reception", "social", "health", "other"]
TOPIC_SETS = [
    ["trafficking", "domestic"],
    ["referral"],
    ["fgm", "children", "referral"],
    ["lgbtqi", "referral"],
    ["domestic"],
]
COMMENTS = [
    "",
    "How to speak with an interpreter present.",
    "",
    "Safe referral when there is no residence permit.",
    "",
]


def demo_answers(city: str, index: int) -> dict:
    """One synthetic respondent, fixed by city and position."""
    sector = SECTORS[(index + len(city)) % len(SECTORS)]
    trained = "yes" if (index + len(city)) % 3 else "no"
    data = {
        "consent": "OK",
        "city": city,
        "sector": sector,
        "sector_other": "Legal aid" if sector == "other" else "",
        "years": str((index * 3 + len(city)) % 20),
        "trained": trained,
        "trained_when": (DEMO_TODAY - timedelta(days=40 * (index + 1))).isoformat()
        if trained == "yes"
        else "",
        "topics": TOPIC_SETS[(index + len(city)) % len(TOPIC_SETS)],
        "confidence": str(1 + (index * 2 + len(city)) % 5),
        "disclosure": ["yes", "no", "skip", "no"][(index + len(city)) % 4],
        "referrals": [{"referral_service": "Shelter"}, {"referral_service": "Legal aid"}][
            : index % 3
        ],
        "comments": COMMENTS[index % len(COMMENTS)],
    }
    return data


FOCUS_GROUPS = [
    # key, kind, date, city, target group, facilitator, participants, notes, excerpts
    (
        "fg-brussels",
        FocusGroup.Kind.FOCUS_GROUP,
        date(2020, 2, 12),
        "Brussels",
        "LGBTQI+ people with a migration background",
        "Demo facilitator A",
        {"frontline_workers": 7},
        "Demo notes: reception staff described first contacts.",
        [
            (
                "Staff rarely ask about safety in a way that feels safe to answer.",
                ["safe spaces", "disclosure"],
            ),
            ("Interpreters from the same community can make people stay silent.", ["interpreters"]),
        ],
    ),
    (
        "fg-luxembourg",
        FocusGroup.Kind.FOCUS_GROUP,
        date(2020, 2, 19),
        "Luxembourg",
        "Migrant women and girls",
        "Demo facilitator B",
        {"frontline_workers": 6, "migrants": 2},
        "Demo notes: social workers and two peer mediators.",
        [
            (
                "We do not know where to refer a woman without papers.",
                ["referral", "residence status"],
            ),
            ("Training should show what to say in the first five minutes.", ["disclosure"]),
        ],
    ),
    (
        "int-rome",
        FocusGroup.Kind.INTERVIEW,
        date(2020, 3, 2),
        "Rome",
        "Unaccompanied migrant children",
        "Demo facilitator C",
        {"frontline_workers": 1},
        "Demo notes: interview with a legal guardian.",
        [
            ("Guardians need support for their own stress.", ["wellbeing of staff"]),
            ("Children speak when an adult they trust is there.", ["disclosure", "trust"]),
        ],
    ),
    (
        "fg-gothenburg",
        FocusGroup.Kind.FOCUS_GROUP,
        date(2020, 3, 10),
        "Gothenburg",
        "Migrant parents",
        "Demo facilitator D",
        {"migrants": 8},
        "Demo notes: parents' group with a cultural mediator.",
        [("Parents fear that speaking up means losing their children.", ["trust", "referral"])],
    ),
]


def _survey(programme) -> Survey:
    definition, report = services.read_xlsform(content=workbook_bytes(), filename="demo.xlsx")
    survey = _upsert(
        Survey,
        {"programme": programme, "form_id": FORM_ID},
        {
            "title": definition["title"],
            "definition": definition,
            "warnings": report.warnings,
            "anonymous": True,
            "is_demo": True,
            "status": Survey.Status.OPEN,
        },
    )
    for fields in services._questions_of(definition):
        _upsert(
            Question,
            {"survey": survey, "name": fields["name"]},
            {k: v for k, v in fields.items() if k != "name"},
        )
    return survey


def _submissions(survey: Survey) -> None:
    existing = set(Submission.objects.filter(survey=survey).values_list("public_id", flat=True))
    for city, size in CITY_SIZES:
        for index in range(size):
            public_id = uuid.uuid5(NAMESPACE, f"submission:{city}:{index}")
            if public_id in existing:
                continue  # never re-encrypt an existing answer
            submission, created = services.submit_response(
                survey=survey,
                public_id=public_id,
                data=demo_answers(city, index),
                language="en",
                city=city.title(),
                today=DEMO_TODAY,
            )
            if created:
                at = datetime(2020, 3, 1, 9, tzinfo=UTC) + timedelta(hours=index, days=len(city))
                Submission.objects.filter(pk=submission.pk).update(
                    created_at=at, updated_at=at, is_demo=True
                )


def _focus_groups(programme) -> None:
    for key, kind, held_on, city, target, facilitator, people, notes, excerpts in FOCUS_GROUPS:
        session = _upsert(
            FocusGroup,
            {"public_id": uuid.uuid5(NAMESPACE, f"focus-group:{key}")},
            {
                "programme": programme,
                "kind": kind,
                "held_on": held_on,
                "city": city,
                "target_group": target,
                "facilitator": facilitator,
                "participants": people,
                "notes": notes,
                "is_demo": True,
            },
        )
        for position, (text, themes) in enumerate(excerpts):
            excerpt = _upsert(
                Excerpt, {"focus_group": session, "position": position}, {"text": text}
            )
            wanted = [_upsert(Theme, {"programme": programme, "name": name}, {}) for name in themes]
            if set(excerpt.themes.all()) != set(wanted):
                excerpt.themes.set(wanted)


@transaction.atomic
def load_demo(*, programme) -> None:
    survey = _survey(programme)
    _submissions(survey)
    _focus_groups(programme)
