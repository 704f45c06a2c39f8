"""Finding services: words, need, language, opening hours, distance and cost.

Words are matched against `Service.search_text`, one lower-cased, accent-free text per
service. On PostgreSQL a GIN full-text index over it answers prefix queries ("child"
finds "childcare"); on SQLite the same words are matched as substrings of that one
column, which at the directory's size is a scan of one table (docs/decisions/0011).
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache, partial

import zipcodes
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThanOrEqual
from django.utils import translation

from core.zones import program_zone
from directory.hours import (
    LOOK_AHEAD_DAYS,
    applies_on,
    applies_on_weekday,
    open_at,
    opens_on_weekday,
    program_offsets,
)
from directory.models import (
    DAY_CODES,
    Attribute,
    CostOption,
    Language,
    Schedule,
    Service,
    ServiceAtLocation,
    Status,
)
from directory.needs import NEEDS, TAXONOMY_ID

MILES_PER_DEGREE = 69.05
_WORD = re.compile(r"[0-9a-z]+")


def normalize(text: str) -> str:
    """Lower case without accents, so "guardería" finds "guarderia" and back."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words_of(query: str) -> list[str]:
    return _WORD.findall(normalize(query))[:8]


def search_text_refresh(service_ids=None) -> int:
    """Rebuild the search words of these services (all when None). A fixed number of
    queries per thousand services."""
    services = Service.objects.select_related("organization").order_by("pk")
    if service_ids is not None:
        services = services.filter(pk__in=list(service_ids))
    done = 0
    batch = []
    for service in services.iterator(chunk_size=1000):
        batch.append(service)
        if len(batch) == 1000:
            done += _refresh(batch)
            batch = []
    if batch:
        done += _refresh(batch)
    return done


def _refresh(services: list[Service]) -> int:
    ids = [s.pk for s in services]
    needs: dict = {}
    for link_id, code, name in Attribute.objects.filter(
        link_entity="service", link_id__in=ids
    ).values_list("link_id", "taxonomy_term__code", "taxonomy_term__name"):
        words = [name, code]
        if code in NEEDS:
            # Both languages' names of the program's needs, so either finds the service.
            for language in ("en", "es"):
                with translation.override(language):
                    words.append(str(NEEDS[code]))
        needs.setdefault(link_id, []).extend(words)
    languages: dict = {}
    for service_id, name in Language.objects.filter(service_id__in=ids).values_list(
        "service_id", "name"
    ):
        languages.setdefault(service_id, []).append(name)
    places: dict = {}
    for service_id, city, postal_code, name in ServiceAtLocation.objects.filter(
        service_id__in=ids
    ).values_list(
        "service_id",
        "location__addresses__city",
        "location__addresses__postal_code",
        "location__name",
    ):
        places.setdefault(service_id, []).extend(v for v in (city, postal_code, name) if v)
    for service in services:
        parts = [
            service.name,
            service.alternate_name,
            service.description,
            service.organization.name,
            service.organization.alternate_name,
            service.eligibility_description,
            service.interpretation_services,
            *needs.get(service.pk, []),
            *languages.get(service.pk, []),
            *places.get(service.pk, []),
        ]
        service.search_text = " ".join(words_of_all(parts))
    Service.objects.bulk_update(services, ["search_text"], batch_size=500)
    return len(services)


def words_of_all(parts) -> list[str]:
    seen = {}
    for part in parts:
        for word in _WORD.findall(normalize(part or "")):
            seen.setdefault(word, None)
    return list(seen)


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float


