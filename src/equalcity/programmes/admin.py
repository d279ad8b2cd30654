from django.contrib import admin

from equalcity.programmes.models import Participation, PilotSite, Programme, ProgrammeTarget


class PilotSiteInline(admin.StackedInline):
    model = PilotSite
    extra = 0
    filter_horizontal = ["partners"]


class ProgrammeTargetInline(admin.TabularInline):
    model = ProgrammeTarget
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "lead_organisation", "starts_on", "ends_on"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PilotSiteInline, ProgrammeTargetInline]


@admin.register(PilotSite)
class PilotSiteAdmin(admin.ModelAdmin):
    list_display = ["city", "country", "target_group", "programme"]
    list_filter = ["programme", "target_group"]
    filter_horizontal = ["partners"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "target_group", "programme"]
    list_filter = ["programme", "kind", "target_group"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "programme"]


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(admin.ModelAdmin):
    list_display = ["programme", "measure", "value"]
    list_filter = ["programme"]
