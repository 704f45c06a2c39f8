"""The Open Referral HSDS API 3.0's read endpoints, mounted at /api/hsds/ (README)."""

from django.urls import path

from directory import api_views as views

app_name = "hsds"

urlpatterns = [
    path("", views.about, name="about"),
    path("services", views.services, name="services"),
    path("services/<str:service_id>", views.service, name="service"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:service_at_location_id>",
        views.service_at_location,
        name="service_at_location",
    ),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:organization_id>", views.organization, name="organization"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:taxonomy_term_id>", views.taxonomy_term, name="taxonomy_term"),
]
