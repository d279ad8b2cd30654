app_name = "toolboxes"

urlpatterns: list = []
