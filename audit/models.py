from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEWED = "viewed", _("viewed")
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    REMOVED = "removed", _("removed")
    INVITED = "invited", _("invited")
    # Security events (core.security.SecurityEvent): the same values, so an event is
    # written as it is announced. They concern an account or a URL, not a record.
    SIGNED_IN = "signed_in", _("signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
    LOCKED_OUT = "locked_out", _("locked out")
    UNLOCKED = "unlocked", _("unlocked")
    SIGNED_OUT = "signed_out", _("signed out")
    SESSIONS_ENDED = "sessions_ended", _("sessions ended")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    PASSWORD_RESET_REQUESTED = "reset_requested", _("password reset asked for")
    PASSWORD_RESET = "password_reset", _("password reset")
    FACTOR_ADDED = "factor_added", _("second factor added")
    FACTOR_REMOVED = "factor_removed", _("second factor removed")
    FACTOR_FAILED = "factor_failed", _("second factor failed")
    REFUSED = "refused", _("refused")


#: The actions that are security events rather than readings or changes of a record.
SECURITY_ACTIONS = frozenset(
    {
        Action.SIGNED_IN,
        Action.SIGN_IN_FAILED,
        Action.LOCKED_OUT,
        Action.UNLOCKED,
        Action.SIGNED_OUT,
        Action.SESSIONS_ENDED,
        Action.PASSWORD_CHANGED,
        Action.PASSWORD_RESET_REQUESTED,
        Action.PASSWORD_RESET,
        Action.FACTOR_ADDED,
        Action.FACTOR_REMOVED,
        Action.FACTOR_FAILED,
        Action.REFUSED,
    }
)
#: A security event's entry names no record: `record_type` says so, and `record_id` holds
#: the event's detail (a URL's name, a factor's kind), never a guessed id or an address.
SECURITY = "security"
#: A page that lists records is read as a whole: one entry per page shown, of kind the
#: listed model and this id, its filters kept in `fields` (docs/decisions/0022).
LIST = "list"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEntry(models.Model):
    """Who did what to which sensitive record, when, and from where.

    Append-only: the model refuses updates and deletes, and so does the database itself
    (triggers in migration 0002), so not even a bug or a shell can rewrite history.
    Field names that changed are kept, never their values: the trail must not become a
    second copy of the records it watches.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    record_type = models.CharField(_("kind of record"), max_length=60)
    record_id = models.CharField(_("record"), max_length=40)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("from where"), null=True)
    path = models.CharField(max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            # The unusual-access checks count one action's entries over the last day.
            models.Index(fields=["action", "at"]),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class UnusualAccessNotice(models.Model):
    """That the directors were told of one kind of unusual access on one day, so they are
    told at most once a day for each kind (audit/unusual.py). Bookkeeping of the notice,
    not an entry of the trail: it names no one."""

    kind = models.CharField(max_length=30)
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "day"], name="one_unusual_notice_a_day")
        ]
