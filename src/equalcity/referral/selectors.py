"""Reads of the referral app, shared by the pages, the HSDS API and the exports.

A confidential location (a shelter) never leaves these functions with its address, its
coordinates or its own record: pages get only the city and the service's intake phone,
the API and the exports leave the location out.

A service without a location (a national helpline, an online service) is found through
its service areas: the country, or the city, each area covers.
"""

import json
import math
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time
from io import BytesIO

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Power, Sqrt
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext
from django_countries.fields import Country

from equalcity.core.privacy import suppress_small_cells
from equalcity.referral import hsds
from equalcity.referral import models as m
from equalcity.referral.taxonomy import TERMS

KM_PER_DEGREE = 111.195
END_OF_DAY = time(23, 59)
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class SearchFilters:
    city: str = ""
    need: str = ""
    language: str = ""
    open_now: bool = False
    attributes: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    text: str = ""


@dataclass
class ResultPage:
    """One page of a search: services at a location first, then services without one.

    ``results`` are the services at a location on this page, ``remote`` the services
    without a location (helplines, online services) on this page; ``total`` counts both.
    The services without a location follow every service at a location, so they begin on
    ``remote_first_page``.
    """

    results: list
    total: int
    page: int
    per_page: int
    remote: list = field(default_factory=list)
    remote_total: int = 0

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def located_total(self) -> int:
        return self.total - self.remote_total

    @property
    def remote_first_page(self) -> int:
        return self.located_total // self.per_page + 1


@dataclass(frozen=True)
class Area:
    """Where a service without a location is available, as a worker reads it."""

    name: str
    city: str = ""
    country: str = ""
    description: str = ""

    @classmethod
    def of(cls, area: m.ServiceArea) -> "Area":
        return cls(area.name, area.city, str(area.country), area.description)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.city:
            return self.city
        return Country(self.country).name if self.country else ""


@dataclass
class Listing:
    """One service at one location, or one service without a location, as a worker sees it.

    Never a confidential detail: a confidential location gives no address and no position.
    """

    service: m.Service
    location: m.Location | None
    distance_km: float | None
    needs: list = field(default_factory=list)
    attributes: list = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)

    @property
    def is_remote(self) -> bool:
        """Reached by phone or online only: the service has no location to go to."""
        return self.location is None

    @property
    def area(self) -> Area | None:
        return self.areas[0] if self.areas else None

    @property
    def address(self):
        if self.location is None or self.location.is_confidential:
            return None
        addresses = list(self.location.addresses.all())
        return addresses[0] if addresses else None

    @property
    def coordinates(self):
        if self.location is None or self.location.is_confidential or self.location.latitude is None:
            return None
        return (self.location.latitude, self.location.longitude)

    @property
    def hours(self) -> list[str]:
        return opening_hours(self.service.schedules.all())


def opening_hours(schedules) -> list[str]:
    """Weekly schedules as a person reads them: "Mon–Fri, 09:00–17:00", "Every day, 24 hours"."""
    lines = []
    for schedule in schedules:
        days = _days_text(schedule.byday)
        hours = ""
        if schedule.opens_at is not None and schedule.closes_at is not None:
            if schedule.opens_at == time(0, 0) and schedule.closes_at >= END_OF_DAY:
                hours = gettext("24 hours")
            else:
                hours = f"{schedule.opens_at:%H:%M}–{schedule.closes_at:%H:%M}"
        if days and hours:
            lines.append(gettext("%(days)s, %(hours)s") % {"days": days, "hours": hours})
        elif days or hours:
            lines.append(days or hours)
        elif schedule.description:
            lines.append(schedule.description)
    return lines


def _days_text(byday: str) -> str:
    codes = byday.upper().replace(" ", "").split(",")
    indexes = sorted({DAYS.index(code) for code in codes if code in DAYS})
    if not indexes:
        return ""
    if len(indexes) == 7:
        return gettext("Every day")
    runs, start, previous = [], indexes[0], indexes[0]
    for index in indexes[1:]:
        if index != previous + 1:
            runs.append((start, previous))
            start = index
        previous = index
    runs.append((start, previous))
    parts = []
    for first, last in runs:
        if first == last:
            parts.append(str(WEEKDAYS_ABBR[first]))
        elif last == first + 1:
            parts.append(f"{WEEKDAYS_ABBR[first]}, {WEEKDAYS_ABBR[last]}")
        else:
            parts.append(f"{WEEKDAYS_ABBR[first]}–{WEEKDAYS_ABBR[last]}")
    return ", ".join(parts)


