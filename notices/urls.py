from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("devices/", views.devices, name="devices"),
    path("devices/subscribe/", views.device_subscribe, name="device_subscribe"),
    path("devices/remove/", views.device_remove, name="device_remove"),
]
