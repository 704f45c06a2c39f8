from django.urls import path

from assistance import views

app_name = "assistance"

urlpatterns = [
    path("", views.index, name="index"),
    path("ours/", views.mine, name="mine"),
    path("requests/<int:assistance_request_id>/send/", views.submit, name="submit"),
    path("partnership/<int:partnership_id>/new/", views.request_new, name="request_new"),
    path("requests/<int:assistance_request_id>/", views.request_detail, name="request"),
    path("requests/<int:assistance_request_id>/decide/", views.decide, name="decide"),
    path("requests/<int:assistance_request_id>/pay/", views.pay, name="pay"),
    path(
        "requests/<int:assistance_request_id>/documents/", views.document_add, name="document_add"
    ),
    path("documents/<int:document_id>/", views.document_file, name="document"),
    path("funds/<int:fund_id>/", views.fund_detail, name="fund"),
    path("funds/new/", views.fund_edit, name="fund_new"),
    path("funds/<int:fund_id>/edit/", views.fund_edit, name="fund_edit"),
    path("rules/", views.rules, name="rules"),
    path("report/", views.report, name="report"),
    path("report/ledger.csv", views.report_csv, name="report_csv"),
]
