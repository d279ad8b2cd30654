from django.urls import path

from equalcity.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/reports/", views.reports, name="reports"),
    path("<slug:slug>/reports/<uuid:public_id>/", views.report, name="report"),
    # Before the report actions: "text" and "finances" would otherwise be taken for a verb.
    path("<slug:slug>/reports/<uuid:public_id>/text/", views.report_text, name="report-text"),
    path(
        "<slug:slug>/reports/<uuid:public_id>/finances/",
        views.finance_line,
        name="finance-line",
    ),
    path(
        "<slug:slug>/reports/<uuid:public_id>/finances/<int:line>/remove/",
        views.finance_line_remove,
        name="finance-line-remove",
    ),
    path(
        "<slug:slug>/reports/<uuid:public_id>/values/<int:indicator>/",
        views.indicator_value,
        name="indicator-value",
    ),
    path(
        "<slug:slug>/reports/<uuid:public_id>/<str:verb>/",
        views.report_action,
        name="report-action",
    ),
    path("<slug:slug>/evidence/<int:pk>/", views.evidence, name="evidence"),
    path("<slug:slug>/iati.xml", views.iati, name="iati"),
    path("<slug:slug>/evaluations/", views.evaluations, name="evaluations"),
    path("<slug:slug>/evaluations/<uuid:public_id>/", views.evaluation, name="evaluation"),
    path(
        "<slug:slug>/evaluations/<uuid:public_id>/<str:fmt>/",
        views.evaluation_file,
        name="evaluation-file",
    ),
    path("<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_edit, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/actions/", views.action_add, name="action-add"),
    path("<slug:slug>/actions/<int:pk>/done/", views.action_done, name="action-done"),
    path("<slug:slug>/phases/", views.phases, name="phases"),
    path("<slug:slug>/phases/<int:pk>/", views.phase_edit, name="phase"),
    path("<slug:slug>/phases/<int:pk>/remove/", views.phase_remove, name="phase-remove"),
    path("<slug:slug>/phases/<int:pk>/move/", views.phase_move, name="phase-move"),
]