def _has_term(code: str, ref: str = "service_id"):
    return Exists(
        m.Attribute.objects.filter(link_id=OuterRef(ref), taxonomy_term_id=TERMS[code].id)
    )


def open_schedules(moment: datetime | None = None):
    """Schedules (weekly, by day) open at this moment in the installation's time zone."""
    now = timezone.localtime(moment)
    day, previous_day = DAYS[now.weekday()], DAYS[(now.weekday() - 1) % 7]
    t = now.time().replace(microsecond=0)
    same_day = Q(byday__contains=day) & (
        Q(opens_at__lte=t, closes_at__gt=t)
        | Q(opens_at__lte=t, closes_at__gte=END_OF_DAY)  # "until 23:59" means until midnight
        | Q(closes_at__lte=F("opens_at"), opens_at__lte=t)  # open past midnight, evening part
    )
    overnight = Q(byday__contains=previous_day, closes_at__lte=F("opens_at"), closes_at__gt=t)
    return m.Schedule.objects.filter(same_day | overnight)


def open_now_condition(moment: datetime | None = None):
    """For services at locations: open by the service's or the service-at-location's hours."""
    open_hours = open_schedules(moment)
    # Two EXISTS rather than one with an OR, so each can use its foreign-key index.
    return Exists(open_hours.filter(service_id=OuterRef("service_id"))) | Exists(
        open_hours.filter(service_at_location_id=OuterRef("pk"))
    )


# --- where a service without a location is available ---------------------------------------

# How far from a point the search looks for the place that tells which country the point
# is in (the form's largest radius): no geocoding, the nearest known location decides.
NEAREST_PLACE_KM = 200


def _country_of_city(city: str):
    """The country of a city as an SQL expression: from its locations, else service areas."""
    return Coalesce(
        Subquery(
            m.Location.objects.filter(city__iexact=city)
            .exclude(country="")
            .order_by()
            .values("country")[:1]
        ),
        Subquery(
            m.ServiceArea.objects.filter(city__iexact=city)
            .exclude(country="")
            .order_by()
            .values("country")[:1]
        ),
        output_field=CharField(),
    )


def _nearest_place(latitude: float, longitude: float, column: str):
    """The city or country of the known location nearest to a point (SQL), or NULL."""
    dlat = NEAREST_PLACE_KM / KM_PER_DEGREE
    scale = max(math.cos(math.radians(latitude)), 0.01)
    dlon = min(NEAREST_PLACE_KM / (KM_PER_DEGREE * scale), 180)
    return Subquery(
        m.Location.objects.filter(
            latitude__range=(latitude - dlat, latitude + dlat),
            longitude__range=(longitude - dlon, longitude + dlon),
        )
        .exclude(country="")
        .annotate(
            squared=Power(F("latitude") - latitude, 2)
            + Power((F("longitude") - longitude) * scale, 2)
        )
        .order_by("squared", "pk")
        .values(column)[:1]
    )


def covering_areas(filters: SearchFilters):
    """Service areas that cover the searched place: the city, or the country it is in.

    With a city: areas of that city and areas of its whole country. With a point and no
    city: the same for the known location nearest to the point. With neither: every area.
    """
    areas = m.ServiceArea.objects.order_by()
    if filters.city:
        return areas.filter(
            Q(city__iexact=filters.city) | Q(city="", country=_country_of_city(filters.city))
        )
    if filters.latitude is not None:
        lat, lon = filters.latitude, filters.longitude
        return areas.filter(
            (Q(city=_nearest_place(lat, lon, "city")) & ~Q(city=""))
            | Q(city="", country=_nearest_place(lat, lon, "country"))
        )
    return areas


def _without_location():
    return ~Exists(m.ServiceAtLocation.objects.filter(service_id=OuterRef("pk")))


def _remote_services(filters: SearchFilters):
    """Active services without a location whose service area covers the searched place."""
    # Driven by the service areas (few) rather than the services (many): IN, not EXISTS.
    qs = m.Service.objects.filter(
        pk__in=covering_areas(filters).values("service_id"),
        status=m.Service.Status.ACTIVE,
    ).filter(_without_location())
    if filters.need:
        qs = qs.filter(_has_term(filters.need, "pk"))
    for code in filters.attributes:
        qs = qs.filter(_has_term(code, "pk"))
    if filters.language:
        qs = qs.filter(
            Exists(m.Language.objects.filter(service_id=OuterRef("pk"), code=filters.language))
        )
    if filters.text:
        qs = qs.filter(Q(name__icontains=filters.text) | Q(description__icontains=filters.text))
    if filters.open_now:
        # A service without a location has only its own hours.
        qs = qs.filter(Exists(open_schedules().filter(service_id=OuterRef("pk"))))
    return qs


