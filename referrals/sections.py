"""The refer form on a listing's page, added there through the directory's sections so the
directory need not know referrals exist."""

from django.http import HttpRequest

from audit.services import audit_list_read
from core.roles import is_casework
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
    if form is None:
        return None
    if is_casework(request.user):
        # The team's form offers the parents of their partnerships: a reading of their list.
        audit_list_read(user=request.user, model="families.person")
    return {"referral_form": form}
