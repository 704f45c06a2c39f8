from django.urls import path

from transition import views

app_name = "transition"

urlpatterns = [
    path("<int:partnership_id>/", views.plan, name="plan"),
    path("<int:partnership_id>/open/", views.plan_open, name="open"),
    path("<int:partnership_id>/steps/new/", views.step_new, name="step_new"),
    path("<int:partnership_id>/items/new/", views.item_new, name="item_new"),
    path("<int:partnership_id>/keep-in-touch/", views.keep_in_touch, name="keep_in_touch"),
    path("steps/<int:plan_step_id>/", views.step, name="step"),
    path("items/<int:plan_item_id>/", views.item, name="item"),
]
