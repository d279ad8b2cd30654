from django.urls import path

from equalcity.translations import views

app_name = "translations"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/<str:language>/", views.worklist, name="worklist"),
    path("<slug:slug>/<str:language>/save/", views.save_unit, name="save_unit"),
    path("<slug:slug>/<str:language>/review/<int:pk>/", views.review_unit, name="review_unit"),
    path("<slug:slug>/<str:language>/export/<str:fmt>/", views.export_file, name="export"),
    path("<slug:slug>/<str:language>/import/", views.import_file, name="import"),
]
