from django.urls import path

from equalcity.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/reports/", views.reports, name="reports"),
    path("<slug:slug>/reports/<uuid:public_id>/", views.report, name="report"),
    path(
        "<slug:slug>/reports/<uuid:public_id>/<str:verb>/",
        views.report_action,
        name="report-action",
    ),
    path("<slug:slug>/iati.xml", views.iati, name="iati"),
    path("<slug:slug>/evaluations/", views.evaluations, name="evaluations"),
    path("<slug:slug>/evaluations/<uuid:public_id>/", views.evaluation, name="evaluation"),
    path(
        "<slug:slug>/evaluations/<uuid:public_id>/<str:fmt>/",
        views.evaluation_file,
        name="evaluation-file",
    ),
    path("<slug:slug>/meetings/", views.meetings, name="meetings"),
]