@lru_cache(maxsize=1024)
def place_of(text: str) -> Place | None:
    """A ZIP code, or "City, ST", as a point, from the ZIP table the zipcodes package
    bundles: no geocoding service, nothing leaves the program. Kept for the places last
    asked (the table does not change, and reading it is most of a millisecond): the
    search form checks the place and the search then reads it."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{5}(-\d{4})?", text):
        try:
            found = zipcodes.matching(text[:5])
        except (ValueError, TypeError):
            found = []
        if found:
            return Place(text[:5], float(found[0]["lat"]), float(found[0]["long"]))
        return None
    city, _comma, state = text.rpartition(",")
    if city and len(state.strip()) == 2:
        try:
            found = zipcodes.filter_by(city=city.strip().title(), state=state.strip().upper())
        except (ValueError, TypeError):
            found = []
        points = [(float(z["lat"]), float(z["long"])) for z in found if z.get("lat")]
        if points:
            return Place(
                f"{city.strip().title()}, {state.strip().upper()}",
                sum(p[0] for p in points) / len(points),
                sum(p[1] for p in points) / len(points),
            )
    return None


@dataclass
class Criteria:
    words: str = ""
    need: str = ""
    language: str = ""
    #: "" any time, "now", or a day code (MO..SU).
    open: str = ""
    place: Place | None = None
    miles: int = 10
    free: bool = False


def services_matching(criteria: Criteria, *, now: datetime):
    """Active services matching the criteria, nearest first when a place is given (those
    without a place to visit, by phone or online, come after the near ones), else by
    name; open at `now` or on a day when asked. A queryset: the page slices it. Whether
    each is open now, for its badge, is read for the page's services alone
    (directory.selectors.cards_of)."""
    services = Service.objects.filter(status=Status.ACTIVE).select_related("organization")
    words = words_of(criteria.words)
    if words:
        services = _with_words(services, words)
    # The place tested last, so SQLite, which tests in the order written, measures the
    # places only of the services the other tests kept.
    near = []
    if criteria.place:
        among_few = bool(words or criteria.need or criteria.language)
        near = [partial(_near_q, criteria.place, criteria.miles, among_few=among_few)]
    if criteria.need and not words:
        # The need's services as one set, from the term's index, with the tests that
        # follow a service's id made on that index's rows. PostgreSQL tests a service
        # where it reads the service's row: tested there, it read the row of every
        # service with the need (5,000 for childcare), or walked the whole table; here
        # it reads the rows of those that pass. Asked for words, their index finds fewer.
        tests = [test("link_id") for test in (*_by_id(criteria, now), *near)]
        services = services.filter(pk__in=_need(criteria.need).filter(*tests).values("link_id"))
        near = []
    else:
        if criteria.need:
            services = services.filter(pk__in=_need(criteria.need).values("link_id"))
        services = services.filter(*[test("pk") for test in _by_id(criteria, now)])
    if criteria.free:
        services = with_price(services).filter(free_q())
    services = services.filter(*[test("pk") for test in near])
    if criteria.place is None:
        return services.order_by("name", "pk")
    nearest = _nearest(criteria.place, OuterRef("pk"))
    return services.annotate(squared=nearest).order_by(
        F("squared").asc(nulls_last=True), "name", "pk"
    )


def _need(code: str):
    """The rows of the term index (migration 0008) naming the services with this need."""
    return Attribute.objects.filter(
        link_entity="service", taxonomy_term__taxonomy_id=TAXONOMY_ID, taxonomy_term__code=code
    )


def _by_id(criteria: Criteria, now: datetime) -> list:
    """The tests of a service that follow its id to its languages and hours, each a
    function of the field that holds the id in the rows tested."""
    tests = []
    if criteria.language:
        tests.append(partial(_speaks, criteria.language))
    if criteria.open:
        tests.append(partial(open_q, criteria.open, now))
    return tests


def _speaks(language: str, key: str) -> Q:
    """The service's own languages by its index; the services whose places speak it as one
    set, found once from the index of places' languages: tested place by place, each
    service cost three index reads even in a directory whose places say nothing of
    languages."""
    by_place = ServiceAtLocation.objects.filter(location__languages__code=language)
    return Exists(Language.objects.filter(service=OuterRef(key), code=language)) | Q(
        **{f"{key}__in": by_place.values("service")}
    )


def search_page(criteria: Criteria, *, now: datetime, number, per_page: int) -> Page:
    """One page of services_matching's services, as Django's paginator gives it (`number`
    read as it reads it), each with `priced` and, when a place is given, `squared`.

    The page's keys are read first, then its services by key: a search orders all the
    services it finds, and its keys are a far smaller sort than whole rows. A search
    that filters also counts what it finds in the same query, a window count over the
    ordered keys, rather than doing the whole search again for the count: the count of
    an unfiltered directory is one pass over the table, which the window would not beat."""
    services = services_matching(criteria, now=now)
    fields = ["pk", "squared"] if criteria.place else ["pk"]
    keys = services.values_list(*fields)
    paginator = Paginator(keys, per_page)
    asked = _page_asked(number)
    found = None
    if asked and _narrows(criteria):
        start = (asked - 1) * per_page
        counted = services.annotate(found=Window(Count("pk")))
        if connection.vendor == "postgresql":
            # Ordered by the count first, the same for every row, so PostgreSQL 15 sees
            # that the first row comes only after every row is counted. It otherwise plans
            # for the first rows alone: it walked every service by name, testing each
            # against the search's list (3.8 s for Spanish childcare at statewide size).
            # SQLite sorts the rows after counting them either way, and more slowly so.
            counted = counted.order_by("found", *services.query.order_by)
        counted = counted.values_list(*fields, "found")
        found = list(counted[start : start + per_page])
        if found:
            paginator.count = found[0][-1]
        elif asked == 1:
            paginator.count = 0
    page = paginator.get_page(number)
    if found is None or page.number != asked:
        # An unfiltered directory, no number, or past the last page: the keys of the
        # page the paginator chose.
        found = list(page.object_list)
    rows = with_price(Service.objects.select_related("organization")).in_bulk(
        [key[0] for key in found]
    )
    page.object_list = []
    for key in found:
        service = rows[key[0]]
        if criteria.place:
            service.squared = key[1]
        page.object_list.append(service)
    return page


def _page_asked(number) -> int | None:
    """The page number asked for, as Paginator.validate_number reads it, or None when it
    reads none (the paginator then chooses)."""
    try:
        asked = int(number) if number not in (None, "") else 1
    except (TypeError, ValueError):
        return None
    return asked if asked >= 1 else None


def _narrows(criteria: Criteria) -> bool:
    """Whether the search keeps fewer than every active service."""
    return bool(
        criteria.place
        or words_of(criteria.words)
        or criteria.need
        or criteria.language
        or criteria.open
        or criteria.free
    )


#: What a listing's cost says when it costs nothing.
FREE_WORDS = ("", "free", "free.", "gratis", "gratuito", "no cost", "none", "$0", "0")


def with_price(services):
    """Each service with `priced`: whether a cost option asks for money."""
    return services.annotate(
        priced=Exists(CostOption.objects.filter(service=OuterRef("pk"), amount__gt=0))
    )


def free_q() -> Q:
    """Free, one way for the filter and the listing: no priced cost option, and a cost
    text that is empty or says free."""
    said_free = Q()
    for word in FREE_WORDS:
        said_free |= Q(fees_description__iexact=word)
    return said_free & Q(priced=False)


def is_free(service) -> bool:
    words = (service.fees_description or "").strip().lower()
    return words in FREE_WORDS and not getattr(service, "priced", False)


def _with_words(services, words):
    if connection.vendor == "postgresql":
        # Matches the expression of the GIN index made in migration 0003.
        query = " & ".join(f"{word}:*" for word in words)
        return services.annotate(document=SearchVector("search_text", config="simple")).filter(
            document=SearchQuery(query, config="simple", search_type="raw")
        )
    for word in words:
        services = services.filter(search_text__contains=word)
    return services


def open_q(when: str, now: datetime, key: str = "pk") -> Q:
    """Open on a day of the week ("MO".."SU") or at this moment ("now"), on the program's
    clock: the search's "open" filter. The "Open now" badge on each result reads the same
    schedules of the page's services with directory.hours.open_at, the reading
    `open_schedules` is held to, so the two cannot disagree.

    A service is open by a schedule of its own, of the service at one of its places, or
    of one of its places (HSDS hangs hours on any of the three). Which schedules apply is
    `open_schedules`. Three plain EXISTS rather than one over an OR of joins, which the
    databases cannot use an index for; each goes from the service to its schedules by
    index (the service's places, then their schedules), and tests only those: a list of
    the schedules open now, made first, is most of the directory's in the daytime.
    `key` is the field of the rows tested that holds the service's id."""
    applying = Schedule.objects.filter(open_schedules(when, now))
    return (
        Q(Exists(applying.filter(service=OuterRef(key))))
        | Q(Exists(applying.filter(service_at_location__service=OuterRef(key))))
        | Q(Exists(applying.filter(location__service_at_locations__service=OuterRef(key))))
    )


#: A plain weekly rule: every week on plain days ("MO,WE"), bounded by dates at most.
#: Nearly every directory's hours are such rules, and the database reads them itself; the
#: rest (every other week, "the first Monday", days of the month, a count, weeks or days
#: of the year) are read by directory.hours.applies_on in Python, a few among thousands.
PLAIN_WEEKLY = (
    Q(freq__in=["", "WEEKLY"])
    & (Q(interval__isnull=True) | Q(interval=1))
    & Q(bymonthday="", count__isnull=True, byweekno="", byyearday="")
    & ~Q(byday="")
    # No ordinal day ("1MO", "-1FR"): each has a digit from 1 to 5.
    & ~Q(byday__contains="1")
    & ~Q(byday__contains="2")
    & ~Q(byday__contains="3")
    & ~Q(byday__contains="4")
    & ~Q(byday__contains="5")
)


def _within_bounds_on(day) -> Q:
    """A rule's dates allow this day: valid_from, dtstart, valid_to and until, as
    directory.hours.first_day and last_day read them."""
    return (
        (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        & (Q(dtstart__isnull=True) | Q(dtstart__lte=day))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        & (Q(until__isnull=True) | Q(until__gte=day))
    )


def on_the_program_clock(year: int) -> Q:
    """Schedules whose hours are on the program's clock (directory.hours.clock_of): no
    offset, or one of the program's own."""
    return Q(timezone__isnull=True) | Q(timezone__in=sorted(program_offsets(year)))


def open_schedules(when: str, now: datetime) -> Q:
    """The schedules open at `now` ("now") or on a day of the week ("MO".."SU"): one
    reading of a rule, directory.hours.applies_on, which the listing uses too. A plain
    weekly rule on the program's clock is the same test written for the database (tests
    hold the two to each other); the other rules are read in Python and named by id, and
    so are the few with hours on another clock (an offset from UTC not the program's),
    whose moment and day are those of their own clock (directory.hours.open_at).

    Asked for a day rather than now, a schedule counts when it applies on that day of the
    week within the coming six weeks (directory.hours.LOOK_AHEAD_DAYS), so a monthly day
    counts."""
    local = now.astimezone(program_zone())
    today = local.date()
    if when == "now":
        moment = local.time().replace(tzinfo=None)
        at_this_hour = Q(opens_at__lte=moment, closes_at__gt=moment)
        days = [today]
        code = DAY_CODES[today.weekday()]
    elif when in DAY_CODES:
        at_this_hour = Q()
        code = when
        ahead = (DAY_CODES.index(when) - today.weekday()) % 7
        days = [today + timedelta(days=ahead + 7 * week) for week in range(LOOK_AHEAD_DAYS // 7)]
    else:
        raise ValueError(f"not a day: {when!r}")
    on_one_of_the_days = Q()
    for day in days:
        on_one_of_the_days |= _within_bounds_on(day)
    here = on_the_program_clock(today.year)
    plain = PLAIN_WEEKLY & Q(byday__icontains=code) & on_one_of_the_days
    others = (
        Schedule.objects.filter(here, at_this_hour)
        .exclude(PLAIN_WEEKLY)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=days[-1]),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        )
        .only(*RULE_FIELDS)
    )
    # Another clock's day may be the program's yesterday or tomorrow.
    elsewhere = (
        Schedule.objects.filter(timezone__isnull=False)
        .exclude(timezone__in=sorted(program_offsets(today.year)))
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=days[-1] + timedelta(days=1)),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today - timedelta(days=1)),
        )
        .only(*RULE_FIELDS)
    )
    if when == "now":
        chosen = [s.pk for s in others.iterator(chunk_size=2000) if applies_on(s, today)]
        chosen_there = [s.pk for s in elsewhere.iterator(chunk_size=2000) if open_at(s, now)]
    else:
        chosen = [
            s.pk for s in others.iterator(chunk_size=2000) if applies_on_weekday(s, when, today)
        ]
        chosen_there = [
            s.pk for s in elsewhere.iterator(chunk_size=2000) if opens_on_weekday(s, when, now)
        ]
    return (here & at_this_hour & (plain | Q(pk__in=chosen))) | Q(pk__in=chosen_there)


