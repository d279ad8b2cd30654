from django.urls import include, path
from rest_framework.routers import SimpleRouter

from equalcity.network.api import CityViewSet, EventViewSet, NetworkViewSet, RegistrationViewSet

programme_router = SimpleRouter()
programme_router.register("cities", CityViewSet, basename="city")
programme_router.register("networks", NetworkViewSet, basename="network")
programme_router.register("events", EventViewSet, basename="event")

router = SimpleRouter()
router.register("registrations", RegistrationViewSet, basename="registration")

app_name = "network-api"

urlpatterns = [
    path("", include(router.urls)),
    path("<slug:programme>/", include(programme_router.urls)),
]
