from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self):
        from audit.naming import name_records
        from intake import records  # noqa: F401 — adds the family records' part (0019)
        from intake.models import Submission

        # An interest or a contact form, as the triage queue calls it.
        name_records(Submission, kind=lambda submission: submission.get_source_display())
