"""Demo data of this app, loaded by `equalcity load_demo` after the programme.

The four toolboxes of the Equalcity programme with their real structure (target groups,
modules, annexes for trainers and for frontline services, pilot cities and lead partners).
The text is short original writing for this demo, not the project's published toolboxes;
where it states a fact it names its source. Every testimony is illustrative: written for
training, not the words of a real person. Every toolbox is marked as demo data.

Loading is idempotent: a second run finds everything in place and writes nothing.
"""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from equalcity.accounts.models import Organisation, User
from equalcity.programmes.demo import DEMO_DOMAIN, _upsert
from equalcity.programmes.models import PilotSite, TargetGroup
from equalcity.toolboxes.models import (
    Adaptation,
    Edition,
    EditionModule,
    EditionSection,
    ExpertProfile,
    LocalNote,
    Module,
    Rating,
    Resource,
    ReviewComment,
    ReviewInvitation,
    ReviewRound,
    Section,
    SectionKind,
    SectionRevision,
    Status,
    Testimony,
    Toolbox,
    Transition,
)

CONTENT, TRAINER, FRONTLINE = (
    SectionKind.CONTENT,
    SectionKind.TRAINER_ANNEX,
    SectionKind.FRONTLINE_ANNEX,
)

WHO_2014 = (
    "WHO (2014) *Health care for women subjected to intimate partner violence or sexual "
    "violence: a clinical handbook*."
)
IASC_2015 = (
    "IASC (2015) *Guidelines for Integrating Gender-Based Violence Interventions in "
    "Humanitarian Action*."
)
ISTANBUL = (
    "Council of Europe (2011) *Convention on preventing and combating violence against women "
    "and domestic violence* (Istanbul Convention)."
)

PRINCIPLES = f"""Survivor-centred work rests on four guiding principles:

- **Safety** — the safety of the survivor, and of their children, comes first in every decision.
- **Confidentiality** — information is shared only with the survivor's informed consent, and
  only what is needed.
- **Respect** — the survivor's choices, wishes and dignity guide every step; the professional
  supports, they do not decide.
- **Non-discrimination** — everyone receives the same quality of support whatever their
  age, origin, residence status, disability, sexual orientation or gender identity.

Source: {IASC_2015}"""

LIVES = f"""First-line support can be given by any trained frontline worker. The WHO summarises it
as **LIVES**:

1. **Listen** closely, with empathy and without judging.
2. **Inquire** about needs and concerns — emotional, physical, social and practical.
3. **Validate**: show that you believe and understand, and that it is not their fault.
4. **Enhance safety**: discuss a plan to protect them if violence happens again.
5. **Support**: help them connect to information, services and social support.

Source: {WHO_2014}"""

