app_name = "referral"

urlpatterns: list = []
