"""Changes to the resource directory. Each is audited, with the person who made it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from directory import hours
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
from notices.badges import kept_shared_forget

#: The search results kept for everyone (directory/views.py): any change here makes them stale.
DIRECTORY = "directory"

LISTING_FIELDS = (
    "name",
    "description",
    "status",
    "eligibility_description",
    "application_process",
    "fees_description",
    "url",
    "email",
)


def directory_import(*, name: str, data: bytes, actor=None) -> reading.Report:
    """An HSDS file into the directory, all of it or, on any error, none of it; the
    report says which, in words a person can act on. Raises importer.ImportRefused.

    Each listing the file touched gets one entry (the actor is None from the command
    line): the trail then answers "who changed this listing" for imports too."""
    report = reading.Report(file_name=name[:255])
    rows = reading.read_upload(name, data, report)
    if report.ok and not rows:
        report.error(name, _("the file holds no directory table this program keeps."))
    if not report.ok:
        raise importer.ImportRefused(report)
    importer.import_rows(rows, report)
    touched = importer.touched_services(rows)
    search_text_refresh(touched)
    kept_shared_forget(DIRECTORY)
    for service in Service.objects.filter(pk__in=touched).only("pk"):
        audit_entry_create(actor=actor, action=Action.CHANGED, record=service, fields=["import"])
    return report


@transaction.atomic
def organization_save(*, actor, form) -> Organization:
    """An organization's details; its listings' search words follow its name."""
    adding = form.instance._state.adding
    organization = form.save()
    if adding or form.changed_data:
        audit_entry_create(
            actor=actor,
            action=Action.CREATED if adding else Action.CHANGED,
            record=organization,
            fields=form.changed_data,
        )
    search_text_refresh(organization.services.values_list("pk", flat=True))
    kept_shared_forget(DIRECTORY)
    return organization


def service_verify(*, actor, service: Service) -> Service:
    """The listing was checked with the service today, by this person."""
    if not actor.email:
        raise ValidationError(_("Your account needs an e-mail address to verify listings."))
    service.assured_date = timezone.localdate()
    service.assurer_email = actor.email
    service.save(update_fields=["assured_date", "assurer_email"])
    audit_entry_create(
        actor=actor,
        action=Action.CHANGED,
        record=service,
        fields=["assured_date", "assurer_email"],
    )
    kept_shared_forget(DIRECTORY)
    return service


@transaction.atomic
def service_save(*, actor, service: Service | None, data: dict) -> Service:
    """A listing as staff describe it. The organization is chosen or made; the needs
    and languages replace the listing's own; the first place, phone and weekly hours
    are made or changed, and any others an import brought stay as they were."""
    organization = data["organization"] or Organization.objects.create(
        name=data["new_organization"].strip(),
        description=data.get("new_organization_description", "").strip(),
    )
    adding = service is None
    service = service or Service(organization=organization)
    changed = [name for name in LISTING_FIELDS if getattr(service, name) != data[name]]
    if service.organization_id != organization.pk:
        changed.append("organization")
    service.organization = organization
    for name in LISTING_FIELDS:
        setattr(service, name, data[name])
    service.full_clean(exclude=["search_text"])
    service.save()
    parts = {
        "needs": _needs_set(service, data["needs"]),
        "languages": _languages_set(service, data["languages"]),
        "place": _place_set(service, data),
        "phone": _phone_set(service, data["phone"].strip()),
        "hours": _hours_set(service, data),
    }
    changed += [part for part, part_changed in parts.items() if part_changed]
    search_text_refresh([service.pk])
    kept_shared_forget(DIRECTORY)
    if adding or changed:
        action = Action.CREATED if adding else Action.CHANGED
        audit_entry_create(actor=actor, action=action, record=service, fields=changed)
    return service


def _needs_set(service: Service, codes: list[str]) -> bool:
    needs_ensure()
    ours = Attribute.objects.filter(
        link_entity="service", link_id=service.pk, taxonomy_term__taxonomy_id=TAXONOMY_ID
    )
    removed, _by_model = ours.exclude(taxonomy_term__code__in=codes).delete()
    have = set(ours.values_list("taxonomy_term__code", flat=True))
    added = Attribute.objects.bulk_create(
        Attribute(
            link_entity="service",
            link_id=service.pk,
            taxonomy_term_id=term_id(code),
            link_type="need",
        )
        for code in codes
        if code not in have
    )
    return bool(removed or added)


def _languages_set(service: Service, codes: list[str]) -> bool:
    names = dict(LANGUAGES)
    removed, _by_model = service.languages.exclude(code__in=codes).delete()
    have = set(service.languages.values_list("code", flat=True))
    added = Language.objects.bulk_create(
        Language(service=service, code=code, name=str(names[code]))
        for code in codes
        if code not in have
    )
    return bool(removed or added)


def _place_set(service: Service, data: dict) -> bool:
    if not data.get("address_1"):
        return False
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
    typed = {
        name: data[name].strip() for name in ("address_1", "city", "state_province", "postal_code")
    }
    changed = at is None or any(getattr(address, name) != value for name, value in typed.items())
    for name, value in typed.items():
        setattr(address, name, value)
    address.save()
    return changed


def _phone_set(service: Service, number: str) -> bool:
    phone = service.phones.order_by("pk").first()
    if not number:
        if phone:
            phone.delete()
        return phone is not None
    changed = phone is None or phone.number != number
    phone = phone or Phone(service=service, type="voice")
    phone.number = number
    phone.save()
    return changed


def _hours_set(service: Service, data: dict) -> bool:
    """The form's weekly hours, on the service's first plain weekly schedule. Schedules
    with a rule the form cannot say (every other week, the first Monday, until a date)
    are left as they are."""
    schedule = next((s for s in service.schedules.order_by("pk") if hours.is_plain_weekly(s)), None)
    if not data.get("days"):
        if schedule:
            schedule.delete()
        return schedule is not None
    order = [code for code, _label in DAYS]
    wanted = (",".join(sorted(data["days"], key=order.index)), data["opens_at"], data["closes_at"])
    changed = schedule is None or (schedule.byday, schedule.opens_at, schedule.closes_at) != wanted
    schedule = schedule or Schedule(service=service, freq="WEEKLY", interval=1)
    schedule.byday, schedule.opens_at, schedule.closes_at = wanted
    schedule.save()
    return changed
