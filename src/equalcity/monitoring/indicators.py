"""Automatic indicator values, computed in the database per quarter from other apps' data.

Each function returns ``{(year, quarter): cumulative value at the end of the quarter}`` in
one query: a conditional aggregate per quarter. Counts of people follow the training app's
own rules (``training.selectors.completed_enrolments``), so the figure shown here is the
figure the training dashboard shows.
"""

from django.db.models import Count, Q

from equalcity.monitoring.models import Indicator
from equalcity.monitoring.periods import quarter_end, quarters_of
from equalcity.toolboxes import selectors as toolbox_selectors
from equalcity.training import selectors as training_selectors
from equalcity.training.models import Audience, ChildParticipant, Session

Source = Indicator.Source


def _per_quarter(queryset, field: str, date_field: str, quarters) -> dict:
    aggregates = {
        f"q{year}_{quarter}": Count(
            field, distinct=True, filter=Q(**{f"{date_field}__lte": quarter_end(year, quarter)})
        )
        for year, quarter in quarters
    }
    figures = queryset.order_by().aggregate(**aggregates)
    return {(year, quarter): figures[f"q{year}_{quarter}"] for year, quarter in quarters}


def frontline_workers_trained(programme, quarters) -> dict:
    # A worker counts once, from the end of the first session they completed.
    return _per_quarter(
        training_selectors.completed_enrolments(programme), "user", "session__ends_on", quarters
    )


def children_trained(programme, quarters) -> dict:
    children = ChildParticipant.objects.filter(
        session__course__programme=programme, session__course__audience=Audience.CHILDREN
    )
    return _per_quarter(children, "pk", "session__starts_on", quarters)


def sessions_held(programme, quarters) -> dict:
    return _per_quarter(
        Session.objects.filter(course__programme=programme), "pk", "starts_on", quarters
    )


def toolboxes_published(programme, quarters) -> dict:
    toolboxes = toolbox_selectors.published_toolboxes().filter(programme=programme)
    return _per_quarter(toolboxes, "pk", "editions__published_at__date", quarters)


COMPUTED = {
    Source.FRONTLINE_WORKERS_TRAINED: frontline_workers_trained,
    Source.CHILDREN_TRAINED: children_trained,
    Source.SESSIONS_HELD: sessions_held,
    Source.TOOLBOXES_PUBLISHED: toolboxes_published,
}


def automatic_values(programme, sources) -> dict:
    """Per source, the cumulative value at the end of each quarter of the programme."""
    quarters = quarters_of(programme)
    return {
        source: COMPUTED[source](programme, quarters) for source in sources if source in COMPUTED
    }
