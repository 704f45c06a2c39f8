"""Reads of the resource directory, each a fixed number of queries."""

from collections import defaultdict
from uuid import UUID

from django.db.models import F, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from directory import hours, hours_words
from directory.hsds.values import PLACEHOLDER
from directory.models import (
    Address,
    Attribute,
    Language,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from directory.needs import NEEDS, TAXONOMY_ID
from directory.search import RULE_FIELDS, is_free, miles_from, with_price

_PARTS = (
    Prefetch(
        "service_at_locations",
        queryset=ServiceAtLocation.objects.select_related("location")
        .prefetch_related(
            Prefetch("location__addresses", queryset=Address.objects.order_by("pk")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
            Prefetch("location__schedules", queryset=Schedule.objects.order_by("pk")),
        )
        .order_by("pk"),
    ),
    Prefetch("phones", queryset=Phone.objects.order_by("pk")),
    Prefetch("languages", queryset=Language.objects.order_by("name", "pk")),
    Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
)


def with_details(services: list[Service]) -> list[Service]:
    """What a listing's page shows: its places, phones, languages, hours and needs, in
    eight queries whatever the number of services. The search's cards show less
    (cards_of)."""
    prefetch_related_objects(services, *_PARTS)
    today = timezone.localdate()
    needs = need_labels([s.pk for s in services])
    for service in services:
        service.need_labels = needs.get(service.pk, [])
        service.places = [
            (at.location, next(iter(at.location.addresses.all()), None))
            for at in service.service_at_locations.all()
        ]
        service.miles = miles_from(getattr(service, "squared", None))
        service.hours = hours_of_service(service, today)
        service.free = is_free(service)
    return services


def need_labels(service_ids) -> dict:
    """Each service's needs by name, the program's own in the reader's language."""
    needs = defaultdict(list)
    for link_id, code, name, taxonomy_id in (
        Attribute.objects.filter(link_entity="service", link_id__in=service_ids)
        .order_by("taxonomy_term__name")
        .values_list(
            "link_id", "taxonomy_term__code", "taxonomy_term__name", "taxonomy_term__taxonomy_id"
        )
    ):
        ours = taxonomy_id == TAXONOMY_ID and code in NEEDS
        needs[link_id].append(NEEDS[code] if ours else name)
    return needs


def cards_of(services: list[Service], *, now) -> list[Service]:
    """What the search's result cards show of a page of services, in four queries
    whatever their number: their needs, the languages spoken, whether they have a place,
    how far, whether free, and whether open at `now`. A card shows no address, phone or
    hours, which with_details reads for a listing's page."""
    ids = [service.pk for service in services]
    needs = need_labels(ids)
    spoken = defaultdict(list)
    for service_id, code, name in (
        Language.objects.filter(service_id__in=ids)
        .order_by("name", "pk")
        .values_list("service_id", "code", "name")
    ):
        spoken[service_id].append((code, name))
    placed = set()
    service_of_place = {}
    services_at = defaultdict(set)
    for at_place, service_id, location_id in ServiceAtLocation.objects.filter(
        service_id__in=ids
    ).values_list("pk", "service_id", "location_id"):
        placed.add(service_id)
        service_of_place[at_place] = service_id
        services_at[location_id].add(service_id)
    # The badge reads the schedules of the service, of the service at each of its places
    # and of each place (directory.search.open_q's three) with hours.open_at, the reading
    # the search's "open now" filter is held to (directory.search.open_schedules): the
    # card and the filter agree, and the database is asked about this page alone.
    open_now = set()
    for schedule in Schedule.objects.filter(
        Q(service_id__in=ids)
        | Q(service_at_location_id__in=list(service_of_place))
        | Q(location_id__in=list(services_at))
    ).only(*RULE_FIELDS, "service_id", "service_at_location_id", "location_id"):
        if hours.open_at(schedule, now):
            open_now.add(schedule.service_id)
            open_now.add(service_of_place.get(schedule.service_at_location_id))
            open_now.update(services_at.get(schedule.location_id, ()))
    for service in services:
        service.need_labels = needs.get(service.pk, [])
        service.spoken = spoken.get(service.pk, [])
        service.has_place = service.pk in placed
        service.miles = miles_from(getattr(service, "squared", None))
        service.free = is_free(service)
        service.open_now = service.pk in open_now
    return services


def hours_of_service(service: Service, today) -> list[dict]:
    """The hours a listing shows: those of the service, of the service at each of its
    places, and of each place, as the "open now" test reads them (directory.search.open_q),
    once each. A rule that has ended is not shown; one still to come says from when."""
    seen = set()
    found = []
    schedules = list(service.schedules.all())
    for at in service.service_at_locations.all():
        schedules += [*at.schedules.all(), *at.location.schedules.all()]
    for schedule in schedules:
        if schedule.pk in seen:
            continue
        seen.add(schedule.pk)
        if hours.state(schedule, today) == "ended":
            continue
        found.append(hours_of(schedule, today))
    return found


def hours_of(schedule: Schedule, today) -> dict:
    """A schedule in the reader's language: its rule and hours in words, and its notes."""
    return {
        "words": hours_words.in_words(schedule, today),
        "description": schedule.description,
        "notes": schedule.notes,
        "attending_type": schedule.attending_type,
        "link": schedule.schedule_link,
    }


def service_for(service_id) -> Service:
    """Any listing, for anyone: the directory is public."""
    try:
        service = with_price(Service.objects.select_related("organization")).get(
            pk=UUID(str(service_id))
        )
    except (Service.DoesNotExist, ValueError):
        raise Http404 from None
    with_details([service])
    service.documents = list(service.required_documents.order_by("pk"))
    service.areas = list(service.service_areas.order_by("pk"))
    service.costs = list(service.cost_options.order_by("pk"))
    return service


def listing_for(user, service_id) -> Service:
    """A listing's page, for whoever asks: the same for everyone, the directory is public."""
    return service_for(service_id)


def organization_for(user, organization_id) -> Organization:
    """An organization's details, public like its listings; the rule says who changes them."""
    try:
        return Organization.objects.get(pk=UUID(str(organization_id)))
    except (Organization.DoesNotExist, ValueError):
        raise Http404 from None


def organizations_undescribed(limit: int = 20) -> list[Organization]:
    """Organizations without a description (an import may bring them), for the team to
    describe: HSDS requires one, and the export writes a marked placeholder meanwhile."""
    return list(
        Organization.objects.filter(Q(description="") | Q(description=PLACEHOLDER)).order_by(
            "name", "pk"
        )[:limit]
    )


def to_verify(limit: int = 20) -> list[Service]:
    """The listings checked longest ago (never checked first), for staff to call."""
    return list(
        Service.objects.select_related("organization").order_by(
            F("assured_date").asc(nulls_first=True), "name"
        )[:limit]
    )
