from django.urls import path

from texts import views

app_name = "texts"

urlpatterns = [
    path("incoming/", views.incoming, name="incoming"),
    path("status/", views.status, name="status"),
]
