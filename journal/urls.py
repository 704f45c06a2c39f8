from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:partnership_id>/", views.feed, name="feed"),
    path("<int:partnership_id>/new/", views.post_new, name="post_new"),
    path("<int:partnership_id>/review-setting/", views.review_setting, name="review_setting"),
    path("posts/<int:post_id>/", views.post_detail, name="post"),
    path("posts/<int:post_id>/reply/", views.reply, name="reply"),
    path("posts/<int:post_id>/react/", views.react, name="react"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/withdraw/", views.post_withdraw, name="post_withdraw"),
    path("photos/<int:photo_id>/large/", views.photo_large, name="photo_large"),
    path("photos/<int:photo_id>/small/", views.photo_small, name="photo_small"),
    path("review/", views.review, name="review"),
    path("review/<int:post_id>/share/", views.review_approve, name="review_approve"),
    path("review/<int:post_id>/return/", views.review_return, name="review_return"),
]
