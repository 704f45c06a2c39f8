from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("feed/", views.feed_manage, name="feed_manage"),
    path("feed/<str:secret>.ics", views.feed, name="feed"),
]
