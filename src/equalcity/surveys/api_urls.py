from django.urls import path

from equalcity.surveys import views

app_name = "surveys-api"

urlpatterns = [
    path("<uuid:public_id>/submissions/", views.submit_api, name="submit"),
]
