from django.contrib import admin

from equalcity.toolboxes.models import (
    Adaptation,
    CommentReply,
    Edition,
    EditionModule,
    EditionPdf,
    EditionSection,
    ExpertProfile,
    LocalNote,
    Module,
    Rating,
    Resource,
    ReviewComment,
    ReviewInvitation,
    ReviewRound,
    Section,
    SectionRevision,
    Testimony,
    Toolbox,
    Transition,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Editions and their history are immutable: the admin shows them, it does not change them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Toolbox)
class ToolboxAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "target_group", "status", "latest_edition", "is_demo"]
    list_filter = ["programme", "status", "target_group"]
    search_fields = ["title", "slug"]
    list_select_related = ["programme", "latest_edition"]
    readonly_fields = ["status", "latest_edition"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "toolbox", "position", "duration_minutes"]
    list_filter = ["toolbox"]
    list_select_related = ["toolbox"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "kind", "position", "revision"]
    list_filter = ["kind", "module__toolbox"]
    list_select_related = ["module"]
    readonly_fields = ["revision"]


@admin.register(SectionRevision)
class SectionRevisionAdmin(ReadOnlyAdmin):
    list_display = ["section", "number", "created_by", "created_at"]
    list_select_related = ["section", "created_by"]


@admin.register(Testimony)
class TestimonyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "module", "attribution", "consent_given", "is_illustrative"]
    list_filter = ["consent_given", "is_illustrative"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "kind"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["toolbox", "from_status", "to_status", "by", "created_at"]
    list_select_related = ["toolbox", "by"]


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "language", "published_at"]
    list_select_related = ["toolbox"]


@admin.register(EditionModule)
class EditionModuleAdmin(ReadOnlyAdmin):
    list_display = ["title", "edition", "position"]


@admin.register(EditionSection)
class EditionSectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "edition", "position"]


@admin.register(EditionPdf)
class EditionPdfAdmin(ReadOnlyAdmin):
    list_display = ["edition", "language", "state", "progress", "updated_at"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "is_public"]


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "toolbox", "kind", "deadline", "closed_at"]
    list_filter = ["kind"]


@admin.register(ReviewInvitation)
class ReviewInvitationAdmin(admin.ModelAdmin):
    list_display = ["round", "reviewer", "submitted_at", "reminded_at"]
    list_select_related = ["round", "reviewer"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["invitation", "module", "comprehensiveness", "duplicability", "practical_use"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "section", "is_blocking", "resolved_at"]
    list_filter = ["is_blocking"]


@admin.register(CommentReply)
class CommentReplyAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "comment", "author", "created_at"]


@admin.register(Adaptation)
class AdaptationAdmin(admin.ModelAdmin):
    list_display = ["toolbox", "organisation", "edition", "updated_at"]
    list_select_related = ["toolbox", "organisation", "edition"]


@admin.register(LocalNote)
class LocalNoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "adaptation", "source_section_id"]
