from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("<int:partnership_id>/", views.agreement, name="agreement"),
    path("<int:partnership_id>/draft/", views.agreement_draft, name="draft"),
    path("<int:partnership_id>/acknowledge/", views.agreement_acknowledge, name="acknowledge"),
    path("<int:partnership_id>/consent/", views.consent, name="consent"),
    path("<int:partnership_id>/restrictions/new/", views.restriction_add, name="restriction_add"),
    path("<int:partnership_id>/restrictions/end/", views.restriction_end, name="restriction_end"),
]
