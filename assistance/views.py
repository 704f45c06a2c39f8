from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from assistance import selectors, services
from assistance.forms import (
    AssistanceRequestForm,
    DecideForm,
    DocumentForm,
    FundForm,
    NewRequestForm,
    PayForm,
    RulesForm,
)
from assistance.models import AssistanceRequest, Fund, Home, Need, Rules, Status, cents
from audit.models import Action
from audit.services import audit_entry_create
from core import spreadsheet
from core.bounds import id_in
from core.forms import add_errors
from core.once import once
from core.pagination import paginate
from core.roles import is_casework
from core.uploads import MAX_DOCUMENT_BYTES, accepts_upload, private_file_response
from notices.badges import kept_part
from partnerships.models import Stage
from partnerships.selectors import partnerships_visible_to


def index(request):
    """Funds with their balances, and what waits on a decision or a payment."""
    return render(
        request,
        "assistance/index.html",
        {"funds": selectors.funds_with_numbers(), **selectors.waiting(request.user)},
    )


def request_new(request, partnership):
    form = NewRequestForm(request.POST or None)
    own_home = _home_of(request.user, partnership)
    if own_home:
        # A parent asks for their own home only.
        del form.fields["home"]
    else:
        form.for_the_team()
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, **({"home": own_home} if own_home else {})}
        try:
            made, _fresh = once(
                form.sent_key,
                user=request.user,
                model=AssistanceRequest,
                make=lambda: services.request_create(
                    actor=request.user, partnership=partnership, data=data
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if made is None:  # the same form sent again, its request since gone
                return redirect(partnership)
            if made.status == Status.DRAFT:
                messages.success(request, _("Sent to your coach, who will go over it with you."))
            else:
                messages.success(request, _("Request sent for a decision."))
            return redirect(made)
    return render(
        request,
        "assistance/request_form.html",
        {
            "form": form,
            "title": _("Ask for financial help"),
            "back": partnership.get_absolute_url(),
            # A parent's request goes to their coach first; the team's straight to a decision.
            "submit_label": _("Send to my coach") if own_home else _("Send for a decision"),
            "from_family": bool(own_home),
            "rules": Rules.current(),
        },
    )


def _home_of(user, partnership) -> str:
    """A parent's side of the partnership; "" for the team."""
    if is_casework(user):
        return ""
    if any(p.user_id == user.pk for p in partnership.birth_family.parents.all()):
        return Home.BIRTH
    return Home.PARTNER


def mine(request):
    """A family's own view: what they asked for, and what the program paid for them."""
    assistance_requests = list(
        selectors.requests_visible_to(request.user)
        .prefetch_related("entries")
        .order_by("-created_at", "-pk")
    )
    for assistance_request in assistance_requests:
        assistance_request.paid = cents(
            sum(entry.amount for entry in assistance_request.entries.all())
        )
    return render(
        request,
        "assistance/mine.html",
        {
            "assistance_requests": assistance_requests,
            "total": cents(sum(r.paid for r in assistance_requests)),
            # Where they may ask again: each of their open partnerships.
            "ask_in": list(
                partnerships_visible_to(request.user)
                .exclude(stage=Stage.CLOSED)
                .select_related("birth_family")
            ),
        },
    )


def submit(request, assistance_request):
    """The coach shapes a request a family started, and sends it for a decision."""
    if assistance_request.status != Status.DRAFT:
        return redirect(assistance_request)
    form = AssistanceRequestForm(request.POST or None, instance=assistance_request)
    # The request stays with the home that asked: its words and bills are theirs.
    del form.fields["home"]
    form.for_the_team()
    if request.method == "POST" and form.is_valid():
        try:
            services.request_submit(
                actor=request.user, assistance_request=assistance_request, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Request sent for a decision."))
            return redirect(assistance_request)
    return render(
        request,
        "assistance/request_form.html",
        {
            "form": form,
            "title": _("Get the request ready and send it for a decision"),
            "back": assistance_request.get_absolute_url(),
            "submit_label": _("Send for a decision"),
            "rules": Rules.current(),
        },
    )


def request_detail(request, assistance_request):
    user = request.user
    return render(
        request,
        "assistance/request.html",
        {
            "assistance_request": assistance_request,
            "decisions": assistance_request.decisions.select_related("by__person", "fund"),
            "payments": assistance_request.entries.order_by("paid_on", "pk"),
            "documents": assistance_request.documents.all(),
            "document_form": DocumentForm() if assistance_request.status != Status.PAID else None,
            "decide_form": DecideForm() if _may_decide(user, assistance_request) else None,
            "pay_form": PayForm()
            if user.has_role(Role.FINANCE) and assistance_request.status == Status.APPROVED
            else None,
            "staff": user.has_role(*selectors.STAFF),
        },
    )


def _may_decide(user, assistance_request) -> bool:
    return (
        is_casework(user)
        and assistance_request.status == Status.SUBMITTED
        and assistance_request.created_by_id != user.pk
    )


@accepts_upload(MAX_DOCUMENT_BYTES)
def document_add(request, assistance_request):
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                once(
                    form.sent_key,
                    user=request.user,
                    make=lambda: services.document_add(
                        actor=request.user,
                        assistance_request=assistance_request,
                        kind=form.cleaned_data["kind"],
                        upload=form.cleaned_data["file"],
                    ),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Document added."))
        else:
            messages.error(request, _("Choose what it is and the file."))
    return redirect(assistance_request)


def document_file(request, document):
    """A quote or bill, only to those its access rule lets read it; never cached by others."""
    return private_file_response(
        document.file,
        content_type=document.content_type,
        name=f"{document.get_kind_display()}-{document.pk}",
    )


def decide(request, assistance_request):
    if request.method == "POST":
        form = DecideForm(request.POST)
        if form.is_valid():
            try:
                services.request_decide(
                    actor=request.user, assistance_request=assistance_request, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Decision recorded."))
        else:
            messages.error(request, _("Choose approve or decline, and say why."))
    return redirect(assistance_request)


def pay(request, assistance_request):
    if request.method == "POST":
        form = PayForm(request.POST)
        if form.is_valid():
            try:
                services.payment_record(
                    actor=request.user, assistance_request=assistance_request, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Payment recorded."))
        else:
            messages.error(request, _("Give the method and the date of the payment."))
    return redirect(assistance_request)


def fund_edit(request, fund=None):
    """fund_new has no fund; fund_edit's rule loads the one to change."""
    form = FundForm(request.POST or None, instance=fund)
    if request.method == "POST" and form.is_valid():
        try:
            saved, _made = once(
                form.sent_key,
                user=request.user,
                model=Fund,
                make=lambda: services.fund_save(actor=request.user, form=form),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Fund saved."))
            return redirect(saved or "assistance:index")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Change the fund") if fund else _("A new fund"),
            "back": fund.get_absolute_url() if fund else reverse("assistance:index"),
        },
    )


def rules(request):
    form = RulesForm(request.POST or None, instance=Rules.current())
    if request.method == "POST" and form.is_valid():
        services.rules_set(actor=request.user, form=form)
        messages.success(request, _("Approval rules saved."))
        return redirect("assistance:index")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Approval rules"), "back": reverse("assistance:index")},
    )


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


#: Families on a page of the spending report: the CSV holds every one.
FAMILIES_PAGE = 100


def report(request):
    """A year's spending for a funder. The same for whoever may read it: kept once for
    them all a minute, and written afresh at any payment (decision 0048)."""
    year = _year(request)

    def context() -> dict:
        figures = selectors.spending(year=year)
        needs = dict(Need.choices)
        for row in figures["by_need"]:
            row["label"] = needs.get(row["request__need"], row["request__need"])
        page, query = paginate(request, figures.pop("by_family"), FAMILIES_PAGE)
        page.object_list = selectors.in_money(page.object_list)
        return {"year": year, "page": page, "query": query, **figures}

    asked = request.GET.get("page", "")
    parts = ("spending", str(year), asked if asked.isdigit() else "")
    report = kept_part(
        request,
        *parts,
        template="assistance/_report.html",
        context=context,
        shared=services.LEDGER,
        everyone=True,
    )
    return render(request, "assistance/report.html", {"report": report})


def report_csv(request):
    """The year's ledger as a CSV an accountant opens in a spreadsheet (UTF-8 with a
    byte-order mark, so accents survive Excel)."""
    year = _year(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    fund_id = id_in(request.GET, "fund")
    by_fund = fund_id is not None
    name = f"fund-{fund_id}" if by_fund else str(year)
    response["Content-Disposition"] = f'attachment; filename="village-ledger-{name}.csv"'
    response.write("\ufeff")
    writer = spreadsheet.writer(response)
    writer.writerow(
        [
            "date",
            "fund",
            "family",
            "need",
            "payee",
            "method",
            "number",
            "amount",
            "reverses",
            "note",
            "job_security",
        ]
    )
    # A fund's ledger is all of it; the program's, one year.
    rows = selectors.ledger_rows(year=None if by_fund else year)
    if by_fund:
        rows = rows.filter(fund_id=fund_id)
    for covered in Fund.objects.filter(pk__in=rows.values("fund_id")):
        audit_entry_create(
            actor=request.user, action=Action.VIEWED, record=covered, fields=["ledger_csv"]
        )
    for entry in rows:
        writer.writerow(
            [
                entry.paid_on.isoformat(),
                entry.fund.name,
                entry.request.partnership.birth_family.name,
                entry.request.need,
                entry.payee,
                entry.method,
                entry.number,
                f"{entry.amount:.2f}",
                entry.reverses_id or "",
                entry.note,
                "yes" if entry.request.for_work else "no",
            ]
        )
    return response


def fund_detail(request, fund):
    """A fund's report: its budget, and every ledger entry against it."""
    entries = fund.entries.select_related("request__partnership__birth_family").order_by(
        "paid_on", "pk"
    )
    page, query = paginate(request, entries, per_page=100)
    return render(
        request,
        "assistance/fund.html",
        {
            "fund": fund,
            "entries": page,
            "page": page,
            "query": query,
            "balance": services.balance_of(fund),
            "available": services.available_in(fund),
            "job_security": selectors.job_security_paid(fund),
        },
    )
