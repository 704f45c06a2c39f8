from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.refer, name="refer"),
    path("figures/", views.figures, name="figures"),
    path("<int:referral_id>/", views.referral, name="referral"),
    path("<int:referral_id>/update/", views.update, name="update"),
]
