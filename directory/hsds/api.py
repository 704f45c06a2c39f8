"""The Open Referral API 3.0's read endpoints over the public directory: what a 211 or
another program reads, page by page (docs/decisions/0024-hsds-export-and-api).

Public means what the public search shows: active services, their organizations,
places, phones, hours and needs. Nothing about referrals or families is here, and no
staff-only column (who checked a listing: documents.PRIVATE_COLUMNS). Every page is a
fixed number of queries whatever its size (documents.Rows.load).

The answers' error messages are for the programmers of other systems, so they are in
English only, like the standard's own field names.
"""

import math
import uuid

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from directory.hsds.documents import (
    FULL,
    LIST_OF_SERVICE_AT_LOCATIONS,
    LIST_OF_SERVICES,
    ORGANIZATION,
    OWN_COLUMNS,
    TERMS,
    Rows,
    Shape,
)
from directory.models import (
    Attribute,
    Organization,
    Service,
    ServiceAtLocation,
    Status,
    Taxonomy,
    TaxonomyTerm,
)
from directory.search import Criteria, services_matching

PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_SEARCH = 100
#: The standard's parameters this directory cannot honour: refused in words rather than
#: ignored, so a program never takes an unfiltered answer for a filtered one.
NOT_SUPPORTED = {
    "modified_after": "modified_after is not supported: the directory keeps no "
    "modification times. Read the whole list instead.",
    "minimal": "minimal is not supported: the directory keeps no modification times.",
    "postcode": "postcode is not supported here; use the directory's search page.",
    "proximity": "proximity is not supported here; use the directory's search page.",
}
ABOUT = {
    "version": "3.0",
    "profile": "https://docs.openreferral.org/en/3.0/",
    "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
    "openapi.json",
}


class Refused(Exception):
    """A request the API answers with an error: its status and the words why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Query:
    """A request's parameters, read and bounded; a bad one is refused in words."""

    def __init__(self, params):
        self.params = params
        for name, why in NOT_SUPPORTED.items():
            if params.get(name):
                raise Refused(400, why)
        if params.get("format", "json") != "json":
            raise Refused(400, "format: only json is offered.")
        self.page = self._number("page", 1, 1, MAX_PAGE)
        self.per_page = self._number("per_page", PER_PAGE, 1, MAX_PER_PAGE)
        # Control characters (a NUL, which PostgreSQL refuses in a query) are spaces.
        searched = params.get("search", "")
        self.search = "".join(c if c.isprintable() else " " for c in searched).strip()
        if len(searched) > MAX_SEARCH:
            raise Refused(400, f"search: at most {MAX_SEARCH} characters.")

    def _number(self, name: str, default: int, least: int, most: int) -> int:
        given = self.params.get(name)
        if given in (None, ""):
            return default
        try:
            number = int(given)
        except ValueError:
            raise Refused(400, f"{name}: a whole number from {least} to {most}.") from None
        if not least <= number <= most:
            raise Refused(400, f"{name}: a whole number from {least} to {most}.")
        return number

    def flag(self, name: str) -> bool:
        given = self.params.get(name, "").lower()
        if given in ("", "false", "0", "no"):
            return False
        if given in ("true", "1", "yes"):
            return True
        raise Refused(400, f"{name}: true or false.")

    def id(self, name: str) -> uuid.UUID | None:
        given = self.params.get(name)
        if not given:
            return None
        try:
            return uuid.UUID(given)
        except ValueError:
            raise Refused(400, f"{name}: an id like {uuid.UUID(int=0)}.") from None


def about() -> dict:
    return dict(ABOUT)


def public_services() -> QuerySet:
    """The listings the public search shows, in its order: active ones, by name."""
    return Service.objects.filter(status=Status.ACTIVE)


def services_page(params) -> dict:
    query = Query(params)
    services = _services_for(query)
    return _page(query, services, "service", FULL if query.flag("full") else LIST_OF_SERVICES)


def service_document(service: Service) -> dict:
    return _one("service", service.pk, FULL)


def service_at_locations_page(params) -> dict:
    query = Query(params)
    found = ServiceAtLocation.objects.filter(service__in=_services_for(query)).order_by(
        "service__name", "pk"
    )
    shape = FULL if query.flag("full") else LIST_OF_SERVICE_AT_LOCATIONS
    return _page(query, found, "service_at_location", shape)


def service_at_location_document(at: ServiceAtLocation) -> dict:
    return _one("service_at_location", at.pk, FULL)


