"""The monitoring API, scoped to one programme: indicator progress for its members, partner
reports with finances for the lead agency and each partner's own, manual indicator values
and submission for partner editors, and the committee's action items.

A programme or report the user may not see answers 404, exactly like one that does not
exist; one the user sees but may not change answers 403. Refusals of the services come
back as ``{"code", "detail"}`` (400, or 409 when the report was already submitted).
"""

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from equalcity.api.serializers import OrganisationSerializer
from equalcity.core.errors import DomainError
from equalcity.monitoring import selectors, services
from equalcity.monitoring.models import (
    ActionItem,
    FinanceLine,
    Indicator,
    IndicatorValue,
    PartnerReport,
)
from equalcity.programmes.models import Programme

# --- serializers ---------------------------------------------------------------------------
# Choice fields are plain strings with the values in help_text, as in the other apps: enums
# named "status" or "kind" would collide in the schema.


class MonitoringErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="stable code of the refusal, e.g. already_submitted")
    detail = serializers.CharField(help_text="the reason, in the language of the request")


class MonitoringPointSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="calendar quarter, e.g. 2021 Q3")
    value = serializers.FloatField(
        allow_null=True,
        help_text="the value at the end of the quarter (cumulative for counts); null if withheld",
    )
    suppressed = serializers.BooleanField(
        help_text="true when the value is withheld: a count of fewer than 5 people, or an "
        "average over fewer than 5 answers"
    )


class MonitoringIndicatorSerializer(serializers.Serializer):
    """One logframe indicator against its target, per quarter, with its traffic light."""

    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    definition = serializers.CharField(source="indicator.definition")
    logframe_code = serializers.CharField(source="indicator.node.code")
    level = serializers.CharField(
        source="indicator.node.level", help_text="goal, outcome, output or activity"
    )
    unit = serializers.CharField(source="indicator.unit")
    baseline = serializers.FloatField(source="indicator.baseline")
    target = serializers.FloatField(source="indicator.target")
    target_date = serializers.DateField(source="indicator.target_date")
    source = serializers.CharField(
        source="indicator.source", help_text="an automatic measure of the platform, or manual"
    )
    automatic = serializers.BooleanField(source="indicator.automatic")
    sdg_targets = serializers.ListField(
        child=serializers.CharField(), source="indicator.sdg_targets"
    )
    disaggregations = serializers.ListField(
        child=serializers.CharField(), source="indicator.disaggregations"
    )
    means_of_verification = serializers.CharField(source="indicator.means_of_verification")
    series = MonitoringPointSerializer(many=True)
    latest = MonitoringPointSerializer(allow_null=True, help_text="the last quarter so far")
    light = serializers.CharField(help_text="on_track, at_risk, off_track or unknown")
    light_label = serializers.CharField(help_text="the traffic light in words")


class MonitoringFinanceLineSerializer(serializers.ModelSerializer):
    burn_rate = serializers.FloatField(
        allow_null=True, read_only=True, help_text="spent to date / budget, in percent"
    )

    class Meta:
        model = FinanceLine
        fields = [
            "budget_line",
            "currency",
            "budget",
            "spent_in_quarter",
            "spent_to_date",
            "burn_rate",
            "variance_explained",
        ]


class MonitoringFinanceTotalSerializer(serializers.Serializer):
    """The report's lines summed per currency (amounts in different currencies never add)."""

    currency = serializers.CharField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent_in_quarter = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent_to_date = serializers.DecimalField(max_digits=16, decimal_places=2)
    burn_rate = serializers.FloatField(allow_null=True)


class MonitoringReportSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = OrganisationSerializer(read_only=True)
    status = serializers.CharField(
        read_only=True,
        help_text="draft, submitted, reviewed, returned, approved or superseded",
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    editable = serializers.BooleanField(read_only=True)
    finances = MonitoringFinanceLineSerializer(many=True, read_only=True)
    totals = MonitoringFinanceTotalSerializer(many=True, read_only=True, source="finance_totals")

    class Meta:
        model = PartnerReport
        fields = [
            "id",
            "organisation",
            "year",
            "quarter",
            "version",
            "status",
            "status_label",
            "editable",
            "due_on",
            "submitted_at",
            "approved_at",
            "updated_at",
            "finances",
            "totals",
        ]


class MonitoringReportDetailSerializer(MonitoringReportSerializer):
    class Meta(MonitoringReportSerializer.Meta):
        fields = [
            *MonitoringReportSerializer.Meta.fields,
            "narrative",
            "activities_planned",
            "activities_done",
            "risks",
            "review_comments",
        ]


class MonitoringValueInputSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=20, help_text="the indicator's code, e.g. I4")
    year = serializers.IntegerField(help_text="the report's year")
    quarter = serializers.IntegerField(help_text="the report's quarter, 1 to 4")
    value = serializers.DecimalField(max_digits=12, decimal_places=2)
    source = serializers.CharField(max_length=300, help_text="where the figure comes from")


class MonitoringIndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    organisation = serializers.CharField(source="organisation.slug", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "organisation", "year", "quarter", "value", "source", "updated_at"]


class MonitoringMeetingSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.CharField(help_text="coordination_call or steering_committee")
    held_on = serializers.DateField()


class MonitoringActionItemSerializer(serializers.ModelSerializer):
    owner = OrganisationSerializer(read_only=True)
    meeting = MonitoringMeetingSerializer(read_only=True)
    open = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "text", "owner", "due_on", "done_on", "open", "overdue", "meeting"]

    def get_open(self, item) -> bool:
        return item.done_on is None

    def get_overdue(self, item) -> bool:
        return item.done_on is None and item.due_on < self.context["today"]


class MonitoringActionFilterSerializer(serializers.Serializer):
    open = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- reads only the API needs ----------------------------------------------------------------


def _number(value):
    return None if value is None else float(value)


def _suppressed(indicator, point) -> bool:
    """Withheld to protect people, rather than a figure.

    Manual series are sums and never empty. An automatic value is empty only when the
    selectors withheld it: a count of people under five, or an average while fewer than
    five people have answered (none at all included: the mean is withheld either way).
    """
    return point["value"] is None and indicator.automatic


def indicator_progress(programme, *, today) -> list[dict]:
    """The dashboard's rows with each quarter marked when its value is hidden."""
    rows = []
    for row in selectors.dashboard(programme, today=today)["rows"]:
        indicator = row["indicator"]
        series = [
            {
                "period": point["period"],
                "value": _number(point["value"]),
                "suppressed": _suppressed(indicator, point),
            }
            for point in row["series"]
        ]
        rows.append(
            {
                "indicator": indicator,
                "series": series,
                "latest": series[-1] if series else None,
                "light": row["light"],
                "light_label": row["light_label"],
            }
        )
    return rows


def with_finance_totals(reports) -> list:
    """The reports, each with ``finance_totals``: its lines summed per currency, one query."""
    reports = list(reports)
    totals = selectors.finance_totals(reports)
    for report in reports:
        report.finance_totals = [
            {**row, "burn_rate": None if row["burn_rate"] is None else float(row["burn_rate"])}
            for row in totals.get(report.pk, [])
        ]
    return reports


def _action_items(programme, *, open_only):
    if open_only:
        return selectors.open_action_items(programme)
    items = ActionItem.objects.filter(meeting__programme=programme).select_related(
        "owner", "meeting"
    )
    if open_only is False:
        items = items.filter(done_on__isnull=False)
    return items.order_by("due_on", "id")


# --- views ---------------------------------------------------------------------------------

NOT_FOUND = OpenApiResponse(description="No such programme or report, or not yours")
FORBIDDEN = OpenApiResponse(description="You see this report but may not change it")


class _ProgrammeScoped:
    def programme(self, perm: str) -> Programme:
        """The programme of the URL if the user holds ``perm`` in it; otherwise 404."""
        programme = Programme.objects.filter(slug=self.kwargs["slug"]).first()
        if programme is None or not self.request.user.has_perm(perm, programme):
            raise NotFound
        return programme

    def report(self) -> PartnerReport:
        """The report of the URL if the user may see it; otherwise 404."""
        programme = Programme.objects.filter(slug=self.kwargs["slug"]).first()
        user = self.request.user
        report = programme and selectors.report_detail(user, programme, self.kwargs["public_id"])
        if not report or not user.has_perm("monitoring.view_report", report):
            raise NotFound
        return report


class IndicatorList(_ProgrammeScoped, generics.ListAPIView):
    """The programme's logframe indicators: target, baseline, unit, SDG targets, the value
    per quarter (null with ``suppressed: true`` where fewer than 5 people are counted or
    answered) and the traffic light. Members of the programme only."""

    serializer_class = MonitoringIndicatorSerializer
    queryset = Indicator.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        programme = self.programme("monitoring.view_dashboard")
        return indicator_progress(programme, today=timezone.localdate())


