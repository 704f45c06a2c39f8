from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("<int:partnership_id>/", views.letters, name="letters"),
    path("<int:partnership_id>/new/", views.letter_new, name="letter_new"),
    path("letter/<int:letter_id>/", views.letter, name="letter"),
    path("letter/<int:letter_id>/approve/", views.approve, name="approve"),
    path("letter/<int:letter_id>/letter.pdf", views.letter_pdf, name="letter_pdf"),
]
