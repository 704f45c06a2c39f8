"""The invitation pages. Giving a person an account creates or links their Person record,
so the views live here; village/urls.py serves them in the accounts namespace, where their
addresses and names have always been."""

from django.urls import path

from families import views

urlpatterns = [
    path("invite/", views.invite_new, name="invite_new"),
    path("invite/<int:person_id>/", views.invite_person, name="invite_person"),
]