class ReportList(_ProgrammeScoped, generics.ListAPIView):
    """Partner reports: all of them for the lead agency, its own organisation's for a partner
    editor; each with its finance lines and their totals per currency."""

    serializer_class = MonitoringReportSerializer
    queryset = PartnerReport.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        programme = self.programme("monitoring.view_reports")
        return (
            selectors.reports_visible_to(self.request.user, programme)
            .prefetch_related("finances")
            .order_by("year", "quarter", "organisation__name", "version")
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else with_finance_totals(page)


class ReportDetail(_ProgrammeScoped, generics.RetrieveAPIView):
    """One partner report with its texts, review comments, finance lines and totals."""

    serializer_class = MonitoringReportDetailSerializer
    queryset = PartnerReport.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        return with_finance_totals([self.report()])[0]


class ReportValues(_ProgrammeScoped, generics.GenericAPIView):
    serializer_class = MonitoringValueInputSerializer
    queryset = PartnerReport.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=MonitoringValueInputSerializer,
        responses={
            200: MonitoringIndicatorValueSerializer,
            201: MonitoringIndicatorValueSerializer,
            400: MonitoringErrorSerializer,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request, *args, **kwargs):
        """Record the partner's value of a manual indicator for the report's quarter: 201
        when new, 200 when it replaced one. Sending the same value again changes nothing."""
        report = self.report()
        if not request.user.has_perm("monitoring.edit_report", report):
            raise PermissionDenied
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        indicator = Indicator.objects.filter(
            programme_id=report.programme_id, code=data["indicator"]
        ).first()
        if indicator is None:
            raise DomainError(
                _("There is no indicator %(code)s in this programme.")
                % {"code": data["indicator"]},
                code="unknown_indicator",
            )
        if (data["year"], data["quarter"]) != (report.year, report.quarter):
            raise DomainError(
                _("This report is for %(year)s Q%(quarter)s; send values for that quarter.")
                % {"year": report.year, "quarter": report.quarter},
                code="wrong_period",
            )
        lookup = {
            "indicator": indicator,
            "organisation_id": report.organisation_id,
            "year": report.year,
            "quarter": report.quarter,
        }
        existing = IndicatorValue.objects.filter(**lookup).first()
        if existing and existing.value == data["value"] and existing.source == data["source"]:
            # A retry of a request that already succeeded: answer as then, write nothing.
            return Response(MonitoringIndicatorValueSerializer(existing).data)
        record = {
            "indicator": indicator,
            "organisation": report.organisation,
            "year": report.year,
            "quarter": report.quarter,
            "value": data["value"],
            "source": data["source"],
            "by": request.user,
        }
        try:
            value = services.record_value(**record)
        except IntegrityError:
            # Another request created the row between our read and our write: now it exists,
            # and the service replaces its value.
            existing = True
            value = services.record_value(**record)
        return Response(
            MonitoringIndicatorValueSerializer(value).data,
            status=status.HTTP_200_OK if existing else status.HTTP_201_CREATED,
        )


class ReportSubmit(_ProgrammeScoped, generics.GenericAPIView):
    serializer_class = MonitoringReportDetailSerializer
    queryset = PartnerReport.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            200: MonitoringReportDetailSerializer,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: MonitoringErrorSerializer,
        },
    )
    def post(self, request, *args, **kwargs):
        """Submit the report to the lead agency. A report already submitted (or further on)
        answers 409 ``already_submitted`` and stays as it was."""
        report = self.report()
        if not request.user.has_perm("monitoring.submit_report", report):
            raise PermissionDenied
        try:
            services.submit_report(report=report, by=request.user)
        except DomainError as error:
            if error.code != "already_submitted":
                raise
            return Response(
                {"code": error.code, "detail": str(error.message)},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(with_finance_totals([self.report()])[0]).data)


class ActionItemList(_ProgrammeScoped, generics.ListAPIView):
    """Action items of the programme's committee meetings, by due date."""

    serializer_class = MonitoringActionItemSerializer
    queryset = ActionItem.objects.none()
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        programme = self.programme("monitoring.view_dashboard")
        query = MonitoringActionFilterSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return _action_items(programme, open_only=query.validated_data["open"])

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "open",
                OpenApiTypes.BOOL,
                description="1: only the items not done yet; 0: only the done ones; absent: all",
            )
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
