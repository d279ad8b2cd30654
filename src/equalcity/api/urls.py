from django.urls import include, path
from rest_framework.routers import DefaultRouter

from equalcity.api.views import MeView, ProgrammeViewSet

router = DefaultRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")

app_name = "api"

urlpatterns = [
    path("me/", MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
