from django.urls import path

from equalcity.toolboxes import views

app_name = "toolboxes"

urlpatterns = [
    path("", views.library, name="library"),
    # the workspace: drafts, for members with the right role
    path("new/", views.create, name="create"),
    path("work/<slug:slug>/", views.workspace, name="workspace"),
    path("work/<slug:slug>/move/", views.move, name="move"),
    path("work/<slug:slug>/publish/", views.publish, name="publish"),
    path("work/<slug:slug>/modules/new/", views.module_add, name="module-add"),
    path(
        "work/<slug:slug>/modules/<int:module>/sections/new/", views.section_add, name="section-add"
    ),
    path(
        "work/<slug:slug>/modules/<int:module>/testimonies/new/",
        views.testimony_add,
        name="testimony-add",
    ),
    path(
        "work/<slug:slug>/modules/<int:module>/resources/new/",
        views.resource_add,
        name="resource-add",
    ),
    path("work/<slug:slug>/sections/<int:pk>/", views.draft_section, name="draft-section"),
    path("work/<slug:slug>/sections/<int:pk>/edit/", views.section_edit, name="section-edit"),
    path("work/<slug:slug>/rounds/new/", views.round_open, name="round-open"),
    path("work/<slug:slug>/rounds/<int:pk>/", views.round_detail, name="round"),
    path("work/<slug:slug>/rounds/<int:pk>/close/", views.round_close, name="round-close"),
    path("work/<slug:slug>/rounds/<int:pk>/summary/", views.round_summary, name="round-summary"),
    path(
        "work/<slug:slug>/rounds/<int:pk>/summary.csv",
        views.round_summary_csv,
        name="round-summary-csv",
    ),
    path(
        "work/<slug:slug>/rounds/<int:pk>/summary.pdf",
        views.round_summary_pdf,
        name="round-summary-pdf",
    ),
    path(
        "work/<slug:slug>/rounds/<int:pk>/comments/<int:comment>/answer/",
        views.comment_reply,
        name="comment-reply",
    ),
    path(
        "work/<slug:slug>/rounds/<int:pk>/comments/<int:comment>/resolve/",
        views.comment_resolve,
        name="comment-resolve",
    ),
    path("expert-profile/", views.expert_profile, name="expert-profile"),
    path("adaptations/", views.adaptations, name="adaptations"),
    path("adaptations/<int:pk>/", views.adaptation, name="adaptation"),
    # the reader: published editions, public
    path("<slug:slug>/", views.read, name="read"),
    path("<slug:slug>/sections/<int:section>/", views.read_section, name="read-section"),
    path("<slug:slug>/search/", views.search, name="search"),
    path("<slug:slug>/editions/", views.editions, name="editions"),
    path("<slug:slug>/editions/compare/", views.compare, name="compare"),
    path("<slug:slug>/pdf/", views.pdf, name="pdf"),
    path("<slug:slug>/pdf/status/", views.pdf_status, name="pdf-status"),
    path("<slug:slug>/pdf/download/", views.pdf_download, name="pdf-download"),
    path("<slug:slug>/resources/<int:resource>/", views.resource_download, name="resource"),
    path("<slug:slug>/adapt/", views.adapt, name="adapt"),
]