#: What directory.hours reads of a schedule.
RULE_FIELDS = (
    "pk",
    "valid_from",
    "valid_to",
    "dtstart",
    "until",
    "count",
    "wkst",
    "freq",
    "interval",
    "byday",
    "byweekno",
    "bymonthday",
    "byyearday",
    "timezone",
    "opens_at",
    "closes_at",
)


def _located(**lookups):
    """The service's places that have a point on the map."""
    return ServiceAtLocation.objects.filter(
        location__latitude__isnull=False, location__longitude__isnull=False, **lookups
    )


def _squared(place: Place) -> ExpressionWrapper:
    """The squared distance in degrees of latitude on a flat map around the place, which at
    a county's scale is within a percent of the great circle and needs no trigonometry in
    SQL. One expression for the filter and the ordering, so the two cannot disagree."""
    squeeze = math.cos(math.radians(place.latitude))
    return ExpressionWrapper(
        (F("location__latitude") - place.latitude) * (F("location__latitude") - place.latitude)
        + (F("location__longitude") - place.longitude)
        * squeeze
        * (F("location__longitude") - place.longitude)
        * squeeze,
        output_field=FloatField(),
    )


def _nearest(place: Place, service) -> Subquery:
    """The squared distance of the service's nearest place on the map (`service` its id,
    an OuterRef), None when it has none."""
    return Subquery(
        _located(service=service)
        .annotate(squared=_squared(place))
        .values("service")
        .annotate(nearest=Min("squared"))
        .values("nearest"),
        output_field=FloatField(),
    )


