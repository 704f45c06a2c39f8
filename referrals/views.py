from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.once import once_for
from core.pagination import paginate
from core.roles import is_casework
from directory.needs import NEEDS
from directory.sections import service_page_context
from directory.selectors import service_for
from partnerships.models import Stage
from referrals import selectors, services
from referrals.forms import MoveForm, form_for
from referrals.models import Referral, Status
from referrals.sections import REFER


@require_POST
def refer(request):
    """Sent from a listing's page; the listing shows again with any error."""
    service = service_for(request.POST.get("service", ""))
    form = form_for(request.user, service=service, data=request.POST)
    if form is None:
        messages.error(request, _("You have no one to refer yet."))
        return redirect(service)
    if form.is_valid():
        partnership, person = form.chosen()
        try:
            referral, _made = once_for(
                form,
                user=request.user,
                model=Referral,
                make=lambda: services.referral_make(
                    actor=request.user,
                    partnership=partnership,
                    person=person,
                    service=service,
                    need=form.cleaned_data["need"],
                    note=form.cleaned_data["note"],
                ),
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Referral sent. You can follow it here."))
            return redirect(referral or service)
    context = service_page_context(request, service, given={REFER: {"referral_form": form}})
    return render(request, "directory/service.html", context, status=400)


def mine(request):
    status = request.GET.get("status", "")
    status = status if status in ("open", *Status.values) else ""
    page, query = paginate(request, selectors.referral_list(request.user, status=status), 30)
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": Status.choices,
            "team": is_casework(request.user),
        },
    )


def referral(request, referral):
    return render(
        request,
        "referrals/referral.html",
        {
            "referral": referral,
            "steps": referral.steps.select_related("by__person"),
            # A closed partnership's referrals are kept as they ended.
            "form": None
            if referral.partnership.stage == Stage.CLOSED
            else MoveForm(referral=referral),
        },
    )


def update(request, referral):
    if request.method != "POST":
        return redirect(referral)
    form = MoveForm(request.POST, referral=referral)
    if form.is_valid():
        try:
            services.referral_move(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("Saved: %(status)s.") % {"status": referral.get_status_display()}
            )
    else:
        messages.error(request, _("Choose what happened."))
    return redirect(referral)


def figures(request):
    by_need = selectors.outcomes(by="need")
    for row in by_need:
        row["label"] = NEEDS.get(row["need"], row["need"])
    return render(
        request,
        "referrals/figures.html",
        {"by_need": by_need, "by_service": selectors.outcomes(by="service")[:30]},
    )
