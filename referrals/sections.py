"""The refer form on a listing's page, added there through the directory's sections so the
directory need not know referrals exist."""

from django.http import HttpRequest

from directory.models import Service
from referrals.forms import form_for

#: The section's name in the directory's registry; the refer view gives its own form by it.
REFER = "refer"
TEMPLATE = "referrals/_refer_section.html"


def refer_section(request: HttpRequest, service: Service) -> dict | None:
    """For those who may refer someone; nothing for visitors and the rest."""
    if not request.user.is_authenticated:
        return None
    form = form_for(request.user, service=service)
    return None if form is None else {"referral_form": form}
