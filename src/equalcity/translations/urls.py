from django.urls import path

from equalcity.translations import views

app_name = "translations"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the toolbox pages, whose worklist address has the same shape.
    path("settings/<slug:programme>/", views.language_settings, name="settings"),
    path(
        "settings/<slug:programme>/languages/enable/",
        views.enable_language,
        name="enable_language",
    ),
    path(
        "settings/<slug:programme>/languages/disable/",
        views.disable_language,
        name="disable_language",
    ),
    path(
        "settings/<slug:programme>/translators/assign/",
        views.assign_translator,
        name="assign_translator",
    ),
    path(
        "settings/<slug:programme>/translators/<int:pk>/unassign/",
        views.unassign_translator,
        name="unassign_translator",
    ),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/<str:language>/", views.worklist, name="worklist"),
    path("<slug:slug>/<str:language>/save/", views.save_unit, name="save_unit"),
    path("<slug:slug>/<str:language>/suggest/", views.suggest_unit, name="suggest_unit"),
    path("<slug:slug>/<str:language>/review/<int:pk>/", views.review_unit, name="review_unit"),
    path("<slug:slug>/<str:language>/export/<str:fmt>/", views.export_file, name="export"),
    path("<slug:slug>/<str:language>/import/", views.import_file, name="import"),
]
