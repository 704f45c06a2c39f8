from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.selectors import database_answers


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers, 503 when it does not: for load balancers and uptime
    checks. Outside ATOMIC_REQUESTS so a dead database is reported, not raised."""
    if database_answers(connection):
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)


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
