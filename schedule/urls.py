from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("time-zone/", views.time_zone, name="time_zone"),
    path("feed/", views.feed_manage, name="feed_manage"),
    path("feed/<str:secret>.ics", views.feed, name="feed"),
    path("new/<int:partnership_id>/", views.event_new, name="event_new"),
    path("events/<int:event_id>/", views.event, name="event"),
    path("events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:event_id>/change/", views.occurrence_change, name="occurrence_change"),
    path("events/<int:event_id>/attendance/", views.attendance, name="attendance"),
]