def _with_covering_area(qs, filters: SearchFilters):
    """The area to show with each service: one of its city before one of its whole country."""
    area = covering_areas(filters).filter(service_id=OuterRef("pk")).order_by("-city", "name", "id")
    return qs.annotate(
        area_name=Subquery(area.values("name")[:1]),
        area_city=Subquery(area.values("city")[:1]),
        area_country=Subquery(area.values("country")[:1]),
    )


# --- search -------------------------------------------------------------------------------


def _located_services(filters: SearchFilters):
    """Active services at locations matching every filter, and the order to list them in."""
    qs = m.ServiceAtLocation.objects.filter(service__status=m.Service.Status.ACTIVE)
    if filters.city:
        qs = qs.filter(location__city=filters.city)  # exact: the form offers known cities
    if filters.need:
        qs = qs.filter(_has_term(filters.need))
    for code in filters.attributes:
        qs = qs.filter(_has_term(code))
    if filters.language:
        qs = qs.filter(
            Exists(
                m.Language.objects.filter(service_id=OuterRef("service_id"), code=filters.language)
            )
        )
    if filters.text:
        qs = qs.filter(
            Q(service__name__icontains=filters.text)
            | Q(service__description__icontains=filters.text)
        )
    if filters.open_now:
        qs = qs.filter(open_now_condition())
    ordering = ["service__name", "pk"]
    if filters.latitude is not None:
        lat0, lon0, radius = filters.latitude, filters.longitude, filters.radius_km or 10
        dlat = radius / KM_PER_DEGREE
        scale = max(math.cos(math.radians(lat0)), 0.01)
        dlon = min(radius / (KM_PER_DEGREE * scale), 180)
        qs = (
            qs.filter(
                location__is_confidential=False,
                location__latitude__range=(lat0 - dlat, lat0 + dlat),
                location__longitude__range=(lon0 - dlon, lon0 + dlon),
            )
            .annotate(
                distance_km=Sqrt(
                    Power(F("location__latitude") - lat0, 2)
                    + Power((F("location__longitude") - lon0) * scale, 2)
                )
                * KM_PER_DEGREE
            )
            .filter(distance_km__lte=radius)
        )
        ordering = ["distance_km", "pk"]
    return qs, ordering


def search_services(
    filters: SearchFilters, *, page: int = 1, per_page: int = 20, include_remote: bool = True
) -> ResultPage:
    """Services matching every filter: at locations (nearest first when near a point), then
    services without a location whose service area covers the place (by name).

    One page is at most nine queries whatever its size: two counts, the services at
    locations with their addresses, the services without one, their phones, languages and
    hours together, and their needs and attributes.
    """
    located, ordering = _located_services(filters)
    located_total = located.count()
    remote = _remote_services(filters) if include_remote else None
    remote_total = remote.count() if remote is not None else 0
    offset = (page - 1) * per_page
    rows = []
    if offset < located_total:
        rows = list(
            located.select_related("service", "service__organization", "location")
            .prefetch_related(
                Prefetch(
                    "location__addresses",
                    queryset=m.Address.objects.filter(location__is_confidential=False),
                )
            )
            .order_by(*ordering)[offset : offset + per_page]
        )
    remote_rows = []
    remote_offset = max(0, offset - located_total)
    wanted = per_page - len(rows)
    if remote is not None and wanted > 0 and remote_offset < remote_total:
        remote_rows = list(
            _with_covering_area(remote, filters)
            .select_related("organization")
            .order_by("name", "id")[remote_offset : remote_offset + wanted]
        )
    services = [row.service for row in rows] + remote_rows
    prefetch_related_objects(services, "phones", "languages", "schedules")
    terms = _terms_of([service.id for service in services])
    results = [
        _listing(
            row.service,
            terms,
            location=row.location,
            distance_km=getattr(row, "distance_km", None),
        )
        for row in rows
    ]
    remote_listings = [
        _listing(
            service,
            terms,
            areas=[Area(service.area_name, service.area_city, service.area_country or "")],
        )
        for service in remote_rows
    ]
    return ResultPage(
        results=results,
        total=located_total + remote_total,
        page=page,
        per_page=per_page,
        remote=remote_listings,
        remote_total=remote_total,
    )