def _within(place: Place, miles: int):
    """The places of services within `miles` of the place.

    The box around the circle is tested before the distance, on latitude and longitude
    alone: a place outside it is dropped without computing anything, and PostgreSQL,
    asked for the services near a place and little else, reads the box from the index of
    places by latitude and longitude (migration 0007) rather than every place. The box is
    a hair wider than the circle, so rounding never drops a place the exact test keeps;
    the exact test decides."""
    reach = miles / MILES_PER_DEGREE
    # Degrees of longitude shrink towards the poles; a degree still spans something there.
    across = reach / max(math.cos(math.radians(place.latitude)), 1e-6)
    margin = 1 + 1e-9
    return (
        _located(
            location__latitude__gte=place.latitude - reach * margin,
            location__latitude__lte=place.latitude + reach * margin,
            location__longitude__gte=place.longitude - across * margin,
            location__longitude__lte=place.longitude + across * margin,
        )
        .annotate(squared=_squared(place))
        .filter(squared__lte=reach * reach)
    )


def _near_q(place: Place, miles: int, key: str, *, among_few: bool):
    """Services with a place within `miles` of the place, or with no place on the map (by
    phone or online), which are near to everyone; `key` is the field that holds the
    service's id in the rows tested. Two writings of one test, for two kinds of search.

    Among the few services another test kept (`among_few`: a need, words, a language),
    each is measured: the nearest of its places on the map is within the radius exactly
    when one of them is, and none (no place on the map) counts as here, so a service's
    places are read once. Two EXISTS, a place in the circle or else one on the map, read
    a far service's places twice, and PostgreSQL, whose costs take an index read for a
    read from disk, listed every place on the map instead (decision 0049).

    Asked for the services near a place and little else, the two EXISTS let PostgreSQL
    read the services with a place in the box, from the index of places by their point,
    and those with a place on the map as two lists, once, rather than measure each
    service of the directory (90 ms rather than 450 at statewide size)."""
    if among_few:
        reach = miles / MILES_PER_DEGREE
        return LessThanOrEqual(Coalesce(_nearest(place, OuterRef(key)), 0.0), reach * reach)
    return Exists(_within(place, miles).filter(service=OuterRef(key))) | ~Exists(
        _located(service=OuterRef(key))
    )


def miles_from(squared: float | None) -> float | None:
    if squared is None:
        return None
    return round(math.sqrt(squared) * MILES_PER_DEGREE, 1)
