from django.urls import path

from aftercare import views

app_name = "aftercare"

urlpatterns = [
    path("<int:partnership_id>/", views.schedule, name="schedule"),
    path("check-ins/<int:follow_up_id>/", views.check_in, name="check_in"),
    path("check-ins/<int:follow_up_id>/move/", views.move, name="move"),
]