def _listing(service, terms, *, location=None, distance_km=None, areas=()) -> Listing:
    own = terms[service.id]
    return Listing(
        service=service,
        location=location,
        distance_km=distance_km,
        needs=[t for t in own if t.taxonomy_id == m.SGBV_TAXONOMY_ID],
        attributes=[t for t in own if t.taxonomy_id == m.ATTRIBUTES_TAXONOMY_ID],
        areas=list(areas),
    )


def _terms_of(service_ids) -> dict:
    terms = defaultdict(list)
    for attribute in m.Attribute.objects.filter(link_id__in=service_ids).select_related(
        "taxonomy_term"
    ):
        terms[attribute.link_id].append(attribute.taxonomy_term)
    return terms


def cities() -> list[str]:
    """Cities of locations and of service areas: what a worker can search in."""
    located = m.Location.objects.exclude(city="").order_by().values_list("city", flat=True)
    covered = m.ServiceArea.objects.exclude(city="").order_by().values_list("city", flat=True)
    return sorted(located.union(covered))


def map_points(city: str) -> tuple[list[dict], list[Listing]]:
    """Points for the map of a city; confidential locations have no point and are listed only."""
    page = search_services(SearchFilters(city=city), per_page=500, include_remote=False)
    points = [
        {
            "name": listing.service.name,
            "lat": listing.location.latitude,
            "lon": listing.location.longitude,
            "safe_space": any(t.code == "lgbtqi_safe" for t in listing.attributes),
        }
        for listing in page.results
        if listing.coordinates is not None
    ]
    return points, page.results


def _in_city(city: str):
    """Services at a location in a city, or without a location but covering the city."""
    located = m.ServiceAtLocation.objects.filter(location__city__iexact=city).values("service_id")
    covering = covering_areas(SearchFilters(city=city)).values("service_id")
    return Q(pk__in=located) | (Q(pk__in=covering) & _without_location())


def services_in(city: str):
    """The services of a city, for choosing in the pathway editor (helplines covering it too)."""
    return list(m.Service.objects.filter(_in_city(city)).order_by("name", "id"))


def country_of(city: str) -> str:
    return str(
        m.Location.objects.filter(city=city)
        .exclude(country="")
        .values_list("country", flat=True)
        .first()
        or m.ServiceArea.objects.filter(city=city)
        .exclude(country="")
        .values_list("country", flat=True)
        .first()
        or ""
    )


def service_listing(service_id) -> Listing | None:
    """One service with its first location (or its service areas), for the detail page."""
    row = (
        m.ServiceAtLocation.objects.filter(service_id=service_id)
        .select_related("service", "service__organization", "location")
        .prefetch_related(
            "service__phones",
            "service__languages",
            "service__schedules",
            "service__required_documents",
            Prefetch(
                "location__addresses",
                queryset=m.Address.objects.filter(location__is_confidential=False),
            ),
        )
        .order_by("pk")
        .first()
    )
    if row is not None:
        return _listing(row.service, _terms_of([row.service_id]), location=row.location)
    service = (
        m.Service.objects.filter(id=service_id)
        .select_related("organization")
        .prefetch_related(
            "phones",
            "languages",
            "schedules",
            "required_documents",
            Prefetch("service_areas", queryset=m.ServiceArea.objects.order_by("-city", "name")),
        )
        .first()
    )
    if service is None:
        return None
    return _listing(
        service,
        _terms_of([service.id]),
        areas=[Area.of(area) for area in service.service_areas.all()],
    )


# --- pathways -----------------------------------------------------------------------------


def pathways_of(programme):
    return m.Pathway.objects.filter(programme=programme).order_by("city", "target_group")


def pathway_with_steps(programme, public_id):
    return (
        m.Pathway.objects.filter(programme=programme, public_id=public_id)
        .prefetch_related(
            Prefetch(
                "steps__services",
                queryset=m.Service.objects.select_related("organization").prefetch_related(
                    "phones"
                ),
            )
        )
        .first()
    )


# --- referral slips -----------------------------------------------------------------------


def slips_of(programme, user):
    return (
        m.ReferralSlip.objects.filter(programme=programme, referred_by=user)
        .select_related("service")
        .prefetch_related("needs")
        .order_by("-created_at")
    )


