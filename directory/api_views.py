"""The HSDS API's views (directory/hsds/api.py reads): JSON, GET only, readable from any
web page's script (the directory is public), and limited per address so that one
program reading in a loop cannot slow the directory down for families."""

from functools import wraps

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from core.throttle import HOUR, client_address, throttle_hit
from directory.hsds import api

#: Enough for a program to read a directory of thousands, page by page, several times
#: an hour; a loop gone wrong is stopped within the hour.
REQUESTS_PER_HOUR = 1200


def _answer(status: int, message: str) -> JsonResponse:
    # Machine-facing, for the programmers of other systems: English, like HSDS itself.
    return JsonResponse({"status": status, "message": message}, status=status)


def hsds_endpoint(read):
    """`read(request, **kwargs)` returns the document; this makes it an API answer."""

    @wraps(read)
    def view(request, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _answer(405, "This API only reads: use GET.")
            response["Allow"] = "GET, HEAD"
        elif throttle_hit(scope="hsds-api", key=client_address(request), limit=REQUESTS_PER_HOUR):
            response = _answer(429, "Too many requests from this address: try again later.")
            response["Retry-After"] = str(int(HOUR.total_seconds()))
        else:
            try:
                response = JsonResponse(
                    read(request, **kwargs), json_dumps_params={"ensure_ascii": False}
                )
            except api.Refused as refused:
                response = _answer(refused.status, refused.message)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    # Nothing here changes anything, so no form posts to it: any other method is a 405.
    return csrf_exempt(view)


@hsds_endpoint
def about(request):
    return api.about()


@hsds_endpoint
def services(request):
    return api.services_page(request.GET)


@hsds_endpoint
def service(request, service):
    return api.service_document(service)


@hsds_endpoint
def service_at_locations(request):
    return api.service_at_locations_page(request.GET)


@hsds_endpoint
def service_at_location(request, service_at_location):
    return api.service_at_location_document(service_at_location)


@hsds_endpoint
def organizations(request):
    return api.organizations_page(request.GET)


@hsds_endpoint
def organization(request, organization):
    return api.organization_document(organization, request.GET)


@hsds_endpoint
def taxonomies(request):
    return api.taxonomies_page(request.GET)


@hsds_endpoint
def taxonomy(request, taxonomy):
    return api.taxonomy_document(taxonomy)


@hsds_endpoint
def taxonomy_terms(request):
    return api.taxonomy_terms_page(request.GET)


@hsds_endpoint
def taxonomy_term(request, taxonomy_term):
    return api.taxonomy_term_document(taxonomy_term)
