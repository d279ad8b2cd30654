app_name = "translations-api"

urlpatterns: list = []
