from django.urls import path

from intake import views

app_name = "intake"
urlpatterns = [
    path("interest/", views.interest, name="interest"),
    path("contact/", views.contact, name="contact"),
    path("interest/thanks/", views.thanks, name="thanks"),
    path("intake/", views.queue, name="queue"),
    path("intake/figures/", views.figures, name="figures"),
    path("intake/holidays/", views.holidays, name="holidays"),
    path("intake/<int:submission_id>/", views.detail, name="detail"),
    path("intake/<int:submission_id>/assign/", views.assign, name="assign"),
    path("intake/<int:submission_id>/attempts/", views.attempt, name="attempt"),
    path("intake/<int:submission_id>/close/", views.close, name="close"),
    path("intake/<int:submission_id>/convert/", views.convert, name="convert"),
    path("intake/<int:submission_id>/link/", views.link, name="link"),
]
