from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from equalcity.core import views as core_views

handler400 = "equalcity.core.views.bad_request"
handler403 = "equalcity.core.views.permission_denied"
handler404 = "equalcity.core.views.page_not_found"
handler500 = "equalcity.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("exit/", core_views.quick_exit, name="quick-exit"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include("equalcity.api.urls")),
    path("api/v1/toolboxes/", include("equalcity.toolboxes.api_urls")),
    path("api/hsds/", include("equalcity.referral.hsds_urls")),
    path("api/v1/network/", include("equalcity.network.api_urls")),
    path("api/v1/training/", include("equalcity.training.api_urls")),
    path("api/v1/surveys/", include("equalcity.surveys.api_urls")),
    path("api/v1/translations/", include("equalcity.translations.api_urls")),
    path("api/v1/monitoring/", include("equalcity.monitoring.api_urls")),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "core/favicon.svg")),
]

urlpatterns += i18n_patterns(
    path("", include("equalcity.programmes.urls")),
    path("accounts/", include("equalcity.accounts.urls")),
    path("browsing-safely/", core_views.browsing_safely, name="browsing-safely"),
    path("toolboxes/", include("equalcity.toolboxes.urls")),
    path("referral/", include("equalcity.referral.urls")),
    path("help/", include("equalcity.public.urls")),
    path("network/", include("equalcity.network.urls")),
    path("training/", include("equalcity.training.urls")),
    path("surveys/", include("equalcity.surveys.urls")),
    path("translations/", include("equalcity.translations.urls")),
    path("monitoring/", include("equalcity.monitoring.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
