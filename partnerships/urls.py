from django.urls import path

from partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_new, name="new"),
    path("coverage/", views.coverage, name="coverage"),
    path("<int:partnership_id>/", views.partnership_detail, name="detail"),
    path("<int:partnership_id>/edit/", views.partnership_edit, name="edit"),
    path("<int:partnership_id>/stage/", views.stage_change, name="stage_change"),
]