# The migrant women and girls toolbox: the published one, with two editions.
WOMEN_MODULES = [
    {
        "title": "SGBV in a migratory context",
        "objectives": "Name the forms of SGBV migrant women and girls may face\n"
        "Use an intersectional lens to understand vulnerability\n"
        "Communicate across languages and cultures with an interpreter",
        "minutes": 180,
        "sections": [
            (
                CONTENT,
                "Survivor-centred principles",
                PRINCIPLES,
                PRINCIPLES.replace("Survivor-centred work rests on", "Good practice follows"),
            ),
            (
                CONTENT,
                "Gender and intersectionality",
                "Gender describes the roles, behaviours and expectations a society attaches "
                "to women and men. *Intersectionality*, a term coined by Kimberlé Crenshaw "
                "(1989), describes how several grounds of discrimination — gender, racism, "
                "residence status, disability, sexual orientation — combine and create "
                "barriers that none of them explains alone.\n\nA migrant woman whose residence "
                "permit depends on her partner, who does not speak the local language and who "
                "has no independent income faces several such barriers at once.",
                None,
            ),
            (
                CONTENT,
                "Vulnerabilities along the migration path",
                "Violence can happen in the country of origin, during transit and after "
                "arrival. Risks grow with irregular routes, dependence on smugglers, crowded "
                "reception facilities without lockable sanitary spaces, and insecure "
                "residence status.\n\nThe Istanbul Convention asks States to grant migrant "
                "victims whose status depends on a spouse an autonomous residence permit "
                f"(Article 59) and to recognise gender-based violence as a form of "
                f"persecution in asylum claims (Article 60).\n\nSource: {ISTANBUL}",
                "Violence can happen in the country of origin, during transit and after "
                "arrival. Risks grow with irregular routes and crowded reception "
                "facilities.\n\nSource: " + ISTANBUL,
            ),
            (
                CONTENT,
                "Intercultural communication",
                "Use a trained, independent interpreter — never the partner, a relative or a "
                "child. Ask the survivor whether she prefers a woman interpreter. Speak to "
                "the survivor, not to the interpreter, in short sentences, and check that "
                "she has understood by asking her to say it in her own words.",
                None,
            ),
            (
                TRAINER,
                "Annex for trainers: running the session",
                "Open with group agreements on confidentiality and self-care: participants "
                "may have lived violence themselves. Use the case of Amal (illustrative) in "
                "small groups: list the barriers she meets and the services that could lift "
                "each one. Close with the LIVES steps.",
                None,
            ),
            (FRONTLINE, "Annex for frontline services: first-line support", LIVES, None),
        ],
        "testimony": (
            "I did not know that what happened to me had a name, or that someone here "
            "could help me without sending me back.",
            "Amal",
            "SY",
        ),
    },
    {
        "title": "Domestic violence",
        "objectives": "Recognise the forms of domestic violence\nAssess risk and plan for safety",
        "minutes": 150,
        "sections": [
            (
                CONTENT,
                "What domestic violence is",
                "The Istanbul Convention defines domestic violence as all acts of physical, "
                "sexual, psychological or economic violence that occur within the family or "
                "household or between former or current spouses or partners, whether or not "
                "the perpetrator shares or has shared the same residence with the victim "
                f"(Article 3).\n\nSource: {ISTANBUL}",
                None,
            ),
            (
                CONTENT,
                "Risk and safety planning",
                "Ask about recent escalation, threats to kill, strangulation, weapons and "
                "separation: these are recognised markers of high risk. A safety plan is "
                "made *with* the survivor: safe places, trusted contacts, documents and a "
                "bag ready, a code word with a neighbour.",
                None,
            ),
            (
                TRAINER,
                "Annex for trainers: role play",
                "In pairs, one participant plays a worker, the other a woman who comes for "
                "a routine appointment with a bruise she explains away. Practise asking "
                "directly, in private, and without the partner present.",
                None,
            ),
            (
                FRONTLINE,
                "Annex for frontline services: asking and referring",
                "See the woman alone. Ask simple, direct questions. Record what she says "
                "in her words. Give her the number of the local helpline and offer a "
                "referral; respect her choice if she declines.",
                None,
            ),
        ],
        "testimony": (
            "He kept my passport. When the social worker asked me, alone, I could finally say it.",
            "",
            "",
        ),
    },
    {
        "title": "Trafficking in human beings",
        "objectives": "Identify indicators of trafficking\nKnow the referral route to protection",
        "minutes": 120,
        "sections": [
            (
                CONTENT,
                "Act, means, purpose",
                "Trafficking combines an *act* (recruiting, transporting, harbouring or "
                "receiving a person), a *means* (threat, force, deception, abuse of "
                "vulnerability …) and a *purpose* of exploitation. For children the means "
                "are not needed. Source: UN (2000) *Protocol to Prevent, Suppress and Punish "
                "Trafficking in Persons* (Palermo Protocol); Directive 2011/36/EU.",
                None,
            ),
            (
                TRAINER,
                "Annex for trainers: indicators exercise",
                "Give groups a list of indicators (no control over documents, debt to a "
                "recruiter, living at the workplace, scripted answers) and ask which would "
                "make them refer, and to whom.",
                None,
            ),
            (
                FRONTLINE,
                "Annex for frontline services: what to do",
                "Do not confront a suspected trafficker. Talk with the person alone, with "
                "an independent interpreter. Explain the protection available (including a "
                "reflection period under Directive 2004/81/EC) and contact the national "
                "referral mechanism.",
                None,
            ),
        ],
        "testimony": (
            "They told me the debt would be paid in three months. It was never paid.",
            "Grace",
            "NG",
        ),
    },
    {
        "title": "Other forms of SGBV",
        "objectives": "Understand FGM/C, forced marriage and honour-related violence\n"
        "Respond to violence based on sexual orientation, gender identity or expression",
        "minutes": 150,
        "sections": [
            (
                CONTENT,
                "FGM/C, forced marriage and honour-related violence",
                "The WHO classifies female genital mutilation into four types. The Istanbul "
                "Convention makes forced marriage (Article 37) and FGM (Article 38) criminal "
                "offences, and states that culture, custom, religion, tradition or so-called "
                "“honour” are no justification for violence (Article 42).\n\nSources: WHO "
                f"(2008) *Eliminating female genital mutilation: an interagency statement*; "
                f"{ISTANBUL}",
                None,
            ),
            (
                CONTENT,
                "Violence based on SOGIESC",
                "People may be targeted for their sexual orientation, gender identity, "
                "gender expression or sex characteristics (SOGIESC), by strangers, in "
                "reception facilities or within their own family. Use the names and pronouns "
                "a person gives; never disclose their orientation or identity to anyone "
                "without consent.",
                None,
            ),
            (
                TRAINER,
                "Annex for trainers: values clarification",
                "Start with a values exercise: statements participants place on a line from "
                "'agree' to 'disagree'. Discuss respectfully; the aim is awareness of one's "
                "own assumptions, not agreement.",
                None,
            ),
            (
                FRONTLINE,
                "Annex for frontline services: urgent protection",
                "A girl who fears being taken abroad to be married or cut is at immediate "
                "risk: alert child protection the same day, and keep the family out of the "
                "conversation.",
                None,
            ),
        ],
        "testimony": (
            "My cousin was the first person who told me I could say no.",
            "",
            "",
        ),
    },
]

