from django.urls import path

from equalcity.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.home, name="home"),
]
