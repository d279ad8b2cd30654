"""The monitoring set-up the lead agency keeps in the admin: logframe, indicators, partners.
Phases, reports, meetings and evaluations have their own pages and services (with audit);
reports, meetings and evaluations are shown here read-only, phases stay editable here
without the services' audit (docs/monitoring.md, "Left or weak")."""

from django.contrib import admin

from equalcity.monitoring.models import (
    Indicator,
    LogframeNode,
    PartnerReport,
    ProgrammePhase,
    ReportingPartner,
)


@admin.register(ProgrammePhase)
class ProgrammePhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on", "position"]
    list_filter = ["programme"]
    search_fields = ["name"]
    ordering = ["programme", "position", "starts_on"]


@admin.register(LogframeNode)
class LogframeNodeAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "parent", "programme"]
    list_filter = ["programme", "level"]
    search_fields = ["code", "title"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "source", "target", "target_date", "programme"]
    list_filter = ["programme", "source"]
    search_fields = ["code", "name"]


@admin.register(ReportingPartner)
class ReportingPartnerAdmin(admin.ModelAdmin):
    list_display = ["organisation", "programme"]
    list_filter = ["programme"]


@admin.register(PartnerReport)
class PartnerReportAdmin(admin.ModelAdmin):
    """Read-only: a report moves through its services (submit, review, approve, return)."""

    list_display = ["organisation", "year", "quarter", "version", "status", "programme"]
    list_filter = ["programme", "status", "year", "quarter"]
    search_fields = ["organisation__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
