from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self):
        from audit import db  # noqa: F401 - registers the SQLite trigger helper
