from django.contrib import admin

from equalcity.referral import models as m


class ServiceAreaInline(admin.TabularInline):
    """Where the service is available: what search matches a service without a location."""

    model = m.ServiceArea
    fk_name = "service"
    fields = ["name", "country", "city", "description", "extent_type", "uri"]
    extra = 0


class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["name"]
    inlines = [ServiceAreaInline]


class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "country", "city"]
    list_filter = ["country"]
    search_fields = ["name", "city", "service__name"]
    raw_id_fields = ["service", "service_at_location"]


class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "is_confidential"]
    list_filter = ["is_confidential", "country"]
    search_fields = ["name", "city"]


class StepInline(admin.TabularInline):
    model = m.Step
    extra = 0


class PathwayAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "target_group", "programme"]
    inlines = [StepInline]


class ReferralSlipAdmin(admin.ModelAdmin):
    list_display = ["reference", "service", "status", "created_at"]
    list_filter = ["status"]


admin.site.register(m.Service, ServiceAdmin)
admin.site.register(m.Location, LocationAdmin)
admin.site.register(m.ServiceArea, ServiceAreaAdmin)
admin.site.register(m.Pathway, PathwayAdmin)
admin.site.register(m.ReferralSlip, ReferralSlipAdmin)
for model in [
    m.Taxonomy,
    m.TaxonomyTerm,
    m.Organization,
    m.Address,
    m.ServiceAtLocation,
    m.Contact,
    m.Phone,
    m.Schedule,
    m.Language,
    m.Accessibility,
    m.CostOption,
    m.RequiredDocument,
    m.Attribute,
    m.Step,
    m.SafeSpaceAssessment,
    m.DirectoryImport,
    m.ServiceStaff,
]:
    admin.site.register(model)
