from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from assistance import selectors, services
from assistance.forms import DecideForm, PayForm, RequestForm
from assistance.models import Home, Status
from audit.models import Action
from audit.services import audit_entry_create
from core.forms import add_errors
from partnerships.selectors import partnership_for


def index(request):
    """Funds with their balances, and what waits on a decision or a payment."""
    return render(
        request,
        "assistance/index.html",
        {"funds": selectors.funds_with_numbers(), **selectors.waiting(request.user)},
    )


def request_new(request, partnership_id):
    partnership = partnership_for(request.user, partnership_id)
    form = RequestForm(request.POST or None)
    own_home = _home_of(request.user, partnership)
    if own_home:
        # A parent asks for their own home only.
        del form.fields["home"]
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, **({"home": own_home} if own_home else {})}
        try:
            made = services.request_create(actor=request.user, partnership=partnership, data=data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if made.status == Status.DRAFT:
                messages.success(request, _("Sent to your coach, who will shape it with you."))
            else:
                messages.success(request, _("Request sent for a decision."))
            return redirect(made)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Ask for financial help"),
            "back": partnership.get_absolute_url(),
        },
    )


def _home_of(user, partnership) -> str:
    """A parent's side of the partnership; "" for the team."""
    if user.has_role(Role.DIRECTOR, Role.COACH):
        return ""
    if any(p.user_id == user.pk for p in partnership.birth_family.parents.all()):
        return Home.BIRTH
    return Home.PARTNER


def request_detail(request, request_id):
    found = selectors.request_for(request.user, request_id)
    audit_entry_create(actor=request.user, action=Action.VIEWED, record=found)
    user = request.user
    return render(
        request,
        "assistance/request.html",
        {
            "found": found,
            "decisions": found.decisions.select_related("by__person", "fund"),
            "payments": found.entries.order_by("paid_on", "pk"),
            "decide_form": DecideForm() if _may_decide(user, found) else None,
            "pay_form": PayForm()
            if user.has_role(Role.FINANCE) and found.status == Status.APPROVED
            else None,
            "staff": user.has_role(*selectors.STAFF),
        },
    )


def _may_decide(user, found) -> bool:
    return (
        user.has_role(Role.DIRECTOR, Role.COACH)
        and found.status == Status.SUBMITTED
        and found.created_by_id != user.pk
    )


def decide(request, request_id):
    found = selectors.request_for(request.user, request_id)
    if request.method == "POST":
        form = DecideForm(request.POST)
        if form.is_valid():
            try:
                services.request_decide(actor=request.user, request=found, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Decision recorded."))
        else:
            messages.error(request, _("Choose approve or decline, and say why."))
    return redirect(found)


def pay(request, request_id):
    found = selectors.request_for(request.user, request_id)
    if request.method == "POST":
        form = PayForm(request.POST)
        if form.is_valid():
            try:
                services.payment_record(actor=request.user, request=found, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Payment recorded."))
        else:
            messages.error(request, _("Give the method and the date of the payment."))
    return redirect(found)


def fund(request, fund_id):
    """A fund's report: its budget, and every ledger entry against it."""
    found = selectors.fund_for(fund_id)
    entries = list(
        found.entries.select_related("request__partnership__birth_family").order_by("paid_on", "pk")
    )
    return render(
        request,
        "assistance/fund.html",
        {
            "fund": found,
            "entries": entries,
            "balance": services.balance_of(found),
            "available": services.available_in(found),
        },
    )
