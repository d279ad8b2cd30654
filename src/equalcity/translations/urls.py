app_name = "translations"

urlpatterns: list = []
