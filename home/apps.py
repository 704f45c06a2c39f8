from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        # The sign-in page shows the demo logins (in demo mode); accounts sits below the
        # demo and cannot import it, so the demo's owner hands them over.
        from accounts.views import SignInView
        from home.demo import DEMO_LOGINS, DEMO_PASSWORD

        SignInView.demo_logins = DEMO_LOGINS
        SignInView.demo_password = DEMO_PASSWORD
