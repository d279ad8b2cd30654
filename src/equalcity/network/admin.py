from django.contrib import admin

from equalcity.network.models import (
    Application,
    CityProfile,
    Event,
    Feedback,
    Registration,
    Speaker,
    StageChange,
    Story,
)


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "by", "note", "created_at"]
    can_delete = False


@admin.register(CityProfile)
class CityProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "stage", "programme", "joined_on"]
    list_filter = ["programme", "kind", "stage"]
    search_fields = ["organisation__name", "slug"]
    filter_horizontal = ["networks"]
    inlines = [StageChangeInline]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["profile", "from_stage", "to_stage", "by", "created_at"]
    list_filter = ["to_stage"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "country", "status", "created_at", "decided_at"]
    list_filter = ["programme", "status"]
    search_fields = ["organisation_name", "contact_email"]
    readonly_fields = ["public_id", "decided_by", "decided_at", "profile"]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "language", "capacity", "is_published"]
    list_filter = ["programme", "kind", "language", "is_published"]
    search_fields = ["title", "slug"]
    inlines = [SpeakerInline]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "event"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["email", "event", "status", "attended", "queued_at"]
    list_filter = ["status", "attended", "event"]
    search_fields = ["email", "name"]
    readonly_fields = ["public_id", "queued_at", "promoted_at", "cancelled_at"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "rating", "created_at"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "language", "published_at", "revision"]
    list_filter = ["programme", "kind", "language"]
    search_fields = ["title", "slug"]
    readonly_fields = ["revision"]

    def save_model(self, request, obj, form, change):
        # A change here is a new revision too, so the story editor's conflict check sees it.
        if change and form.has_changed():
            obj.revision += 1
        super().save_model(request, obj, form, change)
