from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self):
        from audit import db  # noqa: F401 - registers the SQLite trigger helper
        from audit.services import audit_change, audit_read
        from core.access import record_read
        from core.services import record_changed

        # Every record a URL's rule loads is read-audited here, whatever the view does.
        record_read.connect(audit_read, dispatch_uid="audit-record-read")
        # Changes made in the layers beside the trail (notices) reach it the same way.
        record_changed.connect(audit_change, dispatch_uid="audit-record-changed")
