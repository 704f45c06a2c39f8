from audit.context import current_ip, current_path
from core.throttle import client_address


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = current_ip.set(client_address(request))
        path_token = current_path.set(request.path[:300])
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(ip_token)
            current_path.reset(path_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A secret in the address (a calendar feed's, a gathering reply's) is a key: the
        trail keeps where someone was, never the key itself."""
        secret = view_kwargs.get("secret")
        if secret:
            current_path.set(request.path.replace(str(secret), "…")[:300])
