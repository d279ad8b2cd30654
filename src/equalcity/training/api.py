"""Read endpoints of training: courses and sessions of one's programmes, one's own
enrolments, and the public verification of a certificate code (valid or 404, nothing else)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, viewsets
from rest_framework.response import Response

from equalcity.training import selectors
from equalcity.training.models import Certificate, Course, Enrolment, Session


class CourseSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    programme = serializers.CharField(source="programme.slug", read_only=True)
    toolbox = serializers.CharField(source="edition.toolbox.slug", read_only=True)
    edition = serializers.CharField(source="edition.number", read_only=True)
    organiser = serializers.CharField(source="organiser.name", read_only=True)
    audience = serializers.CharField(
        read_only=True, help_text="frontline_workers, trainers, legal_guardians or children"
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "programme",
            "title",
            "audience",
            "toolbox",
            "edition",
            "organiser",
            "min_attendance_percent",
            "pass_mark_percent",
        ]


class SessionSerializer(serializers.ModelSerializer):
    """A session; the meeting link is never part of it (it is shown to enrolled people only)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    course = serializers.UUIDField(source="course.public_id", read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    places_taken = serializers.IntegerField(source="enrolled_count", read_only=True)
    # Plain strings, not enums: "mode" and "language" name other choice sets in the schema.
    mode = serializers.CharField(read_only=True, help_text="in_person, online or hybrid")
    language = serializers.CharField(read_only=True, help_text="language code, e.g. en")

    class Meta:
        model = Session
        fields = [
            "id",
            "course",
            "course_title",
            "mode",
            "venue",
            "city",
            "language",
            "starts_on",
            "ends_on",
            "starts_at",
            "ends_at",
            "hours",
            "capacity",
            "places_taken",
            "registration_open",
        ]


class EnrolmentSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    session = serializers.UUIDField(source="session.public_id", read_only=True)
    course_title = serializers.CharField(source="session.course.title", read_only=True)
    starts_on = serializers.DateField(source="session.starts_on", read_only=True)
    ends_on = serializers.DateField(source="session.ends_on", read_only=True)
    status = serializers.CharField(read_only=True, help_text="enrolled or waiting")
    profession = serializers.CharField(read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "session",
            "course_title",
            "starts_on",
            "ends_on",
            "status",
            "profession",
            "has_evaluated",
        ]


class CertificateVerificationSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    valid = serializers.BooleanField(read_only=True)


class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """Courses of the programmes the signed-in person is an active member of."""

    serializer_class = CourseSerializer
    queryset = Course.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.visible_courses(self.request.user)


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sessions of the programmes the signed-in person is an active member of."""

    serializer_class = SessionSerializer
    queryset = Session.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.visible_sessions(self.request.user)


class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in person's own registrations (cancelled ones left out)."""

    serializer_class = EnrolmentSerializer
    queryset = Enrolment.objects.none()
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.my_enrolments(self.request.user)


class CertificateVerification(generics.GenericAPIView):
    """Whether a certificate code is valid: ``{"code", "valid": true}`` or 404. Nothing else
    about the holder or the course is revealed."""

    serializer_class = CertificateVerificationSerializer
    queryset = Certificate.objects.none()
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(responses={200: CertificateVerificationSerializer, 404: None})
    def get(self, request, code):
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            raise Http404
        return Response(
            CertificateVerificationSerializer({"code": certificate.code, "valid": True}).data
        )
