from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound

from equalcity.accounts.models import Organisation
from equalcity.network import selectors
from equalcity.network.models import CityProfile, Event, Registration, Speaker
from equalcity.programmes.models import Programme


class NetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name", "website"]


class CitySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country.code")
    city = serializers.CharField(source="organisation.city")
    organisation_kind = serializers.CharField(source="organisation.kind")
    networks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    kind = serializers.CharField(read_only=True)
    stage = serializers.CharField(read_only=True)
    tracks = serializers.SerializerMethodField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)

    class Meta:
        model = CityProfile
        fields = [
            "slug",
            "name",
            "kind",
            "organisation_kind",
            "country",
            "city",
            "stage",
            "networks",
            "tracks",
            "latitude",
            "longitude",
            "joined_on",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tracks(self, profile) -> list[str]:
        return selectors.tracks_of(profile)


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["name", "affiliation"]


class EventSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    speakers = SpeakerSerializer(many=True, read_only=True)
    is_full = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "title",
            "description",
            "agenda",
            "language",
            "starts_at",
            "ends_at",
            "venue",
            "capacity",
            "is_full",
            "speakers",
            "recording_url",
            "materials",
        ]

    def get_is_full(self, event) -> bool:
        return selectors.is_full(event)


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    programme = serializers.CharField(source="event.programme.slug")
    status = serializers.CharField(read_only=True)
    join_url = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "public_id",
            "programme",
            "event",
            "name",
            "email",
            "status",
            "attended",
            "join_url",
        ]

    def get_join_url(self, registration) -> str:
        if registration.status == Registration.Status.CONFIRMED:
            return registration.event.join_url
        return ""


class _ProgrammeScoped:
    def programme(self) -> Programme:
        programme = Programme.objects.filter(slug=self.kwargs["programme"]).first()
        if programme is None:
            raise NotFound
        return programme


class CityViewSet(_ProgrammeScoped, viewsets.ReadOnlyModelViewSet):
    """Pilot and trainee cities of a programme: public facts, never the contact person."""

    serializer_class = CitySerializer
    queryset = CityProfile.objects.none()
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.city_profiles(
            self.programme(),
            country=params.get("country", "").upper(),
            network=params.get("network", ""),
            track=params.get("track", ""),
        )


class NetworkViewSet(_ProgrammeScoped, viewsets.ReadOnlyModelViewSet):
    """City networks taking part in a programme."""

    serializer_class = NetworkSerializer
    queryset = Organisation.objects.none()
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.city_networks(self.programme()).order_by("name")


class EventViewSet(_ProgrammeScoped, viewsets.ReadOnlyModelViewSet):
    """Published events of a programme; the join link is never part of it."""

    serializer_class = EventSerializer
    queryset = Event.objects.none()
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.events(self.programme()).prefetch_related("speakers")


class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in person's own registrations, with the join link where they have a place."""

    serializer_class = RegistrationSerializer
    queryset = Registration.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.registrations_of_user(self.request.user)
