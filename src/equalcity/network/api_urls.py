app_name = "network-api"

urlpatterns: list = []
