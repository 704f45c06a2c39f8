from django.urls import path

from families import records_views, views

app_name = "families"
urlpatterns = [
    path("", views.family_list, name="family_list"),
    path("<int:family_id>/", views.family_detail, name="family_detail"),
    path("records/", records_views.records_due, name="records_due"),
    path("<int:family_id>/records/", records_views.records, name="records"),
    path(
        "<int:family_id>/records/download/",
        records_views.records_download,
        name="records_download",
    ),
    path("<int:family_id>/records/close/", records_views.records_close, name="records_close"),
    path("<int:family_id>/edit/", views.family_edit, name="family_edit"),
    path("<int:family_id>/parents/add/", views.family_parent_add, name="family_parent_add"),
    path("<int:family_id>/children/add/", views.child_add, name="child_add"),
    path("homes/", views.home_list, name="home_list"),
    path("homes/new/", views.home_new, name="home_new"),
    path("homes/<int:home_id>/", views.home_detail, name="home_detail"),
    path("homes/<int:home_id>/edit/", views.home_edit, name="home_edit"),
    path("homes/<int:home_id>/parents/add/", views.home_parent_add, name="home_parent_add"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("children/<int:child_id>/", views.child_detail, name="child_detail"),
    path("children/<int:child_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:child_id>/placements/add/", views.placement_add, name="placement_add"),
    path("children/<int:child_id>/permanency/add/", views.permanency_add, name="permanency_add"),
]
