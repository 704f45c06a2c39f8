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


def not_found(request, exception):
    return render(request, "404.html", status=404)
