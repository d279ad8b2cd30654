from django.urls import path

from equalcity.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("answer/<uuid:public_id>/", views.respond, name="respond"),
    path("answer/<uuid:public_id>/thanks/", views.thanks, name="thanks"),
    path("<slug:slug>/", views.survey_list, name="list"),
    path("<slug:slug>/import/", views.import_survey, name="import"),
    path("<slug:slug>/focus-groups/", views.focus_groups, name="focus-groups"),
    path("<slug:slug>/focus-groups/new/", views.new_focus_group, name="new-focus-group"),
    path(
        "<slug:slug>/focus-groups/<uuid:public_id>/",
        views.focus_group_detail,
        name="focus-group",
    ),
    path("<slug:slug>/<uuid:public_id>/", views.survey_detail, name="detail"),
    path("<slug:slug>/<uuid:public_id>/status/", views.change_status, name="status"),
    path("<slug:slug>/<uuid:public_id>/results/", views.results, name="results"),
    path("<slug:slug>/<uuid:public_id>/summary.csv", views.summary_csv, name="summary-csv"),
    path(
        "<slug:slug>/<uuid:public_id>/export.<str:fmt>",
        views.export,
        name="export",
    ),
]
