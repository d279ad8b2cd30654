"""Reads of the network shared by pages, the API and (later) monitoring.

Every list is built in a constant number of queries; every count that could single a
person out (registrations, attendance) goes through ``core.privacy``. Counts of cities,
organisations and networks name no person and are shown as they are.
"""

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from equalcity.accounts.models import Organisation
from equalcity.core.privacy import SuppressedCounts, suppress_small_cells
from equalcity.network.models import (
    Application,
    CityProfile,
    Event,
    Registration,
    Stage,
    Story,
)
from equalcity.programmes.models import Participation, PilotSite, Programme, TargetGroup


def network_programmes():
    return Programme.objects.order_by("-starts_on", "name")


def track_filter(programme, track: str) -> Q:
    trainee = Participation.objects.filter(
        programme=programme, organisation=OuterRef("organisation"), target_group=track
    )
    pilot = PilotSite.objects.filter(
        programme=programme, partners=OuterRef("organisation"), target_group=track
    )
    return Q(Exists(trainee)) | Q(Exists(pilot))


def city_networks(programme):
    """The city networks taking part in the programme."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.CITY_NETWORK,
        participations__programme=programme,
        participations__kind=Participation.Kind.CITY_NETWORK,
    ).distinct()


def _filtered_profiles(programme, *, country: str = "", network: str = "", track: str = ""):
    profiles = CityProfile.objects.filter(programme=programme)
    if country:
        profiles = profiles.filter(organisation__country=country)
    if network:
        profiles = profiles.filter(networks__slug=network)
    if track:
        profiles = profiles.filter(track_filter(programme, track))
    return profiles


def city_profiles(programme, *, country: str = "", network: str = "", track: str = ""):
    """Cities of a programme with their networks and toolbox tracks, filtered."""
    return (
        _filtered_profiles(programme, country=country, network=network, track=track)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("networks", queryset=Organisation.objects.order_by("name")),
            Prefetch(
                "organisation__participations",
                queryset=Participation.objects.filter(programme=programme).exclude(target_group=""),
                to_attr="programme_tracks",
            ),
            Prefetch(
                "organisation__pilot_sites",
                queryset=PilotSite.objects.filter(programme=programme),
                to_attr="programme_pilot_sites",
            ),
        )
        .order_by("organisation__name", "pk")
    )


def tracks_of(profile: CityProfile) -> list[str]:
    """The toolbox tracks of a profile (from its participations and pilot sites), as values."""
    tracks = {p.target_group for p in getattr(profile.organisation, "programme_tracks", [])}
    tracks |= {s.target_group for s in getattr(profile.organisation, "programme_pilot_sites", [])}
    return [value for value in TargetGroup.values if value in tracks]


def city_profile(programme, slug: str) -> CityProfile | None:
    profile = (
        city_profiles(programme)
        .prefetch_related("stage_changes", "stage_changes__by")
        .filter(slug=slug)
        .first()
    )
    return profile


def countries_of(programme) -> list:
    """The countries that have a city in the programme, for the filter."""
    codes = (
        CityProfile.objects.filter(programme=programme)
        .values_list("organisation__country", flat=True)
        .distinct()
    )
    from django_countries import countries

    return sorted(
        ((code, countries.name(code)) for code in set(codes) if code), key=lambda item: item[1]
    )


class Labels:
    """Display names looked up once per request: ``get_FOO_display`` translates every call."""

    def __init__(self):
        from django_countries import countries

        self.stages = {value: str(label) for value, label in Stage.choices}
        self.kinds = {value: str(label) for value, label in CityProfile.Kind.choices}
        self.tracks = {value: str(label) for value, label in TargetGroup.choices}
        self._countries = countries
        self._country_names: dict[str, str] = {}

    def country(self, code) -> str:
        code = str(code or "")
        if code not in self._country_names:
            self._country_names[code] = str(self._countries.name(code)) if code else ""
        return self._country_names[code]


def city_rows(profiles) -> list[dict]:
    """What the list and the map show of each city: public facts, never the contact person."""
    labels = Labels()
    rows = []
    for profile in profiles:
        organisation = profile.organisation
        rows.append(
            {
                "profile": profile,
                "name": organisation.name,
                "slug": profile.slug,
                "city": organisation.city,
                "country": labels.country(organisation.country.code),
                "kind": labels.kinds[profile.kind],
                "stage": labels.stages[profile.stage],
                "tracks": [labels.tracks[track] for track in tracks_of(profile)],
                "networks": [network.name for network in profile.networks.all()],
            }
        )
    return rows


# The order of each point's values in the map's compact block (read by network/map.js).
MAP_POINT_FIELDS = ["slug", "name", "country", "kind", "stage", "lat", "lon"]


def map_data(programme, *, country: str = "", network: str = "", track: str = "") -> dict:
    """Every city with a position, filtered, for the map script: one query, no model objects.

    Each point is a short list in the order of ``fields``; the country, kind and stage are
    codes whose display names are given once in ``countries``, ``kinds`` and ``stages``, so
    the page stays small with thousands of cities. Public facts only, never the contact.
    """
    labels = Labels()
    rows = (
        _filtered_profiles(programme, country=country, network=network, track=track)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("organisation__name", "pk")
        .values_list(
            "slug",
            "organisation__name",
            "organisation__country",
            "kind",
            "stage",
            "latitude",
            "longitude",
        )
    )
    countries: dict[str, str] = {}
    points = []
    for slug, name, code, kind, stage, latitude, longitude in rows:
        code = str(code or "")
        if code not in countries:
            countries[code] = labels.country(code)
        points.append(
            [slug, name, code, kind, stage, round(float(latitude), 5), round(float(longitude), 5)]
        )
    return {
        "fields": MAP_POINT_FIELDS,
        "countries": countries,
        "kinds": labels.kinds,
        "stages": labels.stages,
        "points": points,
    }


def pending_applications(programme):
    return (
        Application.objects.filter(programme=programme, status=Application.Status.PENDING)
        .prefetch_related("networks")
        .order_by("created_at")
    )


def recent_decisions(programme, limit: int = 20):
    return (
        Application.objects.filter(programme=programme)
        .exclude(status=Application.Status.PENDING)
        .select_related("decided_by")
        .order_by("-decided_at")[:limit]
    )


# --- reach ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    cities: int
    countries: int
    by_country: list[tuple[str, int]]
    by_network: list[tuple[str, int]]
    by_track: list[tuple[str, int]]
    growth: list[tuple[str, int, int]]  # (quarter label, new, cumulative)
    events: list[tuple[Event, object, object]]  # (event, registered cell, attended cell)
    registrations_total: object
    attendance_total: object


def reach(programme) -> Reach:
    """How far the network reaches: cities by country, network and toolbox, growth, events."""
    profiles = CityProfile.objects.filter(programme=programme)
    by_country_rows = (
        profiles.values("organisation__country")
        .annotate(count=Count("id"))
        .order_by("-count", "organisation__country")
    )
    from django_countries import countries

    by_country = [
        (countries.name(row["organisation__country"]) or "—", row["count"])
        for row in by_country_rows
    ]
    by_network = [
        (name, count)
        for name, count in city_networks(programme)
        .annotate(
            count=Count(
                "member_city_profiles",
                filter=Q(member_city_profiles__programme=programme),
                distinct=True,
            )
        )
        .order_by("-count", "name")
        .values_list("name", "count")
    ]
    track_counts = profiles.aggregate(
        **{
            track: Count("id", filter=track_filter(programme, track), distinct=True)
            for track in TargetGroup.values
        }
    )
    by_track = [(str(label), track_counts[value]) for value, label in TargetGroup.choices]
    growth_rows = (
        profiles.annotate(quarter=TruncQuarter("joined_on"))
        .values("quarter")
        .annotate(count=Count("id"))
        .order_by("quarter")
    )
    growth, running = [], 0
    for row in growth_rows:
        running += row["count"]
        quarter = row["quarter"]
        label = f"{quarter.year} Q{(quarter.month - 1) // 3 + 1}"
        growth.append((label, row["count"], running))
    events = list(
        Event.objects.filter(programme=programme, is_published=True)
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("starts_at")
    )
    registered = suppress_small_cells({event.pk: event.registered for event in events})
    attended = suppress_small_cells({event.pk: event.attended_count for event in events})
    return Reach(
        cities=profiles.count(),
        countries=len(by_country),
        by_country=by_country,
        by_network=by_network,
        by_track=by_track,
        growth=growth,
        events=[(event, registered[event.pk], attended[event.pk]) for event in events],
        registrations_total=registered.total,
        attendance_total=attended.total,
    )


# --- events --------------------------------------------------------------------------------


def events(programme, *, upcoming: bool | None = None, published_only: bool = True):
    queryset = (
        Event.objects.filter(programme=programme)
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            )
        )
        .order_by("starts_at")
    )
    if published_only:
        queryset = queryset.filter(is_published=True)
    now = timezone.now()
    if upcoming is True:
        queryset = queryset.filter(ends_at__gt=now)
    elif upcoming is False:
        queryset = queryset.filter(ends_at__lte=now).order_by("-starts_at")
    return queryset


def event(programme, slug: str, *, published_only: bool = True) -> Event | None:
    return (
        events(programme, published_only=published_only)
        .prefetch_related("speakers")
        .filter(slug=slug)
        .first()
    )


def is_full(event_obj: Event) -> bool:
    """Whether every place is taken.

    Public pages say only this, never how many places are left: capacity minus places
    left is the number of people registered, a count of people that can be small.
    """
    confirmed = getattr(event_obj, "confirmed_count", None)
    if confirmed is None:
        confirmed = event_obj.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return confirmed >= event_obj.capacity


def registrations_of_event(event_obj: Event):
    return (
        Registration.objects.filter(event=event_obj)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("feedback")
        .order_by("status", "queued_at", "id")
    )


def registration(public_id) -> Registration | None:
    return (
        Registration.objects.select_related("event", "event__programme")
        .prefetch_related("event__speakers")
        .filter(public_id=public_id)
        .first()
    )


def registrations_of_user(user):
    """One's own registrations: made signed in, or with one's account address."""
    return (
        Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("event", "event__programme")
        .order_by("event__starts_at")
    )


def feedback_summary(event_obj: Event) -> tuple[SuppressedCounts, float | None]:
    """Ratings of an event, each count suppressed when small."""
    rows = OrderedDict((value, 0) for value in range(1, 6))
    for row in (
        Registration.objects.filter(event=event_obj, feedback__isnull=False)
        .values("feedback__rating")
        .annotate(count=Count("id"))
    ):
        rows[row["feedback__rating"]] = row["count"]
    total = sum(rows.values())
    average = (
        round(sum(value * count for value, count in rows.items()) / total, 1)
        if total >= 5
        else None
    )
    return suppress_small_cells(rows), average


# --- stories -------------------------------------------------------------------------------


def published_stories(programme, *, language: str = ""):
    stories = (
        Story.objects.filter(programme=programme, published_at__lte=timezone.now())
        .select_related("city", "city__organisation", "programme")
        .order_by("-published_at", "title")
    )
    if language:
        stories = stories.filter(language=language)
    return stories


def story(programme, slug: str, language: str) -> Story | None:
    stories = published_stories(programme).filter(slug=slug)
    return stories.filter(language=language).first() or stories.first()


def story_languages(programme, slug: str) -> list[str]:
    return list(published_stories(programme).filter(slug=slug).values_list("language", flat=True))


def draft_stories(programme):
    return Story.objects.filter(programme=programme, published_at__isnull=True).order_by(
        "-created_at"
    )


def story_for_editing(programme, pk: int) -> Story | None:
    """A story of the programme, draft or published; another programme's answers None."""
    return (
        Story.objects.filter(programme=programme, pk=pk)
        .select_related("programme", "city", "city__organisation")
        .first()
    )


def story_city_choices(programme):
    """The cities a story can be about, by name (for a form's choice list)."""
    return (
        CityProfile.objects.filter(programme=programme)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
