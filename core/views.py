from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.selectors import cache_answers, database_answers, static_files_resolve


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers and the pages' static files resolve, 503 when either
    does not: for load balancers, uptime checks and deploys. A deploy that forgot
    `collectstatic` answers 500 on every page, so it is not healthy either."""
    checks = {
        "database": "ok" if database_answers(connection) else "unreachable",
        "static": "ok" if static_files_resolve() else "missing",
    }
    if settings.REDIS_URL:
        checks["cache"] = "ok" if cache_answers() else "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


#: Addresses read by other programs, which are answered in JSON even when nothing is there.
API_PATHS = "/api/"


def not_found(request, exception):
    if request.path.startswith(API_PATHS):
        # For the programmers of other systems: English, like the API's other answers.
        response = JsonResponse(
            {"status": 404, "message": "Not found: nothing has this address or id."}, status=404
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
    return render(request, "404.html", status=404)
