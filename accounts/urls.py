from django.urls import include, path

from accounts import factor_views, views, views_sessions

app_name = "accounts"
account_urls = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("invitation/<uidb64>/<token>/", views.invitation_accept, name="invitation_accept"),
    path("password/change/", views.password_change, name="password_change"),
    path("password/change/done/", views.password_change_done, name="password_change_done"),
    path("settings/", views.settings_page, name="settings"),
    # Second factors (decision 0017).
    path("sign-in/code/", factor_views.second_factor, name="second_factor"),
    path("security/", factor_views.security, name="security"),
    path("security/app/", factor_views.factor_setup, name="factor_setup"),
    path("security/app/remove/", factor_views.app_remove, name="app_remove"),
    path("security/backup-codes/", factor_views.backup_codes, name="backup_codes"),
    path(
        "security/passkeys/<int:passkey_id>/remove/",
        factor_views.passkey_remove,
        name="passkey_remove",
    ),
    path("confirm/", factor_views.confirm_identity, name="confirm_identity"),
    path("locked/", views.locked_list, name="locked_list"),
    path("locked/<int:user_id>/unlock/", views.unlock, name="unlock"),
    path("locked/factors-reset/", views.factors_reset, name="factors_reset"),
    # One's signed-in browsers, and staying signed in (accounts/sessions.py).
    path("sessions/", views_sessions.session_list, name="sessions"),
    path("sessions/end/", views_sessions.session_end, name="session_end"),
    path("sessions/end-others/", views_sessions.sessions_end_others, name="sessions_end_others"),
    path("sessions/shared/", views_sessions.device_shared, name="device_shared"),
    path("sessions/stay/", views_sessions.session_stay, name="session_stay"),
]
urlpatterns = [
    path("accounts/", include(account_urls)),
    # The language switch is on every page, for visitors too: it sits at the site's top.
    path("language/", views.set_language, name="set_language"),
]
