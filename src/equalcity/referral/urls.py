from django.urls import path

from equalcity.referral import views

app_name = "referral"

urlpatterns = [
    path("", views.index, name="index"),
    path("identification-guide/", views.guide, name="guide"),
    path("<slug:slug>/", views.search, name="search"),
    path("<slug:slug>/services/<uuid:service_id>/", views.service_detail, name="service"),
    path("<slug:slug>/services/<uuid:service_id>/refer/", views.new_slip, name="new-slip"),
    path(
        "<slug:slug>/services/<uuid:service_id>/staff/", views.service_staff, name="service-staff"
    ),
    path("<slug:slug>/map/", views.service_map, name="map"),
    path("<slug:slug>/services/<uuid:service_id>/safe-space/", views.safe_space, name="safe-space"),
    path("<slug:slug>/pathways/", views.pathways, name="pathways"),
    path("<slug:slug>/pathways/new/", views.new_pathway, name="new-pathway"),
    path("<slug:slug>/pathways/<uuid:public_id>/", views.pathway_detail, name="pathway"),
    path("<slug:slug>/pathways/<uuid:public_id>/edit/", views.edit_pathway, name="edit-pathway"),
    path("<slug:slug>/pathways/<uuid:public_id>/card.pdf", views.pocket_card, name="pocket-card"),
    path("<slug:slug>/referrals/", views.slips, name="slips"),
    path("<slug:slug>/referrals/status/", views.slip_status, name="slip-status"),
    path("<slug:slug>/referrals/incoming/", views.incoming_slips, name="incoming"),
    path("<slug:slug>/referrals/<str:reference>/", views.slip, name="slip"),
    path("<slug:slug>/directory/", views.directory_exchange, name="exchange"),
    path("<slug:slug>/directory/export.zip", views.export, name="export"),
    path(
        "<slug:slug>/directory/imports/<uuid:public_id>/",
        views.directory_import,
        name="import",
    ),
]
