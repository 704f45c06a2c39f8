"""What the server writes to its log: one line a request, and everything else Django and the
app log, as JSON in production so a log store can search it (decision 0041).

A request's line names the route, never the path: some paths carry a key (a calendar
feed's, a gathering reply's) and the log must not become a way in. It carries no query
string, no name and no e-mail: the person by their account's number alone.
"""

import logging
import time

logger = logging.getLogger("village.requests")


class RequestLogMiddleware:
    """First in MIDDLEWARE, so its time is the whole request's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "route": (match.view_name if match else "") or "unresolved",
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user.pk if user is not None and user.is_authenticated else None,
                "htmx": request.headers.get("HX-Request") == "true",
            },
        )
        return response
