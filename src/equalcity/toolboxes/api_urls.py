app_name = "toolboxes-api"

urlpatterns: list = []