OTHER_TOOLBOXES = [
    {
        "slug": "lgbtqi-safer-spaces",
        "title": "Safe(r) spaces for LGBTQI+ people with a migration background",
        "summary": "How public services can become safer spaces for LGBTQI+ migrants: a "
        "good-practice guide, a manual, a training programme and an awareness campaign.",
        "target_group": TargetGroup.LGBTQI_MIGRANTS,
        "partner": "rainbowhouse-brussels",
        "city": "Brussels",
        "status": Status.EXPERT_REVIEW,
        "modules": [
            (
                "Good-practice guide",
                [
                    (
                        CONTENT,
                        "What makes a space safer",
                        "Visible signs of welcome, staff trained on SOGIESC, respect for "
                        "chosen names and pronouns, confidential handling of information and "
                        "a clear way to complain.\n\n" + PRINCIPLES,
                    )
                ],
            ),
            (
                "Manual for running a safe(r) space",
                [
                    (
                        CONTENT,
                        "Opening and running the space",
                        "Agree house rules with participants, name a person of trust for each "
                        "session and keep a list of LGBTQI+-friendly services to refer to.",
                    ),
                    (FRONTLINE, "Annex for frontline services: first-line support", LIVES),
                ],
            ),
            (
                "Training programme",
                [
                    (
                        TRAINER,
                        "Annex for trainers: a one-day programme",
                        "Morning: concepts and vocabulary (SOGIESC). Afternoon: case work "
                        "and first-line support with LIVES.",
                    )
                ],
            ),
            (
                "Awareness campaign",
                [
                    (
                        CONTENT,
                        "Campaign messages",
                        "Short messages in the main languages of the community, tested with "
                        "LGBTQI+ migrants before publication.",
                    )
                ],
            ),
        ],
    },
    {
        "slug": "unaccompanied-children-mindfulness",
        "title": "Mindfulness-based support for unaccompanied migrant children",
        "summary": "Mindfulness-based training for legal guardians, social workers and "
        "cultural mediators, and a module for the children themselves.",
        "target_group": TargetGroup.UNACCOMPANIED_CHILDREN,
        "partner": "sapienza-university",
        "city": "Rome",
        "status": Status.PILOT,
        "modules": [
            (
                "Training for legal guardians, social workers and cultural mediators",
                [
                    (
                        CONTENT,
                        "Why mindfulness",
                        "Mindfulness-based programmes, starting with Mindfulness-Based "
                        "Stress Reduction (Jon Kabat-Zinn, 1979), train attention to the "
                        "present moment without judgement. For professionals they are a way "
                        "to manage stress and to stay present with a child in distress.",
                    ),
                    (
                        CONTENT,
                        "The best interests of the child",
                        "In all actions concerning children, the best interests of the child "
                        "shall be a primary consideration (UN Convention on the Rights of "
                        "the Child, 1989, Article 3).",
                    ),
                    (
                        TRAINER,
                        "Annex for trainers: eight sessions",
                        "Eight weekly sessions of two hours, each with a short practice, a "
                        "theme and a home practice.",
                    ),
                ],
            ),
            (
                "Module for the children",
                [
                    (
                        CONTENT,
                        "Breathing, body and emotions",
                        "Short, playful practices in a group, in the children's languages, "
                        "with a cultural mediator; no child is asked to speak about what "
                        "happened to them.",
                    ),
                    (
                        FRONTLINE,
                        "Annex for frontline services: signs to refer",
                        "Persistent sleeplessness, withdrawal or self-harm are signs to "
                        "refer the child to specialised mental-health care.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "migrant-parents",
        "title": "Migrant parents: SGBV, children and trust",
        "summary": "Sessions with migrant parents on SGBV and the impact of domestic violence "
        "on children, built on trust-building dialogue.",
        "target_group": TargetGroup.MIGRANT_PARENTS,
        "partner": "city-of-gothenburg",
        "city": "Gothenburg",
        "status": Status.DRAFT,
        "modules": [
            (
                "SGBV and the impact of domestic violence on children",
                [
                    (
                        CONTENT,
                        "Children who witness violence",
                        "Children who witness violence between their parents are victims too: "
                        "the Istanbul Convention requires protection and support services to "
                        "take their best interests into account (Article 26).\n\nSource: "
                        + ISTANBUL,
                    ),
                ],
            ),
            (
                "Trust-building dialogue",
                [
                    (
                        CONTENT,
                        "Starting the conversation",
                        "Meet parents where they already are — language classes, schools, "
                        "places of worship — and start with their own questions about "
                        "raising children in a new country.",
                    ),
                    (
                        TRAINER,
                        "Annex for trainers: dialogue groups",
                        "Separate groups for mothers and fathers at first, each with a "
                        "facilitator who speaks the language.",
                    ),
                ],
            ),
        ],
    },
]

WOMEN_SLUG = "migrant-women-and-girls"
PUBLISHED_1_0 = datetime(2021, 3, 8, 10, 0, tzinfo=UTC)
PUBLISHED_1_1 = datetime(2021, 10, 15, 10, 0, tzinfo=UTC)


def _demo_user(local_part: str) -> User | None:
    return User.objects.filter(email=f"{local_part}@{DEMO_DOMAIN}").first()


def _toolbox(programme, *, slug, title, summary, target_group, partner, city, status):
    return _upsert(
        Toolbox,
        {"slug": slug},
        {
            "programme": programme,
            "title": title,
            "summary": summary,
            "target_group": target_group,
            "lead_partner": Organisation.objects.filter(slug=partner).first(),
            "pilot_site": PilotSite.objects.filter(programme=programme, city=city).first(),
            "source_language": "en",
            "status": status,
            "is_demo": True,
        },
    )


def _module(toolbox, position, title, *, objectives="", minutes=90):
    return _upsert(
        Module,
        {"toolbox": toolbox, "position": position},
        {"title": title, "learning_objectives": objectives, "duration_minutes": minutes},
    )


def _section(module, position, kind, title, body):
    """Created once: what editors write afterwards (and its revisions) is theirs."""
    section = Section.objects.filter(module=module, position=position).first()
    if section is None:
        section = Section.objects.create(
            module=module, position=position, kind=kind, title=title, body=body
        )
        SectionRevision.objects.create(section=section, number=1, title=title, body=body)
    return section


def _lifecycle(toolbox, steps, by):
    before = ""
    for status in steps:
        if not Transition.objects.filter(
            toolbox=toolbox, from_status=before, to_status=status
        ).exists():
            Transition.objects.create(
                toolbox=toolbox,
                from_status=before,
                to_status=status,
                by=by,
                note="Demo data",
            )
        before = status


def _edition(toolbox, major, minor, when, note, texts, by):
    """An edition frozen from the demo text; ``texts`` maps a section to its text then."""
    edition = Edition.objects.filter(toolbox=toolbox, major=major, minor=minor).first()
    if edition is not None:
        return edition
    edition = Edition.objects.create(
        toolbox=toolbox,
        major=major,
        minor=minor,
        title=toolbox.title,
        summary=toolbox.summary,
        language="en",
        note=note,
        published_by=by,
        published_at=when,
    )
    for module in toolbox.modules.prefetch_related("sections", "testimonies"):
        edition_module = EditionModule.objects.create(
            edition=edition,
            source_module_id=module.pk,
            position=module.position,
            title=module.title,
            summary=module.summary,
            learning_objectives=module.learning_objectives,
            duration_minutes=module.duration_minutes,
            testimonies=[
                {
                    "quote": t.quote,
                    "pseudonym": t.pseudonym,
                    "country": t.country.code if t.country else "",
                    "illustrative": t.is_illustrative,
                }
                for t in module.testimonies.all()
            ],
            resources=[],
        )
        EditionSection.objects.bulk_create(
            EditionSection(
                edition=edition,
                module=edition_module,
                source_section_id=section.pk,
                position=section.position,
                kind=section.kind,
                title=section.title,
                body=texts.get(section.pk, section.body),
            )
            for section in module.sections.all()
        )
    return edition


def _women_and_girls(programme, editor, manager, reviewer, coordinator):
    toolbox = _toolbox(
        programme,
        slug=WOMEN_SLUG,
        title="Migrant women and girls: responding to SGBV",
        summary="Four modules for frontline workers on sexual and gender-based violence "
        "against migrant women and girls, each with an annex for trainers and one for "
        "frontline services.",
        target_group=TargetGroup.WOMEN_GIRLS,
        partner="femmes-en-detresse",
        city="Luxembourg",
        status=Status.PUBLISHED,
    )
    earlier_texts = {}
    for position, spec in enumerate(WOMEN_MODULES, start=1):
        module = _module(
            toolbox, position, spec["title"], objectives=spec["objectives"], minutes=spec["minutes"]
        )
        for index, (kind, title, body, earlier) in enumerate(spec["sections"], start=1):
            section = _section(module, index, kind, title, body)
            if earlier is not None:
                earlier_texts[section.pk] = earlier
        quote, pseudonym, country = spec["testimony"]
        _upsert(
            Testimony,
            {"module": module, "position": 1},
            {
                "quote": quote,
                "attribution": "pseudonym" if pseudonym else "none",
                "pseudonym": pseudonym,
                "country": country,
                "consent_given": False,
                "is_illustrative": True,
            },
        )
    _upsert(
        Resource,
        {"module": module, "title": "WHO: violence against women (web page)"},
        {
            "kind": Resource.Kind.LINK,
            "url": "https://www.who.int/health-topics/violence-against-women",
        },
    )
    _lifecycle(
        toolbox,
        [
            Status.DRAFT,
            Status.EXPERT_REVIEW,
            Status.PILOT,
            Status.TRAINEE_REVIEW,
            Status.FINAL,
            Status.PUBLISHED,
        ],
        editor,
    )
    _edition(toolbox, 1, 0, PUBLISHED_1_0, "First edition (demo data).", earlier_texts, manager)
    latest = _edition(
        toolbox,
        1,
        1,
        PUBLISHED_1_1,
        "Adds the Istanbul Convention articles on residence status and asylum (demo data).",
        {},
        manager,
    )
    if toolbox.latest_edition_id != latest.pk:
        toolbox.latest_edition = latest
        toolbox.save(update_fields=["latest_edition", "updated_at"])
    _review_rounds(toolbox, reviewer, coordinator, editor)
    _adaptation(toolbox, coordinator)


def _adaptation(toolbox, coordinator):
    """Vienna adapted edition 1.0, so it sees that 1.1 is out and what changed."""
    vienna = Organisation.objects.filter(slug="trainee-vienna").first()
    first = Edition.objects.filter(toolbox=toolbox, major=1, minor=0).first()
    if vienna is None or first is None:
        return
    adaptation = Adaptation.objects.filter(toolbox=toolbox, organisation=vienna).first()
    if adaptation is None:
        adaptation = Adaptation.objects.create(
            toolbox=toolbox,
            edition=first,
            organisation=vienna,
            created_by=coordinator,
            local_contacts="- Local helpline (demo data): +43 1 000 00 00\n"
            "- Women's shelter intake (demo data): intake@shelter.example",
        )
    section = first.sections.order_by("module__position", "position").first()
    _upsert(
        LocalNote,
        {"adaptation": adaptation, "source_section_id": section.source_section_id},
        {"body": "In Vienna, refer to the city's women's helpline first (demo data)."},
    )


def _review_rounds(toolbox, reviewer, coordinator, editor):
    """A closed expert round and a closed trainee-city round, with ratings and comments."""
    modules = list(toolbox.modules.all())
    for kind, person, title, deadline, scores in [
        (
            ReviewRound.Kind.EXPERT_PANEL,
            reviewer,
            "Expert panel review (demo data)",
            datetime(2020, 9, 30).date(),
            (4, 4, 5),
        ),
        (
            ReviewRound.Kind.TRAINEE_CITIES,
            coordinator,
            "Trainee-city review (demo data)",
            datetime(2021, 6, 30).date(),
            (4, 5, 4),
        ),
    ]:
        if person is None:
            continue
        round_ = _upsert(
            ReviewRound,
            {"toolbox": toolbox, "title": title},
            {"kind": kind, "deadline": deadline, "opened_by": editor},
        )
        if round_.closed_at is None:
            round_.closed_at = datetime.combine(deadline, datetime.min.time(), UTC)
            round_.save(update_fields=["closed_at", "updated_at"])
        invitation = _upsert(
            ReviewInvitation,
            {"round": round_, "reviewer": person},
            {"submitted_at": round_.closed_at},
        )
        for module in modules:
            _upsert(
                Rating,
                {"invitation": invitation, "module": module},
                dict(
                    zip(
                        ("comprehensiveness", "duplicability", "practical_use"), scores, strict=True
                    )
                ),
            )
    expert_round = ReviewRound.objects.filter(
        toolbox=toolbox, kind=ReviewRound.Kind.EXPERT_PANEL
    ).first()
    section = Section.objects.filter(module__toolbox=toolbox, title__startswith="Vulnerab").first()
    if expert_round and section and reviewer:
        _upsert(
            ReviewComment,
            {"round": expert_round, "section": section, "author": reviewer},
            {
                "quote": "Violence can happen in the country of origin, during transit and "
                "after arrival.",
                "body": "Name the Istanbul Convention articles on residence status and asylum "
                "(demo data).",
                "is_blocking": True,
                "resolved_at": expert_round.closed_at,
                "resolved_by": editor,
            },
        )


def _open_expert_round(toolbox, reviewer, editor):
    """The LGBTQI+ toolbox is in expert review: one round open, due in two weeks."""
    if reviewer is None:
        return
    title = "Expert panel review (demo data)"
    round_ = ReviewRound.objects.filter(toolbox=toolbox, title=title).first()
    if round_ is None:
        round_ = ReviewRound.objects.create(
            toolbox=toolbox,
            kind=ReviewRound.Kind.EXPERT_PANEL,
            title=title,
            deadline=timezone.localdate() + timedelta(days=14),
            opened_by=editor,
        )
    _upsert(ReviewInvitation, {"round": round_, "reviewer": reviewer}, {})


PHASES = [
    Status.DRAFT,
    Status.EXPERT_REVIEW,
    Status.PILOT,
    Status.TRAINEE_REVIEW,
    Status.FINAL,
    Status.PUBLISHED,
]


def load_demo(*, programme) -> None:
    editor = _demo_user("editor")
    manager = _demo_user("manager")
    reviewer = _demo_user("reviewer")
    coordinator = _demo_user("coordinator")
    if reviewer is not None:
        _upsert(
            ExpertProfile,
            {"user": reviewer},
            {
                "display_name": "Demo expert reviewer (demo data)",
                "expertise": "SGBV prevention and response in migrant communities.",
                "is_public": True,
            },
        )
    _women_and_girls(programme, editor, manager, reviewer, coordinator)
    for spec in OTHER_TOOLBOXES:
        toolbox = _toolbox(
            programme,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            target_group=spec["target_group"],
            partner=spec["partner"],
            city=spec["city"],
            status=spec["status"],
        )
        for position, (title, sections) in enumerate(spec["modules"], start=1):
            module = _module(toolbox, position, title)
            for index, (kind, section_title, body) in enumerate(sections, start=1):
                _section(module, index, kind, section_title, body)
        _lifecycle(toolbox, PHASES[: PHASES.index(spec["status"]) + 1], editor)
        if spec["status"] == Status.EXPERT_REVIEW:
            _open_expert_round(toolbox, reviewer, editor)
