from django.contrib import admin

from equalcity.translations.models import ProgrammeLanguage, Translation, TranslatorAssignment


@admin.register(ProgrammeLanguage)
class ProgrammeLanguageAdmin(admin.ModelAdmin):
    list_display = ["programme", "language", "created_at"]
    list_filter = ["programme", "language"]


@admin.register(TranslatorAssignment)
class TranslatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "language", "created_at"]
    list_filter = ["programme", "language"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    list_display = ["toolbox", "unit_id", "language", "status", "updated_by", "updated_at"]
    list_filter = ["language", "status", "toolbox"]
    search_fields = ["unit_id", "text"]
    list_select_related = ["toolbox", "updated_by"]
    readonly_fields = ["source_hash", "created_at", "updated_at"]
