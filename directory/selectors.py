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
from directory.search import is_free, miles_from, with_price

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


def with_details(services: list[Service], *, now=None) -> list[Service]:
    """What a listing shows: its places, phones, languages, hours and needs, and whether
    it is open at `now` (the "Open now" badge), for a page of services in eight queries
    whatever their number."""
    prefetch_related_objects(services, *_PARTS)
    now = now or timezone.now()
    today = timezone.localdate(now)
    needs = defaultdict(list)
    for link_id, code, name, taxonomy_id in (
        Attribute.objects.filter(link_entity="service", link_id__in=[s.pk for s in services])
        .order_by("taxonomy_term__name")
        .values_list(
            "link_id", "taxonomy_term__code", "taxonomy_term__name", "taxonomy_term__taxonomy_id"
        )
    ):
        ours = taxonomy_id == TAXONOMY_ID and code in NEEDS
        needs[link_id].append(NEEDS[code] if ours else name)
    for service in services:
        service.need_labels = needs.get(service.pk, [])
        service.places = [
            (at.location, next(iter(at.location.addresses.all()), None))
            for at in service.service_at_locations.all()
        ]
        service.miles = miles_from(getattr(service, "squared", None))
        schedules = schedules_of(service)
        # A rule that has ended is not shown; one still to come says from when.
        service.hours = [
            hours_of(schedule, today)
            for schedule in schedules
            if hours.state(schedule, today) != "ended"
        ]
        # The badge reads the page's schedules, already here, rather than asking the
        # database for every result of the search: hours.open_at is the reading the
        # search's "open now" filter holds to (directory.search.open_schedules, whose
        # tests hold the two to each other), and the schedules are the same three kinds.
        service.open_now = any(hours.open_at(schedule, now) for schedule in schedules)
        service.free = is_free(service)
    return services


def schedules_of(service: Service) -> list[Schedule]:
    """The schedules of the service, of the service at each of its places, and of each
    place, as the "open now" filter reads them (directory.search.open_q), once each."""
    seen = set()
    found = []
    schedules = list(service.schedules.all())
    for at in service.service_at_locations.all():
        schedules += [*at.schedules.all(), *at.location.schedules.all()]
    for schedule in schedules:
        if schedule.pk not in seen:
            seen.add(schedule.pk)
            found.append(schedule)
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
