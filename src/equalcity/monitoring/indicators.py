"""Automatic indicator values, computed in the database per quarter from other apps' data.

Each series function returns ``{(year, quarter): value at the end of the quarter}`` in one
query: a conditional aggregate per quarter. Counts are cumulative from the start of the
programme. Averages (learning gain, evaluation score) are taken over everything that had
ended by the quarter's end, and are ``None`` while fewer than five people answered, as the
training app withholds them.

Counts of people follow the training app's own rules (``training.selectors``), so the
figure shown here is the figure the training dashboard shows. This module only reads other
apps, through their selectors or their models' querysets; it writes nothing.

``breakdowns`` gives, per source and dimension (city, target group…), the raw figures up
to one date, one grouped query each; suppression and labels are the selectors' job.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import Lower

from equalcity.monitoring.models import Indicator
from equalcity.monitoring.periods import quarter_end, quarters_of
from equalcity.network import selectors as network_selectors
from equalcity.network.models import CityProfile, Registration, Stage
from equalcity.programmes.models import TargetGroup
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.training import selectors as training_selectors
from equalcity.training.models import Audience, ChildParticipant, Evaluation, Session
from equalcity.translations.models import Translation, TranslationStatus

Source = Indicator.Source

# Sources that count people: every figure of theirs goes through small-cell suppression.
PEOPLE = frozenset(
    {Source.FRONTLINE_WORKERS_TRAINED, Source.CHILDREN_TRAINED, Source.EVENT_ATTENDANCE}
)
# Sources that are means over respondents: withheld under five, never cumulated.
AVERAGES = frozenset({Source.AVERAGE_LEARNING_GAIN, Source.EVALUATION_SCORE})


# --- the querysets each source counts ---------------------------------------------------


def _workers(programme):
    # A worker counts once, from the end of the first session they completed.
    return training_selectors.completed_enrolments(programme)


def _children(programme):
    return ChildParticipant.objects.filter(
        session__course__programme=programme, session__course__audience=Audience.CHILDREN
    )


def _sessions(programme):
    return Session.objects.filter(course__programme=programme)


def _toolboxes(programme):
    return toolbox_selectors.published_toolboxes().filter(programme=programme)


def _reviewed_translations(programme):
    """Translation units whose text a reviewer approved, in any content language."""
    return Translation.objects.filter(
        toolbox__programme=programme, status=TranslationStatus.REVIEWED, reviewed_at__isnull=False
    ).exclude(text="")


def _trainee_cities(programme):
    """Trainee cities past the 'interested' stage: they confirmed and take part."""
    return CityProfile.objects.filter(programme=programme, kind=CityProfile.Kind.TRAINEE).exclude(
        stage=Stage.INTERESTED
    )


def _cities(programme):
    return CityProfile.objects.filter(programme=programme)


def _attendance(programme):
    return Registration.objects.filter(
        event__programme=programme, event__is_published=True, attended=True
    )


def _tests(programme):
    """Pre- and post-tests of participants who took both (training's definition)."""
    return training_selectors.tests_taken_both().filter(
        enrolment__session__course__programme=programme
    )


def _evaluations(programme):
    return Evaluation.objects.filter(session__course__programme=programme)


# What is counted, which field, and from which date it counts.
COUNTS = {
    Source.FRONTLINE_WORKERS_TRAINED: (_workers, "user", "session__ends_on"),
    Source.CHILDREN_TRAINED: (_children, "pk", "session__starts_on"),
    Source.SESSIONS_HELD: (_sessions, "pk", "starts_on"),
    Source.TOOLBOXES_PUBLISHED: (_toolboxes, "pk", "editions__published_at__date"),
    Source.TRANSLATIONS_REVIEWED: (_reviewed_translations, "pk", "reviewed_at__date"),
    Source.TRAINEE_CITIES_ACTIVE: (_trainee_cities, "pk", "joined_on"),
    Source.CITIES_REACHED: (_cities, "pk", "joined_on"),
    # A person counts once however many events they attended; addresses ignore case.
    Source.EVENT_ATTENDANCE: (_attendance, Lower("email"), "event__starts_at__date"),
}
# Averages: the queryset and the date by which a session counts as ended.
MEANS = {
    Source.AVERAGE_LEARNING_GAIN: (_tests, "enrolment__session__ends_on"),
    Source.EVALUATION_SCORE: (_evaluations, "session__ends_on"),
}


# --- per quarter --------------------------------------------------------------------------


def _count(field, condition: Q) -> Count:
    return Count(field, distinct=True, filter=condition)


def _restricted(aggregate, condition: Q):
    """One of the training app's aggregates, counting only the rows that meet ``condition``."""
    aggregate = aggregate.copy()
    aggregate.filter = condition if aggregate.filter is None else aggregate.filter & condition
    return aggregate


def _key(name: str, year: int, quarter: int) -> str:
    return f"{name}_{year}_{quarter}"


def _cumulative_counts(source, programme, quarters) -> dict:
    queryset, field, date_field = COUNTS[source]
    aggregates = {
        _key("n", year, quarter): _count(
            field, Q(**{f"{date_field}__lte": quarter_end(year, quarter)})
        )
        for year, quarter in quarters
    }
    figures = queryset(programme).order_by().aggregate(**aggregates)
    return {(year, quarter): figures[_key("n", year, quarter)] for year, quarter in quarters}


def learning_gain_percent(figures: dict) -> Decimal | None:
    """Hake's class gain in percent from the training aggregates; ``None`` under five people."""
    cells = training_selectors.gain_cells(figures.get("n"), figures.get("pre"), figures.get("post"))
    if cells["gain"] is None:
        return None
    return (Decimal(str(cells["gain"])) * 100).quantize(Decimal("1"))


def evaluation_score(figures: dict) -> Decimal | None:
    """Mean of every rating (relevance, clarity, practical use; 1–5); ``None`` under five."""
    cells = training_selectors.evaluation_cells(figures)
    if cells["evaluations"].suppressed or not figures.get("evaluations"):
        return None
    means = [figures.get(name) for name in training_selectors.RATINGS]
    if any(mean is None for mean in means):
        return None
    return Decimal(sum(means) / len(means)).quantize(Decimal("0.1"))


MEAN_AGGREGATES = {
    Source.AVERAGE_LEARNING_GAIN: (training_selectors.gain_aggregates, learning_gain_percent),
    Source.EVALUATION_SCORE: (training_selectors.evaluation_aggregates, evaluation_score),
}


def _period_means(source, programme, quarters) -> dict:
    queryset, date_field = MEANS[source]
    aggregates_of, value_of = MEAN_AGGREGATES[source]
    aggregates = {}
    for year, quarter in quarters:
        ended = Q(**{f"{date_field}__lte": quarter_end(year, quarter)})
        for name, aggregate in aggregates_of().items():
            aggregates[_key(name, year, quarter)] = _restricted(aggregate, ended)
    figures = queryset(programme).order_by().aggregate(**aggregates)
    names = list(aggregates_of())
    return {
        (year, quarter): value_of({name: figures[_key(name, year, quarter)] for name in names})
        for year, quarter in quarters
    }


def series(source, programme, quarters) -> dict:
    if source in MEANS:
        return _period_means(source, programme, quarters)
    return _cumulative_counts(source, programme, quarters)


COMPUTED = frozenset(COUNTS) | frozenset(MEANS)


def automatic_values(programme, sources) -> dict:
    """Per source, its value at the end of each quarter of the programme: one query each."""
    quarters = quarters_of(programme)
    return {source: series(source, programme, quarters) for source in sources if source in COMPUTED}


# --- breakdowns ---------------------------------------------------------------------------

TARGET_GROUP = "target_group"
CITY = "city"
COUNTRY = "country"
LANGUAGE = "language"
EVENT_KIND = "event_kind"

# Per source and dimension, the field the rows are grouped by.
GROUPED_BY = {
    Source.FRONTLINE_WORKERS_TRAINED: {
        CITY: "session__city",
        TARGET_GROUP: "session__course__edition__toolbox__target_group",
    },
    Source.CHILDREN_TRAINED: {
        CITY: "session__city",
        TARGET_GROUP: "session__course__edition__toolbox__target_group",
    },
    Source.SESSIONS_HELD: {CITY: "city", TARGET_GROUP: "course__edition__toolbox__target_group"},
    Source.TOOLBOXES_PUBLISHED: {TARGET_GROUP: "target_group"},
    Source.TRANSLATIONS_REVIEWED: {TARGET_GROUP: "toolbox__target_group", LANGUAGE: "language"},
    Source.TRAINEE_CITIES_ACTIVE: {COUNTRY: "organisation__country", TARGET_GROUP: None},
    Source.CITIES_REACHED: {COUNTRY: "organisation__country", TARGET_GROUP: None},
    Source.EVENT_ATTENDANCE: {EVENT_KIND: "event__kind"},
    Source.AVERAGE_LEARNING_GAIN: {
        CITY: "enrolment__session__city",
        TARGET_GROUP: "enrolment__session__course__edition__toolbox__target_group",
    },
    Source.EVALUATION_SCORE: {
        CITY: "session__city",
        TARGET_GROUP: "session__course__edition__toolbox__target_group",
    },
}


def _tracks(queryset, programme) -> dict:
    """Cities per toolbox track (their participations and pilot sites), as the network counts."""
    figures = queryset.order_by().aggregate(
        **{
            track: Count("pk", filter=network_selectors.track_filter(programme, track))
            for track in TargetGroup.values
        }
    )
    return {track: figures[track] for track in TargetGroup.values}


def _grouped(source, programme, group_field: str | None, until: date) -> dict:
    if source in MEANS:
        queryset, date_field = MEANS[source]
        aggregates_of, value_of = MEAN_AGGREGATES[source]
        rows = (
            queryset(programme)
            .filter(**{f"{date_field}__lte": until})
            .order_by()
            .values(group_field)
            .annotate(**aggregates_of())
        )
        return {row[group_field]: value_of(row) for row in rows}
    queryset, field, date_field = COUNTS[source]
    counted = queryset(programme).filter(**{f"{date_field}__lte": until})
    if group_field is None:
        return _tracks(counted, programme)
    rows = counted.order_by().values(group_field).annotate(n=Count(field, distinct=True))
    return {row[group_field]: row["n"] for row in rows}


def breakdowns(programme, sources, *, until: date) -> dict:
    """``{source: {dimension: {key: value}}}`` up to ``until``: one grouped query each.

    Counts are raw (suppress them before showing); averages are already withheld (``None``)
    where fewer than five people answered.
    """
    return {
        source: {
            dimension: _grouped(source, programme, group_field, until)
            for dimension, group_field in GROUPED_BY[source].items()
        }
        for source in sources
        if source in GROUPED_BY
    }
