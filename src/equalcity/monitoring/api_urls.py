from django.urls import path

from equalcity.monitoring import api

app_name = "monitoring-api"

programme = "programmes/<slug:slug>/"
report = programme + "reports/<uuid:public_id>/"

urlpatterns = [
    path(programme + "indicators/", api.IndicatorList.as_view(), name="indicator-list"),
    path(programme + "reports/", api.ReportList.as_view(), name="report-list"),
    path(report, api.ReportDetail.as_view(), name="report-detail"),
    path(report + "values/", api.ReportValues.as_view(), name="report-values"),
    path(report + "submit/", api.ReportSubmit.as_view(), name="report-submit"),
    path(programme + "action-items/", api.ActionItemList.as_view(), name="action-item-list"),
]
