app_name = "training-api"

urlpatterns: list = []
