"""Demo data of this app, loaded by `equalcity load_demo` after the programme.

The logframe's targets are the programme's published ones (350 frontline workers, 200
children, 4 toolboxes, 40 trainee cities, 250 cities reached). Everything else — report
texts, finances, meeting minutes, manual values — is synthetic and says so ("demo data").
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
        S.MANUAL,
        ["city"],
        "Partner reports (demo data)",
        ["10.7", "11.1"],
    ),
    (
        "I5",
        "OP2.1",
        "Cities reached",
        "cities",
        250,
        S.MANUAL,
        ["city"],
        "Partner reports and event registrations (demo data)",
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
]

# Demo data: trainee cities each partner reports as newly active per quarter.
TRAINEE_CITIES = [0, 1, 2, 2, 1, 2, 2, 1]
CITIES_REACHED = [0, 3, 5, 8, 6, 9, 10, 12]

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
                "definition": f"{name}, counted cumulatively from the start of the programme.",
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

    for slug, currency in PARTNERS:
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
            for code, series in (("I4", TRAINEE_CITIES), ("I5", CITIES_REACHED)):
                _upsert(
                    IndicatorValue,
                    {
                        "indicator": indicators[code],
                        "organisation": organisation,
                        "year": year,
                        "quarter": quarter,
                    },
                    {"value": Decimal(series[index]), "source": "Partner report (demo data)"},
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
