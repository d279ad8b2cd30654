"""Read endpoints for published toolboxes (anyone) and working drafts (members with the role)."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers

from equalcity.toolboxes import selectors
from equalcity.toolboxes.models import EditionModule, EditionSection, Module, Section, Toolbox

LANGUAGE = OpenApiParameter(
    "language",
    OpenApiTypes.STR,
    description="Language wanted; the source language is returned with fallback=true if the "
    "toolbox is not available in it.",
)


# A plain string, not an enum: "kind" is also the organisations' field in the schema.
SECTION_KIND = {"help_text": "content, trainer_annex or frontline_annex", "read_only": True}


class EditionSectionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="source_section_id")
    kind = serializers.CharField(**SECTION_KIND)

    class Meta:
        model = EditionSection
        fields = ["id", "position", "kind", "title", "body"]


class EditionSectionTitleSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="source_section_id")
    kind = serializers.CharField(**SECTION_KIND)

    class Meta:
        model = EditionSection
        fields = ["id", "position", "kind", "title"]


class EditionModuleSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="source_module_id")
    sections = EditionSectionTitleSerializer(many=True)

    class Meta:
        model = EditionModule
        fields = [
            "id",
            "position",
            "title",
            "summary",
            "learning_objectives",
            "duration_minutes",
            "testimonies",
            "sections",
        ]


class PublishedToolboxSerializer(serializers.ModelSerializer):
    edition = serializers.CharField(source="latest_edition.number")
    title = serializers.CharField(source="latest_edition.title")
    summary = serializers.CharField(source="latest_edition.summary")
    language = serializers.CharField(source="latest_edition.language")
    published_at = serializers.DateTimeField(source="latest_edition.published_at")

    class Meta:
        model = Toolbox
        fields = ["slug", "title", "summary", "target_group", "edition", "language", "published_at"]


class PublishedToolboxDetailSerializer(PublishedToolboxSerializer):
    fallback = serializers.SerializerMethodField()
    modules = serializers.SerializerMethodField()

    class Meta(PublishedToolboxSerializer.Meta):
        fields = [*PublishedToolboxSerializer.Meta.fields, "fallback", "modules"]

    def get_fallback(self, toolbox) -> bool:
        return selectors.reader_language(toolbox, self.context["language"])[1]

    @extend_schema_field(EditionModuleSerializer(many=True))
    def get_modules(self, toolbox) -> list[dict]:
        return EditionModuleSerializer(
            selectors.edition_contents(toolbox.latest_edition), many=True
        ).data


class DraftSectionSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(**SECTION_KIND)

    class Meta:
        model = Section
        fields = ["id", "position", "kind", "title", "body", "revision", "updated_at"]


class DraftModuleSerializer(serializers.ModelSerializer):
    sections = DraftSectionSerializer(many=True)

    class Meta:
        model = Module
        fields = [
            "id",
            "position",
            "title",
            "summary",
            "learning_objectives",
            "duration_minutes",
            "sections",
        ]


class DraftToolboxSerializer(serializers.ModelSerializer):
    class Meta:
        model = Toolbox
        fields = [
            "slug",
            "title",
            "summary",
            "target_group",
            "status",
            "source_language",
            "updated_at",
        ]


class DraftToolboxDetailSerializer(DraftToolboxSerializer):
    modules = DraftModuleSerializer(many=True)

    class Meta(DraftToolboxSerializer.Meta):
        fields = [*DraftToolboxSerializer.Meta.fields, "modules"]


def _language(request) -> str:
    return request.query_params.get("language") or translation.get_language()


class PublishedToolboxList(generics.ListAPIView):
    """Published toolboxes and their latest edition."""

    permission_classes = [permissions.AllowAny]
    serializer_class = PublishedToolboxSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.published_toolboxes()


class PublishedToolboxDetail(generics.RetrieveAPIView):
    """The latest published edition of a toolbox: its modules and the titles of its sections."""

    permission_classes = [permissions.AllowAny]
    serializer_class = PublishedToolboxDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.published_toolboxes()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": _language(self.request)}

    @extend_schema(parameters=[LANGUAGE])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PublishedSectionDetail(generics.RetrieveAPIView):
    """One section of the latest published edition, with its Markdown text."""

    permission_classes = [permissions.AllowAny]
    serializer_class = EditionSectionSerializer

    def get_object(self):
        toolbox = selectors.published_toolbox(self.kwargs["slug"])
        section = toolbox and selectors.edition_section(
            toolbox.latest_edition, self.kwargs["section"]
        )
        if not section:
            raise Http404
        return section

    @extend_schema(parameters=[LANGUAGE])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DraftToolboxList(generics.ListAPIView):
    """Working drafts of the programmes where the signed-in person writes, steers or reviews."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = DraftToolboxSerializer
    pagination_class = None

    def get_queryset(self):
        user = self.request.user
        return [
            t
            for t in selectors.toolboxes_in_progress(user)
            if user.has_perm("toolboxes.view_draft", t)
        ]


class DraftToolboxDetail(generics.RetrieveAPIView):
    """A working draft with every module and section, and each section's revision number."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = DraftToolboxDetailSerializer

    def get_object(self):
        toolbox = selectors.toolbox_for_members(self.kwargs["slug"])
        if toolbox is None or not self.request.user.has_perm("toolboxes.view_draft", toolbox):
            raise Http404
        prefetch_related_objects(
            [toolbox],
            Prefetch("modules", queryset=Module.objects.prefetch_related("sections")),
        )
        return toolbox
