from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.service_edit, name="service_new"),
    path("manage/import-report.txt", views.import_report, name="import_report"),
    path("export/hsds.zip", views.export_package, name="export_package"),
    path("export/hsds.json", views.export_json, name="export_json"),
    path("<uuid:service_id>/", views.service, name="service"),
    path("<uuid:service_id>/edit/", views.service_edit, name="service_edit"),
    path("<uuid:service_id>/verify/", views.verify, name="verify"),
    path(
        "organizations/<uuid:organization_id>/edit/",
        views.organization_edit,
        name="organization_edit",
    ),
]
