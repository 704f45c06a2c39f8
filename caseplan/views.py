from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from audit.models import Action
from audit.services import audit_entry_create
from caseplan import selectors, services
from caseplan.forms import ContactForm, MonthForm
from caseplan.models import ContactKind
from core.forms import add_errors
from core.pagination import paginate
from families.models import Person


def _people_of(partnership):
    home = Q(partner_homes=partnership.partner_home_id) if partnership.partner_home_id else Q()
    return (
        Person.objects.filter(Q(birth_families=partnership.birth_family_id) | home)
        .distinct()
        .order_by("pk")
    )


def contacts(request, partnership_id):
    """The partnership's contact log, newest first, with a quick form on top."""
    partnership = selectors.casework_partnership_for(request.user, partnership_id)
    form = ContactForm(request.POST or None, people=_people_of(partnership))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "people"}
        try:
            services.contact_log(
                actor=request.user,
                partnership=partnership,
                data=data,
                people=form.cleaned_data["people"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Contact logged."))
            return redirect("caseplan:contacts", partnership.pk)
    audit_entry_create(
        actor=request.user, action=Action.VIEWED, record=partnership, fields=["contacts"]
    )
    page, query = paginate(request, selectors.contacts_of(partnership), per_page=30)
    return render(
        request,
        "caseplan/contacts.html",
        {"partnership": partnership, "form": form, "page": page, "query": query},
    )


def contact_done(request, contact_id):
    contact = selectors.contact_for(request.user, contact_id)
    if request.method != "POST":
        return redirect(contact)
    services.contact_follow_up_done(actor=request.user, contact=contact)
    messages.success(request, _("Follow-up marked done."))
    if request.POST.get("from") == "home":
        return redirect("core:home")
    return redirect(contact)


def report(request):
    """Contacts by coach for a month: a director sees every coach, a coach themself."""
    today = timezone.localdate()
    form = MonthForm(request.GET or None, initial={"month": today.replace(day=1)})
    month = form.cleaned_data["month"] if form.is_bound and form.is_valid() else today
    month = date(month.year, month.month, 1)
    rows = selectors.contact_report(
        request.user, month=month, everyone=request.user.has_role(Role.DIRECTOR)
    )
    return render(
        request,
        "caseplan/report.html",
        {"form": form, "rows": rows, "month": month, "kinds": ContactKind.choices},
    )
