from django.urls import path

from work import views

app_name = "work"

urlpatterns = [
    path("", views.shifts, name="shifts"),
    path("new/", views.shift_new, name="shift_new"),
    path("week/", views.week, name="week"),
    path("shifts/<int:shift_id>/", views.shift, name="shift"),
    path("partnership/<int:partnership_id>/", views.partnership, name="partnership"),
]
