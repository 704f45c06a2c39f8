from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


def ensure_roles(**kwargs):
    """Every role is a Django auth group. Made after each migrate, and after a flush, which
    re-sends post_migrate, so the roles always exist."""
    from django.contrib.auth.models import Group

    from accounts.models import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from axes.signals import user_locked_out

        from accounts.factors import on_sign_in
        from accounts.language import language_on_sign_in
        from accounts.lockout import announce_locked_out

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="village_ensure_roles")
        user_logged_in.connect(language_on_sign_in, dispatch_uid="village_language_on_sign_in")
        user_logged_in.connect(on_sign_in, dispatch_uid="village_factor_on_sign_in")
        user_locked_out.connect(announce_locked_out, dispatch_uid="village_announce_locked_out")
