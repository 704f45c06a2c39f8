from django.urls import path

from voice import views

app_name = "voice"

urlpatterns = [
    path("<int:partnership_id>/new/", views.recording_new, name="new"),
    path("review/", views.review, name="review"),
    path("<int:recording_id>/", views.recording, name="recording"),
    path("<int:recording_id>/audio/", views.audio, name="audio"),
    path("<int:recording_id>/words/", views.words, name="words"),
    path("<int:recording_id>/remove/", views.remove, name="remove"),
    path("review/<int:recording_id>/share/", views.share, name="share"),
    path("review/<int:recording_id>/return/", views.return_, name="return"),
]
