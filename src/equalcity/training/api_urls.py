from django.urls import include, path
from rest_framework.routers import SimpleRouter

from equalcity.training import api

router = SimpleRouter()
router.register("courses", api.CourseViewSet, basename="course")
router.register("sessions", api.SessionViewSet, basename="session")
router.register("enrolments", api.EnrolmentViewSet, basename="enrolment")

app_name = "training-api"

urlpatterns = [
    path("", include(router.urls)),
    path("certificates/<str:code>/", api.CertificateVerification.as_view(), name="certificate"),
]