def slip_by_reference(programme, reference: str):
    return (
        m.ReferralSlip.objects.filter(programme=programme, reference=reference.strip().upper())
        .select_related("service")
        .prefetch_related("needs")
        .first()
    )


def incoming_slips(programme, user):
    """Referrals sent to the services where the user works, newest first."""
    services = m.ServiceStaff.objects.filter(programme=programme, user=user).values("service_id")
    return (
        m.ReferralSlip.objects.filter(programme=programme, service_id__in=services)
        .select_related("service")
        .prefetch_related("needs")
        .order_by("-created_at", "-id")
    )


def staff_of(programme, service):
    return (
        m.ServiceStaff.objects.filter(programme=programme, service=service)
        .select_related("user")
        .order_by("user__email")
    )


def imports_of(programme):
    return m.DirectoryImport.objects.filter(programme=programme).order_by("-created_at", "-id")


def referral_counts_by_service(programme):
    """Referrals per service, counted in the database, small cells suppressed."""
    rows = (
        m.ReferralSlip.objects.filter(programme=programme)
        .values("service_id", "service__name")
        .annotate(count=Count("id"))
        .order_by("service__name", "service_id")
    )
    return suppress_small_cells(
        {(row["service__name"], row["service_id"]): row["count"] for row in rows}
    )


# --- HSDS JSON ----------------------------------------------------------------------------


def _full_services_queryset():
    return (
        m.Service.objects.select_related("organization")
        .prefetch_related(
            "phones",
            "schedules",
            "languages",
            "cost_options",
            "required_documents",
            "contacts",
            "service_areas",
            Prefetch(
                "at_locations",
                queryset=m.ServiceAtLocation.objects.filter(location__is_confidential=False)
                .select_related("location")
                .prefetch_related("location__addresses", "location__accessibility"),
            ),
        )
        .order_by("name", "id")
    )


def public_services(
    *,
    text="",
    taxonomy_term_id=None,
    taxonomy_id=None,
    organization_id=None,
    modified_after=None,
    city="",
    language="",
):
    """Services for the HSDS API, filtered as HSDS names the filters."""
    qs = _full_services_queryset()
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(description__icontains=text))
    if taxonomy_term_id:
        qs = qs.filter(
            Exists(
                m.Attribute.objects.filter(
                    link_id=OuterRef("pk"), taxonomy_term_id=taxonomy_term_id
                )
            )
        )
    if taxonomy_id:
        qs = qs.filter(
            Exists(
                m.Attribute.objects.filter(
                    link_id=OuterRef("pk"), taxonomy_term__taxonomy_id=taxonomy_id
                )
            )
        )
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if modified_after:
        qs = qs.filter(last_modified__gte=modified_after)
    if city:
        qs = qs.filter(_in_city(city))
    if language:
        qs = qs.filter(
            Exists(m.Language.objects.filter(service_id=OuterRef("pk"), code__iexact=language))
        )
    return qs


def _attributes_json(ids) -> dict:
    by_link = defaultdict(list)
    for attribute in m.Attribute.objects.filter(link_id__in=list(ids)).select_related(
        "taxonomy_term", "taxonomy_term__taxonomy"
    ):
        record = hsds.record_of("attribute", attribute)
        record["taxonomy_term"] = taxonomy_term_json(attribute.taxonomy_term)
        by_link[attribute.link_id].append(record)
    return by_link


def taxonomy_term_json(term) -> dict:
    record = hsds.record_of("taxonomy_term", term)
    if term.taxonomy_id and term.taxonomy is not None:
        record["taxonomy_detail"] = hsds.record_of("taxonomy", term.taxonomy)
    return record


def location_json(location, attributes) -> dict:
    record = hsds.record_of("location", location)
    record["addresses"] = [hsds.record_of("address", a) for a in location.addresses.all()]
    record["accessibility"] = [
        hsds.record_of("accessibility", a) for a in location.accessibility.all()
    ]
    record["attributes"] = attributes.get(location.id, [])
    return record


