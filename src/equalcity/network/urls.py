from django.urls import path

from equalcity.network import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("registrations/", views.my_registrations, name="my-registrations"),
    path("registrations/<uuid:public_id>/<str:token>/", views.registration, name="registration"),
    path(
        "registrations/<uuid:public_id>/<str:token>/cancel/",
        views.cancel,
        name="registration-cancel",
    ),
    path(
        "registrations/<uuid:public_id>/<str:token>/feedback/",
        views.feedback,
        name="registration-feedback",
    ),
    path("<slug:programme>/cities/", views.cities, name="cities"),
    path("<slug:programme>/map/", views.city_map, name="map"),
    path("<slug:programme>/cities/<slug:slug>/", views.city, name="city"),
    path("<slug:programme>/cities/<slug:slug>/stage/", views.change_stage, name="change-stage"),
    path("<slug:programme>/apply/", views.apply, name="apply"),
    path("<slug:programme>/apply/sent/", views.applied, name="applied"),
    path("<slug:programme>/applications/", views.applications, name="applications"),
    path("<slug:programme>/applications/<uuid:public_id>/decide/", views.decide, name="decide"),
    path("<slug:programme>/reach/", views.reach, name="reach"),
    path("<slug:programme>/events/", views.events, name="events"),
    path("<slug:programme>/events/new/", views.edit_event, name="event-new"),
    path("<slug:programme>/events/<slug:slug>/", views.event, name="event"),
    path("<slug:programme>/events/<slug:slug>/register/", views.register, name="register"),
    path("<slug:programme>/events/<slug:slug>/manage/", views.manage_event, name="event-manage"),
    path("<slug:programme>/events/<slug:slug>/edit/", views.edit_event, name="event-edit"),
    path("<slug:programme>/stories/", views.stories, name="stories"),
    path("<slug:programme>/stories/feed/", views.story_feed, name="story-feed"),
    path("<slug:programme>/stories/new/", views.write_story, name="story-new"),
    path(
        "<slug:programme>/stories/drafts/<int:pk>/publish/",
        views.publish_story,
        name="story-publish",
    ),
    path("<slug:programme>/stories/edit/<int:pk>/", views.edit_story, name="story-edit"),
    path(
        "<slug:programme>/stories/edit/<int:pk>/publication/",
        views.story_publication,
        name="story-publication",
    ),
    path("<slug:programme>/stories/<slug:slug>/", views.story, name="story"),
]
