from django.urls import path

from equalcity.public import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("your-rights/", views.rights, name="rights"),
    path("numbers/", views.numbers, name="numbers"),
    path("find-help/", views.find_help, name="find-help"),
    path("find-help/<str:city>/", views.city, name="city"),
    path("safety-plan/", views.safety_plan, name="safety-plan"),
]
