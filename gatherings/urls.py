from django.urls import path

from gatherings import views

app_name = "gatherings"

urlpatterns = [
    path("", views.gathering_list, name="list"),
    path("gatherings.ics", views.feed, name="feed"),
    path("new/", views.gathering_new, name="new"),
    path("who-comes/", views.attendance, name="attendance"),
    path("<int:gathering_id>/", views.gathering_detail, name="gathering"),
    path("<int:gathering_id>/gathering.ics", views.gathering_ics, name="gathering_ics"),
    path("<int:gathering_id>/reply/", views.reply, name="reply"),
    path("<int:gathering_id>/edit/", views.gathering_edit, name="edit"),
    path("<int:gathering_id>/cancel/", views.gathering_cancel, name="cancel"),
    path("<int:gathering_id>/organize/", views.organize, name="organize"),
    path("<int:gathering_id>/door/", views.check_in, name="check_in"),
    path("<int:gathering_id>/door/walk-in/", views.walk_in, name="walk_in"),
    path("<int:gathering_id>/share/", views.resource_share, name="share"),
    path("handouts/<int:resource_id>/", views.resource_file, name="resource_file"),
    path("reply/<str:secret>/", views.registration, name="registration"),
    path("reply/<str:secret>/cancel/", views.registration_cancel, name="registration_cancel"),
    path(
        "reply/<str:secret>/handouts/<int:resource_id>/",
        views.registration_file,
        name="registration_file",
    ),
]