def organizations_page(params) -> dict:
    query = Query(params)
    found = _public_organizations()
    for word in query.search.split()[:8]:
        found = found.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
        )
    if query.flag("full"):
        shape = FULL if query.flag("full_service") else ORGANIZATION
    else:
        shape = OWN_COLUMNS
    return _page(query, found.order_by("name", "pk"), "organization", shape)


def organization_document(organization: Organization, params) -> dict:
    shape = FULL if Query(params).flag("full_service") else ORGANIZATION
    return _one("organization", organization.pk, shape)


def taxonomies_page(params) -> dict:
    query = Query(params)
    found = Taxonomy.objects.all()
    for word in query.search.split()[:8]:
        found = found.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return _page(query, found.order_by("name", "pk"), "taxonomy", TERMS)


def taxonomy_document(taxonomy: Taxonomy) -> dict:
    return _one("taxonomy", taxonomy.pk, TERMS)


def taxonomy_terms_page(params) -> dict:
    query = Query(params)
    found = TaxonomyTerm.objects.all()
    for word in query.search.split()[:8]:
        found = found.filter(
            Q(name__icontains=word) | Q(code__icontains=word) | Q(description__icontains=word)
        )
    if taxonomy_id := query.id("taxonomy_id"):
        found = found.filter(taxonomy_id=taxonomy_id)
    if parent_id := query.id("parent_id"):
        found = found.filter(parent_id=parent_id)
    if query.flag("top_only"):
        found = found.filter(parent__isnull=True)
    return _page(query, found.order_by("name", "pk"), "taxonomy_term", TERMS)


def taxonomy_term_document(term: TaxonomyTerm) -> dict:
    return _one("taxonomy_term", term.pk, TERMS)


# The records the API's addresses name, loaded by their access rules (core/access.py) for
# anyone: the public ones only. An unknown or malformed id is a 404 (JSON under /api/).


def public_service_for(user, key) -> Service:
    return _get(public_services(), key)


def public_service_at_location_for(user, key) -> ServiceAtLocation:
    return _get(ServiceAtLocation.objects.filter(service__in=public_services()), key)


def public_organization_for(user, key) -> Organization:
    return _get(_public_organizations(), key)


def taxonomy_for(user, key) -> Taxonomy:
    return _get(Taxonomy.objects.all(), key)


def taxonomy_term_for(user, key) -> TaxonomyTerm:
    return _get(TaxonomyTerm.objects.all(), key)


def _get(found: QuerySet, key):
    try:
        return found.get(pk=uuid.UUID(str(key)))
    except (ValueError, found.model.DoesNotExist):
        raise Http404 from None


def _services_for(query: Query) -> QuerySet:
    """The public services matching the standard's filters, by name."""
    services = public_services()
    if query.search:
        matching = services_matching(Criteria(words=query.search), now=timezone.now())
        services = services.filter(pk__in=matching.values("pk"))
    if term := query.id("taxonomy_term_id"):
        services = services.filter(Exists(_needs().filter(taxonomy_term_id=term)))
    if taxonomy := query.id("taxonomy_id"):
        services = services.filter(Exists(_needs().filter(taxonomy_term__taxonomy_id=taxonomy)))
    if organization := query.id("organization_id"):
        services = services.filter(organization_id=organization)
    return services.order_by("name", "pk")


def _needs() -> QuerySet:
    return Attribute.objects.filter(link_entity="service", link_id=OuterRef("pk"))


def _public_organizations() -> QuerySet:
    """Organizations with a listing the public sees."""
    return Organization.objects.filter(
        Exists(public_services().filter(organization_id=OuterRef("pk")))
    )


def _page(query: Query, found: QuerySet, table: str, shape: Shape) -> dict:
    """One page in the standard's wrapper: a count, the page's ids, and the documents."""
    total = found.count()
    pages = max(1, math.ceil(total / query.per_page))
    if query.page > pages:
        raise Refused(404, f"page: there are {pages} pages of {query.per_page}.")
    start = (query.page - 1) * query.per_page
    ids = [str(pk) for pk in found.values_list("pk", flat=True)[start : start + query.per_page]]
    rows = Rows(public=True)
    by_id = {row["id"]: row for row in rows.load(table, ids, shape)}
    contents = [rows.document(table, by_id[pk], shape) for pk in ids if pk in by_id]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": query.page,
        "size": len(contents),
        "first_page": query.page == 1,
        "last_page": query.page == pages,
        "empty": not contents,
        "contents": contents,
    }


def _one(table: str, pk: uuid.UUID, shape: Shape) -> dict:
    rows = Rows(public=True)
    (row,) = rows.load(table, [str(pk)], shape)
    return rows.document(table, row, shape)
