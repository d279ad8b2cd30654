from django.db.models import Prefetch

from equalcity.programmes.models import Participation, PilotSite, Programme


def programme_overviews():
    """Programmes with everything their public overview shows, in a constant number of queries."""
    return Programme.objects.select_related("lead_organisation").prefetch_related(
        Prefetch(
            "pilot_sites",
            queryset=PilotSite.objects.prefetch_related("partners").order_by("position", "city"),
        ),
        "targets",
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
        ),
    )


def participations_by_kind(programme) -> dict[str, list[Participation]]:
    grouped: dict[str, list[Participation]] = {}
    for participation in programme.participations.all():
        grouped.setdefault(participation.kind, []).append(participation)
    return grouped
