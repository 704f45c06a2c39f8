from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        # The sign-in page shows the demo logins (in demo mode); accounts sits below the
        # demo and cannot import it, so the demo's owner hands them over.
        from accounts.views import SignInView
        from audit.unusual import unassigned_reading_register
        from core import sweep
        from home.demo import DEMO_LOGINS, DEMO_PASSWORD
        from home.watch import families_read_unassigned, unusual_access_notify

        SignInView.demo_logins = DEMO_LOGINS
        SignInView.demo_password = DEMO_PASSWORD
        # Who is assigned to which family is known up here, not in the trail below.
        unassigned_reading_register(families_read_unassigned)
        # The directors hear of unusual access from the worker's sweep (decision 0022).
        sweep.register(unusual_access_notify)
