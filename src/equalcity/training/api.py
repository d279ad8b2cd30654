"""Read endpoints of training: courses and sessions of one's programmes, one's own
enrolments, a session's attendance and results for its trainers and the programme managers,
and the public verification of a certificate code (valid or 404, nothing else)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from equalcity.accounts.audit import record
from equalcity.accounts.permissions import is_trainer
from equalcity.training import selectors
from equalcity.training.models import Audience, Certificate, Course, Enrolment, Session
from equalcity.training.permissions import trains_session


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


NAME_HELP = "the person's name, for the session's trainers only; null for anyone else"


class TrainingAttendanceRecordSerializer(serializers.Serializer):
    enrolment = serializers.UUIDField(source="enrolment.public_id", read_only=True)
    name = serializers.CharField(read_only=True, allow_null=True, help_text=NAME_HELP)
    present = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="true, false, or null when not marked"
    )


class TrainingAttendanceDaySerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    participants = TrainingAttendanceRecordSerializer(many=True, read_only=True)


class TrainingAttendanceSerializer(serializers.Serializer):
    """Attendance per day of the enrolled participants. Children's sessions keep no
    attendance, so their days have no participants."""

    session = serializers.UUIDField(read_only=True)
    days = TrainingAttendanceDaySerializer(many=True, read_only=True)


class TrainingParticipantResultSerializer(serializers.Serializer):
    enrolment = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(read_only=True, allow_null=True, help_text=NAME_HELP)
    pre = serializers.DecimalField(
        source="pre_score", max_digits=5, decimal_places=2, read_only=True, allow_null=True
    )
    post = serializers.DecimalField(
        source="post_score", max_digits=5, decimal_places=2, read_only=True, allow_null=True
    )
    gain = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Hake's g; null without both tests"
    )
    attendance_percent = serializers.IntegerField(read_only=True)
    complete = serializers.BooleanField(
        read_only=True, help_text="attendance and post-test meet the course's completion rules"
    )


class TrainingChildResultSerializer(serializers.Serializer):
    """A child is known by the pseudonym only: nothing else about the child is exposed."""

    pseudonym = serializers.CharField(read_only=True)
    pre = serializers.IntegerField(source="pre_score", read_only=True, allow_null=True)
    post = serializers.IntegerField(source="post_score", read_only=True, allow_null=True)
    gain = serializers.FloatField(read_only=True, allow_null=True)


class TrainingResultsSerializer(serializers.Serializer):
    """Results of a session: ``participants`` for adults' sessions, ``children`` (pseudonyms
    only, for the session's trainers only) for children's sessions; the other list is empty."""

    session = serializers.UUIDField(read_only=True)
    participants = TrainingParticipantResultSerializer(many=True, read_only=True)
    children = TrainingChildResultSerializer(many=True, read_only=True)


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

    def _results_session(self) -> Session:
        """The session if the person may see its participants' records; otherwise 404.

        Children's records are for the trainers of their session only, as on the pages.
        """
        session = self.get_object()
        user = self.request.user
        perm = (
            "training.manage_children"
            if session.course.audience == Audience.CHILDREN
            else "training.view_results"
        )
        if not user.has_perm(perm, session):
            raise Http404
        return session

    def _names_shown(self, session: Session) -> bool:
        # Checked on the predicates, not has_perm: a superuser is not a trainer of the session.
        user = self.request.user
        return bool(is_trainer(user, session) and trains_session(user, session))

    @extend_schema(responses={200: TrainingAttendanceSerializer, 404: None})
    @action(detail=True, methods=["get"], pagination_class=None)
    def attendance(self, request, public_id=None):
        """Attendance per day (trainers of the session and programme managers; else 404)."""
        session = self._results_session()
        if session.course.audience == Audience.CHILDREN:
            # No attendance is kept for children: the days only, nothing about anyone.
            days = [
                {"date": day.date, "participants": []} for day in selectors.session_days(session)
            ]
        else:
            days = selectors.attendance_by_day(session)
            names = self._names_shown(session)
            for day in days:
                for row in day["participants"]:
                    row["name"] = row["enrolment"].user.full_name if names else None
        data = {"session": session.public_id, "days": days}
        return Response(TrainingAttendanceSerializer(data).data)

    @extend_schema(responses={200: TrainingResultsSerializer, 404: None})
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, public_id=None):
        """Pre- and post-test, gain and completion per participant (trainers of the session
        and programme managers; children's sessions: their trainers, pseudonyms only)."""
        session = self._results_session()
        participants, children = [], []
        if session.course.audience == Audience.CHILDREN:
            children = selectors.children_of(session)
            self._record_children_view(session)
        else:
            participants = selectors.participant_results(session)
            names = self._names_shown(session)
            for row in participants:
                row.name = row.user.full_name if names else None
        data = {"session": session.public_id, "participants": participants, "children": children}
        return Response(TrainingResultsSerializer(data).data)

    def _record_children_view(self, session: Session) -> None:
        # Individual records of children: every look at them is audited, as on the page.
        record(
            "training.children.viewed",
            actor=self.request.user,
            obj=session,
            request=self.request,
            data={"via": "api"},
        )


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
