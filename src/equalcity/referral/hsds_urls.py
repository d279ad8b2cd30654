from django.urls import path

from equalcity.referral import api

app_name = "hsds"

urlpatterns = [
    path("services", api.ServiceList.as_view(), name="services"),
    path("services/<uuid:pk>", api.ServiceDetail.as_view(), name="service"),
    path("organizations", api.OrganizationList.as_view(), name="organizations"),
    path("organizations/<uuid:pk>", api.OrganizationDetail.as_view(), name="organization"),
    path("service_at_locations", api.ServiceAtLocationList.as_view(), name="service-at-locations"),
    path(
        "service_at_locations/<uuid:pk>",
        api.ServiceAtLocationDetail.as_view(),
        name="service-at-location",
    ),
    path("taxonomies", api.TaxonomyList.as_view(), name="taxonomies"),
    path("taxonomies/<uuid:pk>", api.TaxonomyDetail.as_view(), name="taxonomy"),
    path("taxonomy_terms", api.TaxonomyTermList.as_view(), name="taxonomy-terms"),
    path("taxonomy_terms/<uuid:pk>", api.TaxonomyTermDetail.as_view(), name="taxonomy-term"),
]
