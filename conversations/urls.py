from django.urls import path

from conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("start/<int:partnership_id>/", views.start, name="start"),
    path("<int:conversation_id>/", views.thread, name="thread"),
]
