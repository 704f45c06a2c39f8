from django.urls import path

from lifebook import views

app_name = "lifebook"

urlpatterns = [
    path("<int:child_id>/", views.book, name="book"),
    path("<int:child_id>/pick/", views.pick, name="pick"),
    path("<int:child_id>/unpick/", views.unpick, name="unpick"),
    path("<int:child_id>/seen/", views.seen, name="seen"),
    path("<int:child_id>/book.pdf", views.book_pdf, name="pdf"),
    path("<int:child_id>/photos.pdf", views.photos_pdf, name="photos"),
    path("<int:child_id>/offer/", views.offer, name="offer"),
    path("<int:child_id>/partner-copy/", views.partner_copy, name="partner_copy"),
]
