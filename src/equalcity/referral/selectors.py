"""Reads of the referral app, shared by the pages, the HSDS API and the exports.

A confidential location (a shelter) never leaves these functions with its address, its
coordinates or its own record: pages get only the city and the service's intake phone,
the API and the exports leave the location out.
"""

import json
import math
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time
from io import BytesIO

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Power, Sqrt
from django.utils import timezone

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
    results: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass
class Listing:
    """One service at one location, as a worker sees it; no confidential detail."""

    service: m.Service
    location: m.Location
    distance_km: float | None
    needs: list = field(default_factory=list)
    attributes: list = field(default_factory=list)

    @property
    def address(self):
        if self.location.is_confidential:
            return None
        addresses = list(self.location.addresses.all())
        return addresses[0] if addresses else None

    @property
    def coordinates(self):
        if self.location.is_confidential or self.location.latitude is None:
            return None
        return (self.location.latitude, self.location.longitude)


def _has_term(code: str):
    return Exists(
        m.Attribute.objects.filter(link_id=OuterRef("service_id"), taxonomy_term_id=TERMS[code].id)
    )


def open_now_condition(moment: datetime | None = None):
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
    open_hours = m.Schedule.objects.filter(same_day | overnight)
    # Two EXISTS rather than one with an OR, so each can use its foreign-key index.
    return Exists(open_hours.filter(service_id=OuterRef("service_id"))) | Exists(
        open_hours.filter(service_at_location_id=OuterRef("pk"))
    )


def search_services(filters: SearchFilters, *, page: int = 1, per_page: int = 20) -> ResultPage:
    """Active services at locations matching every filter; nearest first when near a point."""
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
    total = qs.count()
    offset = (page - 1) * per_page
    rows = list(
        qs.select_related("service", "service__organization", "location")
        .prefetch_related(
            "service__phones",
            "service__languages",
            "service__schedules",
            Prefetch(
                "location__addresses",
                queryset=m.Address.objects.filter(location__is_confidential=False),
            ),
        )
        .order_by(*ordering)[offset : offset + per_page]
    )
    terms = _terms_of([row.service_id for row in rows])
    results = [
        Listing(
            service=row.service,
            location=row.location,
            distance_km=getattr(row, "distance_km", None),
            needs=[t for t in terms[row.service_id] if t.taxonomy_id == m.SGBV_TAXONOMY_ID],
            attributes=[
                t for t in terms[row.service_id] if t.taxonomy_id == m.ATTRIBUTES_TAXONOMY_ID
            ],
        )
        for row in rows
    ]
    return ResultPage(results=results, total=total, page=page, per_page=per_page)


def _terms_of(service_ids) -> dict:
    terms = defaultdict(list)
    for attribute in m.Attribute.objects.filter(link_id__in=service_ids).select_related(
        "taxonomy_term"
    ):
        terms[attribute.link_id].append(attribute.taxonomy_term)
    return terms


def cities() -> list[str]:
    return list(
        m.Location.objects.exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct()
    )


def map_points(city: str) -> tuple[list[dict], list[Listing]]:
    """Points for the map of a city; confidential locations have no point and are listed only."""
    page = search_services(SearchFilters(city=city), per_page=500)
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


def services_in(city: str):
    """The services with a location in a city, for choosing in the pathway editor."""
    return list(
        m.Service.objects.filter(at_locations__location__city__iexact=city)
        .distinct()
        .order_by("name", "id")
    )


def country_of(city: str) -> str:
    return str(
        m.Location.objects.filter(city=city)
        .exclude(country="")
        .values_list("country", flat=True)
        .first()
        or ""
    )


def service_listing(service_id) -> Listing | None:
    """One active service with its first location, for the detail page."""
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
    if row is None:
        return None
    terms = _terms_of([row.service_id])[row.service_id]
    return Listing(
        service=row.service,
        location=row.location,
        distance_km=None,
        needs=[t for t in terms if t.taxonomy_id == m.SGBV_TAXONOMY_ID],
        attributes=[t for t in terms if t.taxonomy_id == m.ATTRIBUTES_TAXONOMY_ID],
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
        qs = qs.filter(at_locations__location__city__iexact=city).distinct()
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
