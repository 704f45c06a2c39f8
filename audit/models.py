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
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    record_type = models.CharField(_("kind of record"), max_length=60)
    record_id = models.CharField(_("record"), max_length=40)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("from where"), null=True)
    path = models.CharField(max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")
