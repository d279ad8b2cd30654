"""Read endpoints of the translations app: coverage of toolboxes per content language, for the
people who may follow it on the dashboard (programme managers, partner editors, translators).
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers

from equalcity.toolboxes.models import Toolbox
from equalcity.translations import selectors


class LanguageCoverageSerializer(serializers.Serializer):
    language = serializers.CharField(read_only=True, help_text="content language code, e.g. ar")
    name = serializers.CharField(
        read_only=True, help_text="the language's name in the language asked for (Accept-Language)"
    )
    native_name = serializers.CharField(read_only=True, help_text="the language's own name")
    dir = serializers.CharField(read_only=True, help_text="ltr or rtl")
    reviewed = serializers.IntegerField(read_only=True)
    translated = serializers.IntegerField(read_only=True, help_text="translated, not yet reviewed")
    outdated = serializers.IntegerField(
        read_only=True, help_text="translated from a source text that has changed since"
    )
    missing = serializers.IntegerField(
        read_only=True, help_text="not started, in progress or machine drafts"
    )


class ToolboxCoverageSerializer(serializers.Serializer):
    toolbox = serializers.CharField(source="toolbox.slug", read_only=True)
    title = serializers.CharField(source="toolbox.title", read_only=True)
    programme = serializers.CharField(source="toolbox.programme.slug", read_only=True)
    source_language = serializers.CharField(source="toolbox.source_language", read_only=True)
    units = serializers.IntegerField(read_only=True, help_text="translatable units of text")
    languages = LanguageCoverageSerializer(many=True, read_only=True)


class CoverageList(generics.ListAPIView):
    """Coverage of every toolbox the signed-in person may follow, in each content language
    its programme offers: units reviewed, translated, outdated and missing."""

    serializer_class = ToolboxCoverageSerializer
    queryset = Toolbox.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        return selectors.coverage_of_toolboxes(selectors.dashboard_toolboxes(self.request.user))


class CoverageDetail(generics.RetrieveAPIView):
    """Coverage of one toolbox per content language; 404 for a toolbox one may not follow."""

    serializer_class = ToolboxCoverageSerializer
    queryset = Toolbox.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "slug"

    def get_object(self):
        toolbox = Toolbox.objects.select_related("programme").filter(slug=self.kwargs["slug"])
        toolbox = toolbox.first()
        if toolbox is None or not self.request.user.has_perm(
            "translations.view_dashboard", toolbox
        ):
            raise Http404
        return selectors.coverage_of_toolboxes([toolbox])[0]

    @extend_schema(responses={200: ToolboxCoverageSerializer, 404: None})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