def services_json(services, *, full: bool = True) -> list[dict]:
    """HSDS service objects; a confidential location is never among them."""
    services = list(services)
    link_ids = {s.id for s in services}
    if full:
        for service in services:
            link_ids.update(sal.location_id for sal in service.at_locations.all())
    attributes = _attributes_json(link_ids)
    confidential = set()
    if full:
        linked = set()
        for service in services:
            for related in [
                *service.phones.all(),
                *service.schedules.all(),
                *service.languages.all(),
                *service.contacts.all(),
            ]:
                linked.add(getattr(related, "location_id", None))
                linked.add(getattr(related, "service_at_location_id", None))
        confidential = _confidential_ids(linked - {None})

    def clean(record):
        return _strip_confidential(record, confidential)

    out = []
    for service in services:
        record = hsds.record_of("service", service)
        if not full:
            out.append(record)
            continue
        if service.organization is not None:
            record["organization"] = hsds.record_of("organization", service.organization)
        record["phones"] = [clean(hsds.record_of("phone", p)) for p in service.phones.all()]
        record["schedules"] = [
            clean(hsds.record_of("schedule", s)) for s in service.schedules.all()
        ]
        record["languages"] = [
            clean(hsds.record_of("language", x)) for x in service.languages.all()
        ]
        record["cost_options"] = [
            hsds.record_of("cost_option", c) for c in service.cost_options.all()
        ]
        record["required_documents"] = [
            hsds.record_of("required_document", d) for d in service.required_documents.all()
        ]
        record["contacts"] = [clean(hsds.record_of("contact", c)) for c in service.contacts.all()]
        record["service_areas"] = [
            hsds.record_of("service_area", a) for a in service.service_areas.all()
        ]
        record["attributes"] = attributes.get(service.id, [])
        record["service_at_locations"] = []
        for sal in service.at_locations.all():
            entry = hsds.record_of("service_at_location", sal)
            entry["location"] = location_json(sal.location, attributes)
            record["service_at_locations"].append(entry)
        out.append(record)
    return out


def _confidential_ids(among=None) -> set[str]:
    """Ids of confidential locations and of services at them (all, or among some ids)."""
    locations = m.Location.objects.filter(is_confidential=True)
    sals = m.ServiceAtLocation.objects.filter(location__is_confidential=True)
    if among is not None:
        locations, sals = locations.filter(id__in=among), sals.filter(id__in=among)
    return {str(i) for i in locations.values_list("id", flat=True)} | {
        str(i) for i in sals.values_list("id", flat=True)
    }


def organizations_queryset(text=""):
    qs = m.Organization.objects.all().order_by("name", "id")
    if text:
        qs = qs.filter(name__icontains=text)
    return qs


def service_at_locations_queryset():
    return (
        m.ServiceAtLocation.objects.filter(location__is_confidential=False)
        .select_related("location")
        .prefetch_related("location__addresses", "location__accessibility")
        .order_by("id")
    )


# --- datapackage export -------------------------------------------------------------------


def export_tables() -> dict[str, list[dict]]:
    """Every table as HSDS records, without confidential locations or links to them."""
    confidential = _confidential_ids()
    tables: dict[str, list[dict]] = {}
    for table in hsds.TABLES:
        records = []
        for obj in table.model.objects.order_by("pk").iterator(chunk_size=2000):
            record = hsds.record_of(table.name, obj)
            if table.name == "location" and obj.is_confidential:
                continue
            if (
                table.name in {"address", "accessibility"}
                and record.get("location_id") in confidential
            ):
                continue
            if table.name == "service_at_location" and record["id"] in confidential:
                continue
            if table.name == "attribute" and record.get("link_id") in confidential:
                continue
            if table.name == "service_area":
                record = _strip_confidential(record, confidential)
            if table.name in {"contact", "phone", "schedule", "language"}:
                had_links = any(record.get(key) for key in table.references)
                record = _strip_confidential(record, confidential)
                if had_links and not any(record.get(key) for key in table.references):
                    continue
            records.append(record)
        tables[table.name] = records
    return tables


def _strip_confidential(record: dict, confidential: set[str]) -> dict:
    for key in ("location_id", "service_at_location_id"):
        if record.get(key) in confidential:
            record.pop(key)
    return record


def export_datapackage() -> bytes:
    """A zip of CSV files and datapackage.json, plus services.json (HSDS JSON)."""
    tables = export_tables()
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json", json.dumps(hsds.datapackage_descriptor(list(tables)), indent=2)
        )
        for name, records in tables.items():
            archive.writestr(hsds.schema(name)["path"], hsds.csv_text(name, records))
        archive.writestr(
            "services.json", json.dumps(services_json(_full_services_queryset()), indent=2)
        )
    return buffer.getvalue()
