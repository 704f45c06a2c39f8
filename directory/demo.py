"""The demo program's community directory, loaded from the listings in
directory/demo_services.py. Ids are derived from names, so the records have the same ids
on every load."""

import uuid
from datetime import date, time, timedelta

from directory.demo_services import ORGANIZATIONS, SERVICES
from directory.models import (
    Address,
    Attribute,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
)
from directory.needs import needs_ensure, term_id
from directory.search import place_of, search_text_refresh

_NAMESPACE = uuid.UUID("0f6a3c52-5d5e-4d7e-9a41-6a1e5d1c0b77")


def _id(*parts) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(parts))


def load_directory(today: date) -> list[Service]:
    """The demo directory; the services, in the order of SERVICES."""
    needs_ensure()
    organizations: dict[str, Organization] = {}
    locations: dict[tuple[str, str], Location] = {}
    made = []
    for n, row in enumerate(SERVICES):
        (
            org_name,
            name,
            needs,
            about,
            street,
            zip_code,
            languages,
            days,
            opens,
            closes,
            cost,
            who,
            bring,
        ) = row
        organization = organizations.get(org_name)
        if organization is None:
            organization = organizations[org_name] = Organization.objects.create(
                id=_id(org_name), name=org_name, description=ORGANIZATIONS[org_name]
            )
        location = locations.get((org_name, street))
        if location is None:
            place = place_of(zip_code)
            # A little apart from the ZIP's middle, so places in one ZIP are not stacked.
            shift = ((n % 5) - 2) * 0.004
            location = locations[(org_name, street)] = Location.objects.create(
                id=_id(org_name, street),
                organization=organization,
                name=org_name,
                latitude=round(place.latitude + shift, 5),
                longitude=round(place.longitude - shift, 5),
            )
            Address.objects.create(
                id=_id(org_name, street, "address"),
                location=location,
                address_1=street,
                city="Austin",
                state_province="TX",
                postal_code=zip_code,
            )
        service = Service.objects.create(
            id=_id(org_name, name),
            organization=organization,
            name=name,
            description=about,
            fees_description=cost or "",
            eligibility_description=who,
            application_process="",
            # Most were checked this season; a few are overdue for a call.
            assured_date=today - timedelta(days=20 + 11 * n),
            assurer_email="coach@example.org",
            alert="Closed on public holidays." if "Pantry" in name else "",
        )
        ServiceAtLocation.objects.create(id=_id(name, "at"), service=service, location=location)
        Phone.objects.create(
            id=_id(name, "phone"), service=service, number=f"+1 512 555 {100 + n:04d}", type="voice"
        )
        Schedule.objects.create(
            id=_id(name, "hours"),
            service=service,
            freq="WEEKLY",
            interval=1,
            byday=days,
            opens_at=time(opens),
            closes_at=time(closes, 59) if closes == 23 else time(closes),
        )
        names = {"en": "English", "es": "Spanish", "vi": "Vietnamese"}
        Language.objects.bulk_create(
            Language(id=_id(name, code), service=service, code=code, name=names[code])
            for code in languages
        )
        Attribute.objects.bulk_create(
            Attribute(
                id=_id(name, need),
                link_entity="service",
                link_id=service.pk,
                taxonomy_term_id=term_id(need),
                link_type="need",
            )
            for need in needs
        )
        if bring:
            RequiredDocument.objects.create(id=_id(name, "bring"), service=service, document=bring)
        if cost and cost.startswith("$"):
            amount = cost[1:].split(" ")[0]
            CostOption.objects.create(
                id=_id(name, "cost"),
                service=service,
                option=cost,
                currency="USD",
                amount=amount,
                amount_description=cost.split(" ", 1)[1].rstrip("."),
            )
        made.append(service)
    search_text_refresh([service.pk for service in made])
    return made
