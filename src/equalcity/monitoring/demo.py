"""Demo data of this app, loaded by `equalcity load_demo` after the programme.

Loaded last (``settings.DEMO_LOADERS``), but nothing here depends on that: the automatic
indicators are computed when the dashboard is read, from what the toolboxes, training,
network and translations demos hold.

The logframe's targets are the programme's published ones (350 frontline workers, 200
children, 4 toolboxes, 40 trainee cities, 250 cities reached). Everything else — the other
targets, the phases' dates, report texts, finances, meeting minutes, partner-entered
values — is synthetic and says so ("demo data").
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from equalcity.accounts.models import Organisation
from equalcity.monitoring.models import (
    ActionItem,
    FinanceLine,
    Indicator,
    IndicatorValue,
    Level,
    LogframeNode,
    Meeting,
    PartnerReport,
    ProgrammePhase,
    ReportingPartner,
)
from equalcity.monitoring.periods import quarter_end
from equalcity.programmes.demo import _upsert

PARTNERS = [
    # slug, currency, yearly budget per line (demo data)
    ("rainbowhouse-brussels", "EUR"),
    ("femmes-en-detresse", "EUR"),
    ("sapienza-university", "EUR"),
    ("city-of-gothenburg", "SEK"),
]
PLANNED = "Demo data: training sessions, outreach, coordination call."
RISKS = "Demo data: sanitary measures may delay sessions; online fallback ready."
QUARTERS = [(year, quarter) for year in (2020, 2021) for quarter in (1, 2, 3, 4)]
S = Indicator.Source

LOGFRAME = [
    # code, level, parent code, title
    (
        "G",
        Level.GOAL,
        None,
        "Migrants at risk of SGBV in EU cities are better protected and supported",
    ),
    (
        "OC1",
        Level.OUTCOME,
        "G",
        "Frontline services identify, protect and refer migrants at risk of SGBV",
    ),
    ("OC2", Level.OUTCOME, "G", "Cities beyond the pilots adopt the Equalcity approach"),
    ("OP1.1", Level.OUTPUT, "OC1", "Four toolboxes developed, reviewed and published"),
    ("OP1.2", Level.OUTPUT, "OC1", "Frontline workers and children trained in the pilot cities"),
    ("OP2.1", Level.OUTPUT, "OC2", "Trainee cities trained and cities reached by the network"),
    (
        "A1.1.1",
        Level.ACTIVITY,
        "OP1.1",
        "Needs analysis and toolbox development with expert panels",
    ),
    (
        "A1.2.1",
        Level.ACTIVITY,
        "OP1.2",
        "Pilot training sessions in Brussels, Luxembourg, Rome, Gothenburg",
    ),
    (
        "A1.2.2",
        Level.ACTIVITY,
        "OP1.2",
        "Outreach with migrant communities in the pilot cities",
    ),
    ("A2.1.1", Level.ACTIVITY, "OP2.1", "Webinars, workshops and the final conference"),
]

SDGS_PROTECTION = ["5.1", "5.2", "5.6", "16.2", "16.a"]
INDICATORS = [
    # code, node, name, unit, target, source, disaggregations, means of verification, SDGs
    (
        "I1",
        "OP1.2",
        "Frontline workers trained",
        "people",
        350,
        S.FRONTLINE_WORKERS_TRAINED,
        ["gender", "city", "profession"],
        "Attendance registers and post-tests in the training module",
        ["3.7", *SDGS_PROTECTION, "10.2"],
    ),
    (
        "I2",
        "OP1.2",
        "Unaccompanied migrant children trained",
        "children",
        200,
        S.CHILDREN_TRAINED,
        ["age band", "city"],
        "Pseudonymous participant lists of the children's sessions",
        ["5.2", "16.2", "10.7"],
    ),
    (
        "I3",
        "OP1.1",
        "Toolboxes published",
        "toolboxes",
        4,
        S.TOOLBOXES_PUBLISHED,
        ["target group"],
        "Published editions in the toolbox library",
        ["5.1", "10.3", "16.10"],
    ),
    (
        "I4",
        "OP2.1",
        "Trainee cities active",
        "cities",
        40,
        S.TRAINEE_CITIES_ACTIVE,
        ["country", "target group"],
        "Trainee city profiles in the network module, from the date each joined",
        ["10.7", "11.1"],
    ),
    (
        "I5",
        "OP2.1",
        "Cities reached",
        "cities",
        250,
        S.CITIES_REACHED,
        ["country", "target group"],
        "Pilot and trainee city profiles in the network module",
        ["11.1", "10.2"],
    ),
    (
        "I6",
        "A1.2.1",
        "Training sessions held",
        "sessions",
        24,
        S.SESSIONS_HELD,
        ["city"],
        "Session records in the training module (target is demo data)",
        ["5.2"],
    ),
    (
        "I7",
        "OP1.1",
        "Toolbox translation units reviewed",
        "units",
        500,
        S.TRANSLATIONS_REVIEWED,
        ["target group", "language"],
        "Reviewed translations in the translations module (target is demo data)",
        ["10.2", "16.10"],
    ),
    (
        "I8",
        "OC1",
        "Average learning gain of trained frontline workers",
        "% (normalised gain)",
        30,
        S.AVERAGE_LEARNING_GAIN,
        ["city", "target group"],
        "Pre- and post-tests in the training module (target is demo data: Hake's "
        "'medium gain' threshold of 0.3)",
        ["5.2", "16.2"],
    ),
    (
        "I9",
        "OP1.2",
        "Average evaluation of the training sessions",
        "points (1–5)",
        4,
        S.EVALUATION_SCORE,
        ["city", "target group"],
        "Anonymous session evaluations in the training module (target is demo data)",
        ["5.2"],
    ),
    (
        "I10",
        "A2.1.1",
        "People attending webinars, workshops and the conference",
        "people",
        300,
        S.EVENT_ATTENDANCE,
        ["kind of event"],
        "Attendance marked on event registrations in the network module (target is demo data)",
        ["11.1", "10.2"],
    ),
    (
        "I11",
        "A1.2.2",
        "Outreach activities with migrant communities",
        "activities",
        160,
        S.MANUAL,
        ["partner"],
        "Partner reports with attendance sheets (demo data)",
        ["5.2", "10.2", "16.2"],
    ),
]

DEFINITIONS = {
    S.AVERAGE_LEARNING_GAIN: (
        "Hake's normalised gain (post − pre) / (100 − pre) of the mean pre- and post-test "
        "scores of everyone who took both, in sessions ended by the end of the quarter; "
        "withheld under five participants."
    ),
    S.EVALUATION_SCORE: (
        "Mean of the relevance, clarity and practical-use ratings (1–5) of the anonymous "
        "evaluations of sessions ended by the end of the quarter; withheld under five answers."
    ),
    S.TRAINEE_CITIES_ACTIVE: (
        "Trainee cities or organisations past the 'interested' stage of the network's "
        "pipeline, counted cumulatively from the date each joined."
    ),
    S.EVENT_ATTENDANCE: (
        "People marked as present at a published event of the programme, each counted once, "
        "cumulatively from the start of the programme."
    ),
}

# Phases of the work plan: the programme's stages of work, in order; their dates are demo
# data (the description of each says so).
PHASES = [
    ("Needs analysis", date(2019, 11, 25), date(2020, 4, 30)),
    ("Toolbox development and expert review", date(2020, 3, 1), date(2020, 12, 31)),
    ("Piloting and training", date(2021, 1, 1), date(2021, 10, 31)),
    ("Translation and dissemination", date(2021, 3, 1), date(2021, 11, 24)),
    ("Evaluation and closing", date(2021, 9, 1), date(2021, 11, 24)),
]

# Demo data: outreach activities each partner reports per quarter (plus one for every
# second partner), entered by hand as partners do.
OUTREACH = [2, 4, 5, 6, 4, 6, 7, 6]

MEETINGS = [
    # kind, title, held on, decisions, action items (text, owner slug, due, done)
    (
        Meeting.Kind.STEERING_COMMITTEE,
        "Steering committee: kick-off",
        date(2019, 12, 10),
        "The logframe and the reporting calendar are adopted (demo data).",
        [
            (
                "Share the needs-analysis survey drafts",
                "sapienza-university",
                date(2020, 2, 28),
                date(2020, 2, 20),
            ),
            (
                "Nominate expert panel members",
                "femmes-en-detresse",
                date(2020, 3, 31),
                date(2020, 3, 25),
            ),
        ],
    ),
    (
        Meeting.Kind.STEERING_COMMITTEE,
        "Steering committee: mid-term review",
        date(2020, 11, 25),
        "Pilot trainings move online while sanitary measures last (demo data).",
        [
            (
                "Adapt the training agenda to online sessions",
                "rainbowhouse-brussels",
                date(2021, 1, 31),
                date(2021, 1, 28),
            ),
            (
                "Recruit trainee cities for the second round",
                "city-of-gothenburg",
                date(2021, 4, 30),
                date(2021, 4, 15),
            ),
        ],
    ),
    (
        Meeting.Kind.STEERING_COMMITTEE,
        "Steering committee: closing",
        date(2021, 11, 18),
        "The final evaluation report is approved for submission to the funder (demo data).",
        [
            (
                "Publish the translated toolboxes on the platform",
                "iom-belgium-luxembourg",
                date(2022, 1, 31),
                None,
            ),
        ],
    ),
]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


@transaction.atomic
def load_demo(*, programme) -> None:
    orgs = {
        org.slug: org
        for org in Organisation.objects.filter(
            slug__in=[slug for slug, _currency in PARTNERS] + ["iom-belgium-luxembourg"]
        )
    }
    nodes: dict = {}
    for position, (code, level, parent, title) in enumerate(LOGFRAME):
        nodes[code] = _upsert(
            LogframeNode,
            {"programme": programme, "code": code},
            {"level": level, "parent": nodes.get(parent), "title": title, "position": position},
        )
    indicators = {}
    for code, node, name, unit, target, source, disaggregations, mov, sdgs in INDICATORS:
        indicators[code] = _upsert(
            Indicator,
            {"programme": programme, "code": code},
            {
                "node": nodes[node],
                "name": name,
                "definition": DEFINITIONS.get(
                    source, f"{name}, counted cumulatively from the start of the programme."
                ),
                "unit": unit,
                "baseline": Decimal(0),
                "target": Decimal(target),
                "target_date": programme.ends_on,
                "disaggregations": disaggregations,
                "means_of_verification": mov,
                "sdg_targets": sdgs,
                "source": source,
            },
        )

    # Values partners once entered for indicators that are now computed (trainee cities and
    # cities reached were manual in earlier demos): the dashboard would list them by partner.
    IndicatorValue.objects.filter(
        indicator__in=[i for i in indicators.values() if i.automatic]
    ).delete()
    for position, (name, starts_on, ends_on) in enumerate(PHASES):
        _upsert(
            ProgrammePhase,
            {"programme": programme, "name": name},
            {
                "starts_on": starts_on,
                "ends_on": ends_on,
                "position": position,
                "description": "Demo data: illustrative dates, not the published work plan.",
            },
        )

    for partner_index, (slug, currency) in enumerate(PARTNERS):
        organisation = orgs[slug]
        _upsert(ReportingPartner, {"programme": programme, "organisation": organisation}, {})
        spent = Decimal(0)
        for index, (year, quarter) in enumerate(QUARTERS):
            end = quarter_end(year, quarter)
            due = end + timedelta(days=30)
            report = _upsert(
                PartnerReport,
                {
                    "programme": programme,
                    "organisation": organisation,
                    "year": year,
                    "quarter": quarter,
                    "version": 1,
                },
                {
                    "status": PartnerReport.Status.APPROVED,
                    "narrative": f"Demo data: what {organisation.name} did in {year} Q{quarter}.",
                    "activities_planned": PLANNED,
                    "activities_done": "Demo data: training sessions and outreach as planned.",
                    "risks": RISKS,
                    "due_on": due,
                    "submitted_at": _at(due - timedelta(days=5)),
                    "approved_at": _at(due + timedelta(days=10)),
                },
            )
            in_quarter = Decimal(9000 + 500 * (index % 3))
            spent += in_quarter
            _upsert(
                FinanceLine,
                {"report": report, "budget_line": "Staff (demo data)"},
                {
                    "currency": currency,
                    "budget": Decimal(80000),
                    "spent_in_quarter": in_quarter,
                    "spent_to_date": spent,
                    "variance_explained": "Demo data: within plan." if index % 3 else "",
                },
            )
            _upsert(
                IndicatorValue,
                {
                    "indicator": indicators["I11"],
                    "organisation": organisation,
                    "year": year,
                    "quarter": quarter,
                },
                {
                    "value": Decimal(OUTREACH[index] + partner_index % 2),
                    "source": "Partner report (demo data)",
                },
            )

    participants = list(orgs.values())
    for kind, title, held_on, decisions, items in MEETINGS:
        meeting = _upsert(
            Meeting,
            {"programme": programme, "kind": kind, "held_on": held_on},
            {
                "title": title,
                "agenda": "Demo data: progress against the logframe; finances; next steps.",
                "minutes": "Demo data: the partners reported on their quarter.",
                "decisions": decisions,
            },
        )
        if set(meeting.participants.all()) != set(participants):
            meeting.participants.set(participants)
        for text, owner, due, done in items:
            _upsert(
                ActionItem,
                {"meeting": meeting, "text": text},
                {"owner": orgs[owner], "due_on": due, "done_on": done},
            )
