"""Changes to the resource directory."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import hsds
from directory.models import Service
from directory.search import search_text_refresh


def directory_import(*, name: str, data: bytes) -> hsds.Report:
    """An HSDS file into the directory, all of it or, on any error, none of it; the
    report says which, in words a person can act on. Raises hsds.ImportRefused."""
    report = hsds.Report()
    rows = hsds.read_upload(name, data, report)
    if report.ok and not rows:
        report.error(name, _("the file holds no directory table this program keeps."))
    if not report.ok:
        raise hsds.ImportRefused(report)
    hsds.import_rows(rows, report)
    search_text_refresh(hsds.touched_services(rows))
    return report


def service_verify(*, actor, service: Service) -> Service:
    """The listing was checked with the service today, by this person."""
    if not actor.email:
        raise ValidationError(_("Your account needs an e-mail address to verify listings."))
    service.assured_date = timezone.localdate()
    service.assurer_email = actor.email
    service.save(update_fields=["assured_date", "assurer_email"])
    return service
