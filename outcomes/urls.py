from django.urls import path

from outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("exits/", views.behind, name="behind"),
    path("table.csv", views.table_csv, name="table_csv"),
]
