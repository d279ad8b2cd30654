from django.urls import path

from equalcity.translations import api

app_name = "translations-api"

urlpatterns = [
    path("coverage/", api.CoverageList.as_view(), name="coverage-list"),
    path("coverage/<slug:slug>/", api.CoverageDetail.as_view(), name="coverage"),
]
