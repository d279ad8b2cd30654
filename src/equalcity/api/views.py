from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from equalcity.accounts.selectors import memberships_of
from equalcity.api.serializers import MeSerializer, ProgrammeSerializer
from equalcity.programmes.selectors import programme_overviews


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """Public facts of each programme: lead, dates, pilot sites and targets."""

    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return programme_overviews().order_by("-starts_on", "name")


class MeView(APIView):
    """The signed-in person and their roles."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        data = {
            "email": request.user.email,
            "full_name": request.user.full_name,
            "memberships": memberships_of(request.user),
        }
        return Response(MeSerializer(data).data)
