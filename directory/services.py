"""Changes to the resource directory."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.forms import DAYS, LANGUAGES
from directory.hsds import importer, reading
from directory.models import (
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from directory.needs import TAXONOMY_ID, needs_ensure, term_id
from directory.search import place_of, search_text_refresh


def directory_import(*, name: str, data: bytes) -> reading.Report:
    """An HSDS file into the directory, all of it or, on any error, none of it; the
    report says which, in words a person can act on. Raises importer.ImportRefused."""
    report = reading.Report()
    rows = reading.read_upload(name, data, report)
    if report.ok and not rows:
        report.error(name, _("the file holds no directory table this program keeps."))
    if not report.ok:
        raise importer.ImportRefused(report)
    importer.import_rows(rows, report)
    search_text_refresh(importer.touched_services(rows))
    return report


@transaction.atomic
def organization_save(*, form) -> Organization:
    """An organization's details; its listings' search words follow its name."""
    organization = form.save()
    search_text_refresh(organization.services.values_list("pk", flat=True))
    return organization


def service_verify(*, actor, service: Service) -> Service:
    """The listing was checked with the service today, by this person."""
    if not actor.email:
        raise ValidationError(_("Your account needs an e-mail address to verify listings."))
    service.assured_date = timezone.localdate()
    service.assurer_email = actor.email
    service.save(update_fields=["assured_date", "assurer_email"])
    return service


@transaction.atomic
def service_save(*, actor, service: Service | None, data: dict) -> Service:
    """A listing as staff describe it. The organization is chosen or made; the needs
    and languages replace the listing's own; the first place, phone and weekly hours
    are made or changed, and any others an import brought stay as they were."""
    organization = data["organization"] or Organization.objects.create(
        name=data["new_organization"].strip()
    )
    service = service or Service(organization=organization)
    service.organization = organization
    for name in (
        "name",
        "description",
        "status",
        "eligibility_description",
        "application_process",
        "fees_description",
        "url",
        "email",
    ):
        setattr(service, name, data[name])
    service.full_clean(exclude=["search_text"])
    service.save()
    _needs_set(service, data["needs"])
    _languages_set(service, data["languages"])
    _place_set(service, data)
    _phone_set(service, data["phone"].strip())
    _hours_set(service, data)
    search_text_refresh([service.pk])
    return service


def _needs_set(service: Service, codes: list[str]) -> None:
    needs_ensure()
    ours = Attribute.objects.filter(
        link_entity="service", link_id=service.pk, taxonomy_term__taxonomy_id=TAXONOMY_ID
    )
    ours.exclude(taxonomy_term__code__in=codes).delete()
    have = set(ours.values_list("taxonomy_term__code", flat=True))
    Attribute.objects.bulk_create(
        Attribute(
            link_entity="service",
            link_id=service.pk,
            taxonomy_term_id=term_id(code),
            link_type="need",
        )
        for code in codes
        if code not in have
    )


def _languages_set(service: Service, codes: list[str]) -> None:
    names = dict(LANGUAGES)
    service.languages.exclude(code__in=codes).delete()
    have = set(service.languages.values_list("code", flat=True))
    Language.objects.bulk_create(
        Language(service=service, code=code, name=str(names[code]))
        for code in codes
        if code not in have
    )


def _place_set(service: Service, data: dict) -> None:
    if not data.get("address_1"):
        return
    at = service.service_at_locations.select_related("location").order_by("pk").first()
    location = at.location if at else Location(organization=service.organization)
    place = place_of(data["postal_code"])
    location.name = location.name or service.organization.name
    if place:
        location.latitude, location.longitude = place.latitude, place.longitude
    location.save()
    if at is None:
        ServiceAtLocation.objects.create(service=service, location=location)
    address = location.addresses.order_by("pk").first() or Address(location=location)
    for name in ("address_1", "city", "state_province", "postal_code"):
        setattr(address, name, data[name].strip())
    address.save()


def _phone_set(service: Service, number: str) -> None:
    phone = service.phones.order_by("pk").first()
    if not number:
        if phone:
            phone.delete()
        return
    phone = phone or Phone(service=service, type="voice")
    phone.number = number
    phone.save()


def _hours_set(service: Service, data: dict) -> None:
    schedule = service.schedules.order_by("pk").first()
    if not data.get("days"):
        if schedule:
            schedule.delete()
        return
    schedule = schedule or Schedule(service=service, freq="WEEKLY", interval=1)
    order = [code for code, _label in DAYS]
    schedule.byday = ",".join(sorted(data["days"], key=order.index))
    schedule.opens_at, schedule.closes_at = data["opens_at"], data["closes_at"]
    schedule.save()
