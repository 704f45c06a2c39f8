from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_migrate, post_save


def ensure_roles(**kwargs):
    """Every role is a Django auth group. Made after each migrate, and after a flush, which
    re-sends post_migrate, so the roles always exist."""
    from django.contrib.auth.models import Group

    from accounts.models import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)


class AccountsConfig(AppConfig):
    name = "accounts"
    # The roles ensure_roles makes after every migrate: a database holding only these is
    # still empty for a restore (core/backups.py).
    filled_by_setup = ("auth_group",)

    def ready(self):
        from axes.signals import user_locked_out

        from accounts import sessions
        from accounts.factors import on_sign_in
        from accounts.language import language_on_sign_in
        from accounts.lockout import announce_locked_out

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="village_ensure_roles")
        user_logged_in.connect(language_on_sign_in, dispatch_uid="village_language_on_sign_in")
        user_logged_in.connect(on_sign_in, dispatch_uid="village_factor_on_sign_in")
        user_locked_out.connect(announce_locked_out, dispatch_uid="village_announce_locked_out")
        # Every way in and out keeps the list of one's sessions (accounts/sessions.py).
        user_logged_in.connect(sessions.session_recorded, dispatch_uid="village_session_recorded")
        user_logged_out.connect(
            sessions.session_forgotten, dispatch_uid="village_session_forgotten"
        )
        post_save.connect(
            sessions.sessions_follow_account,
            sender=self.get_model("User"),
            dispatch_uid="village_sessions_follow_account",
        )
