from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self):
        from audit.naming import name_records
        from intake import records  # noqa: F401 — adds the family records' part (0019)
        from intake.figures import KEY, ORDER, response_time
        from intake.models import Submission
        from partnerships.figures import register

        # An interest or a contact form, as the triage queue calls it.
        name_records(Submission, kind=lambda submission: submission.get_source_display())
        # The outcomes dashboard shows how the forms fared against the promise (0026).
        register(KEY, order=ORDER, compute=response_time)
