from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from audit import db  # noqa: F401 - registers the SQLite trigger helper
        from audit.services import audit_change, audit_list_read, audit_read, audit_security_event
        from audit.signins import announce_sign_in_failed, announce_signed_in, announce_signed_out
        from core.access import list_read, record_read
        from core.security import security_event
        from core.services import record_changed

        # Every record a URL's rule loads is read-audited here, whatever the view does.
        record_read.connect(audit_read, dispatch_uid="audit-record-read")
        # And every page a rule says lists records, once a page shown.
        list_read.connect(audit_list_read, dispatch_uid="audit-list-read")
        # Changes made in the layers beside the trail (notices) reach it the same way.
        record_changed.connect(audit_change, dispatch_uid="audit-record-changed")
        # Sign-ins, refusals, password and factor changes, from any layer (decision 0022).
        security_event.connect(audit_security_event, dispatch_uid="audit-security-event")
        user_logged_in.connect(announce_signed_in, dispatch_uid="audit-signed-in")
        user_logged_out.connect(announce_signed_out, dispatch_uid="audit-signed-out")
        user_login_failed.connect(announce_sign_in_failed, dispatch_uid="audit-sign-in-failed")
