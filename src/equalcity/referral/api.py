"""The HSDS 3 read API: /services, /services/{id}, /organizations, /service_at_locations,
/taxonomies, /taxonomy_terms, with HSDS paging (page, per_page) and filters.

Open to anyone, read only. Confidential locations are never served.
"""

import math
import uuid

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from equalcity.referral import hsds, selectors
from equalcity.referral import models as m

MAX_PER_PAGE = 200
PAGING = [
    OpenApiParameter("page", int, description="Page number, from 1."),
    OpenApiParameter("per_page", int, description=f"Entities per page, 1 to {MAX_PER_PAGE}."),
]


def _int(request, name, default, low, high):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError(
            {name: _("%(value)s is not a whole number.") % {"value": raw}}
        ) from None
    if not low <= value <= high:
        raise ValidationError(
            {name: _("Give a number from %(low)s to %(high)s.") % {"low": low, "high": high}}
        )
    return value


def _uuid(request, name):
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError({name: _("%(value)s is not a UUID.") % {"value": raw}}) from None


def paged(request, queryset, render):
    """HSDS paging: total_items, total_pages, page_number, size, first_page, last_page, empty."""
    page = _int(request, "page", 1, 1, 1_000_000)
    per_page = _int(request, "per_page", 50, 1, MAX_PER_PAGE)
    total = queryset.count()
    pages = max(1, math.ceil(total / per_page))
    items = list(queryset[(page - 1) * per_page : page * per_page])
    contents = render(items)
    return Response(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


class HSDSView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


class ServiceList(HSDSView):
    """HSDS services, fully nested unless minimal=true."""

    @extend_schema(
        operation_id="hsds_services_list",
        parameters=[
            *PAGING,
            OpenApiParameter("search", str, description="Text in the name or description."),
            OpenApiParameter("taxonomy_term_id", OpenApiTypes.UUID),
            OpenApiParameter("taxonomy_id", OpenApiTypes.UUID),
            OpenApiParameter("organization_id", OpenApiTypes.UUID),
            OpenApiParameter("modified_after", OpenApiTypes.DATETIME),
            OpenApiParameter("minimal", bool),
            OpenApiParameter("city", str, description="Equalcity extension: the city."),
            OpenApiParameter("language", str, description="Equalcity extension: ISO 639-1 code."),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        modified_after = request.query_params.get("modified_after")
        parsed_after = None
        if modified_after:
            parsed_after = parse_datetime(modified_after)
            if parsed_after is None:
                raise ValidationError(
                    {
                        "modified_after": _("%(value)s is not a date and time.")
                        % {"value": modified_after}
                    }
                )
        minimal = request.query_params.get("minimal", "false").lower() == "true"
        qs = selectors.public_services(
            text=request.query_params.get("search", "")[:200],
            taxonomy_term_id=_uuid(request, "taxonomy_term_id"),
            taxonomy_id=_uuid(request, "taxonomy_id"),
            organization_id=_uuid(request, "organization_id"),
            modified_after=parsed_after,
            city=request.query_params.get("city", "")[:120],
            language=request.query_params.get("language", "")[:20],
        )
        return paged(request, qs, lambda items: selectors.services_json(items, full=not minimal))


class ServiceDetail(HSDSView):
    @extend_schema(operation_id="hsds_services_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        service = selectors.public_services().filter(pk=pk).first()
        if service is None:
            raise NotFound()
        return Response(selectors.services_json([service])[0])


class OrganizationList(HSDSView):
    @extend_schema(
        operation_id="hsds_organizations_list",
        parameters=[*PAGING, OpenApiParameter("search", str)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        qs = selectors.organizations_queryset(request.query_params.get("search", "")[:200])
        return paged(request, qs, lambda items: [hsds.record_of("organization", o) for o in items])


class OrganizationDetail(HSDSView):
    @extend_schema(operation_id="hsds_organizations_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        organization = selectors.organizations_queryset().filter(pk=pk).first()
        if organization is None:
            raise NotFound()
        return Response(hsds.record_of("organization", organization))


class ServiceAtLocationList(HSDSView):
    @extend_schema(
        operation_id="hsds_service_at_locations_list",
        parameters=PAGING,
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        return paged(request, selectors.service_at_locations_queryset(), _sal_json)


class ServiceAtLocationDetail(HSDSView):
    @extend_schema(operation_id="hsds_service_at_locations_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        sal = selectors.service_at_locations_queryset().filter(pk=pk).first()
        if sal is None:
            raise NotFound()
        return Response(_sal_json([sal])[0])


def _sal_json(items):
    out = []
    for sal in items:
        record = hsds.record_of("service_at_location", sal)
        record["location"] = selectors.location_json(sal.location, {})
        out.append(record)
    return out


class TaxonomyList(HSDSView):
    @extend_schema(
        operation_id="hsds_taxonomies_list", parameters=PAGING, responses=OpenApiTypes.OBJECT
    )
    def get(self, request):
        qs = m.Taxonomy.objects.order_by("name", "id")
        return paged(request, qs, lambda items: [hsds.record_of("taxonomy", t) for t in items])


class TaxonomyDetail(HSDSView):
    @extend_schema(operation_id="hsds_taxonomies_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        taxonomy = m.Taxonomy.objects.filter(pk=pk).first()
        if taxonomy is None:
            raise NotFound()
        return Response(hsds.record_of("taxonomy", taxonomy))


class TaxonomyTermList(HSDSView):
    @extend_schema(
        operation_id="hsds_taxonomy_terms_list",
        parameters=[*PAGING, OpenApiParameter("taxonomy_id", OpenApiTypes.UUID)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        qs = m.TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy_id", "code", "id")
        taxonomy_id = _uuid(request, "taxonomy_id")
        if taxonomy_id:
            qs = qs.filter(taxonomy_id=taxonomy_id)
        return paged(request, qs, lambda items: [selectors.taxonomy_term_json(t) for t in items])


class TaxonomyTermDetail(HSDSView):
    @extend_schema(operation_id="hsds_taxonomy_terms_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        term = m.TaxonomyTerm.objects.select_related("taxonomy").filter(pk=pk).first()
        if term is None:
            raise NotFound()
        return Response(selectors.taxonomy_term_json(term))
