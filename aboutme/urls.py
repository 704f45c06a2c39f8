from django.urls import path

from aboutme import views

app_name = "aboutme"

urlpatterns = [
    path("<int:child_id>/", views.profile, name="profile"),
    path("<int:child_id>/edit/", views.edit, name="edit"),
    path("<int:child_id>/history/", views.history, name="history"),
    path("<int:child_id>/print/", views.print_one, name="print"),
    path("partnership/<int:partnership_id>/print/", views.print_all, name="print_all"),
]
