from django.urls import path

from caseplan import views

app_name = "caseplan"

urlpatterns = [
    path("<int:partnership_id>/contacts/", views.contacts, name="contacts"),
    path("contacts/<int:contact_id>/done/", views.contact_done, name="contact_done"),
    path("contacts/report/", views.report, name="report"),
    path("<int:partnership_id>/plan/", views.plan, name="plan"),
    path("steps/<int:step_id>/", views.step_update, name="step_update"),
    path("<int:partnership_id>/summaries/new/", views.summary_new, name="summary_new"),
    path("summaries/<int:summary_id>/", views.summary_detail, name="summary"),
    path("summaries/<int:summary_id>/edit/", views.summary_edit, name="summary_edit"),
]
