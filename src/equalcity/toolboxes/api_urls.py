from django.urls import path

from equalcity.toolboxes import api

app_name = "toolboxes-api"

urlpatterns = [
    path("", api.PublishedToolboxList.as_view(), name="list"),
    path("drafts/", api.DraftToolboxList.as_view(), name="draft-list"),
    path("drafts/<slug:slug>/", api.DraftToolboxDetail.as_view(), name="draft-detail"),
    path("<slug:slug>/", api.PublishedToolboxDetail.as_view(), name="detail"),
    path(
        "<slug:slug>/sections/<int:section>/",
        api.PublishedSectionDetail.as_view(),
        name="section",
    ),
]
