from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self):
        from audit import db  # noqa: F401 - registers the SQLite trigger helper
        from audit.services import audit_read
        from core.access import record_read

        # Every record a URL's rule loads is read-audited here, whatever the view does.
        record_read.connect(audit_read, dispatch_uid="audit-record-read")
