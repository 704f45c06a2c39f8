from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("behind/", views.behind, name="behind"),
    path("modules/new/", views.module_new, name="module_new"),
    path("modules/<int:module_id>/", views.module_detail, name="module"),
    path("modules/<int:module_id>/assign/", views.assign, name="assign"),
    path("modules/<int:module_id>/certificate/", views.certificate, name="certificate"),
    path("modules/<int:module_id>/edit/", views.module_edit, name="module_edit"),
    path("modules/<int:module_id>/pages/new/", views.page_new, name="page_new"),
    path("pages/<int:page_id>/", views.page_edit, name="page_edit"),
]
