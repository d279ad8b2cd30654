from django.urls import path

from equalcity.training import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<uuid:course>/sessions/new/", views.session_create, name="session-create"),
    path("sessions/<uuid:public_id>/", views.session_detail, name="session"),
    path("sessions/<uuid:public_id>/registration/", views.registration, name="registration"),
    path("sessions/<uuid:public_id>/enrol/", views.enrol, name="enrol"),
    path("sessions/<uuid:public_id>/invitations/", views.invitations, name="invitations"),
    path("sessions/<uuid:public_id>/cancel/", views.cancel, name="cancel"),
    path("sessions/<uuid:public_id>/attendance/", views.attendance, name="attendance"),
    path("sessions/<uuid:public_id>/attendance/<uuid:enrolment>/", views.mark, name="mark"),
    path("sessions/<uuid:public_id>/tests/<slug:kind>/", views.take_test, name="test"),
    path("sessions/<uuid:public_id>/evaluate/", views.evaluate, name="evaluate"),
    path(
        "sessions/<uuid:public_id>/certificate/new/",
        views.certificate_issue,
        name="certificate-issue",
    ),
    path("sessions/<uuid:public_id>/certificate/", views.certificate, name="certificate"),
    path(
        "sessions/<uuid:public_id>/certificate.pdf", views.certificate_pdf, name="certificate-pdf"
    ),
    path(
        "sessions/<uuid:public_id>/certificate.json",
        views.certificate_badge,
        name="certificate-badge",
    ),
    path("sessions/<uuid:public_id>/children/", views.children, name="children"),
    path(
        "sessions/<uuid:public_id>/children/<uuid:child>/scores/",
        views.child_scores,
        name="child-scores",
    ),
    path(
        "sessions/<uuid:public_id>/children/<uuid:child>/smileys/",
        views.child_evaluate,
        name="child-evaluate",
    ),
    path("sessions/<uuid:public_id>/path/", views.path, name="path"),
    path("programmes/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("programmes/<slug:slug>/dashboard.csv", views.dashboard_csv, name="dashboard-csv"),
    path("programmes/<slug:slug>/dashboard.xlsx", views.dashboard_xlsx, name="dashboard-xlsx"),
    path("c/<str:code>/", views.verify, name="verify"),
]
