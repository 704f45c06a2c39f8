"""Changes to financial support. Every change that touches money takes the fund's row
lock first (SELECT ... FOR UPDATE on PostgreSQL; on SQLite each transaction takes the
database's write lock when it begins), then reads the fund's numbers, so that no two
approvals or payments can both spend the same dollar (docs/decisions/0012)."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from assistance.models import (
    AssistanceRequest,
    Decision,
    Document,
    Entry,
    Fund,
    Home,
    Payee,
    Rules,
    Status,
    cents,
)
from audit.models import Action
from audit.services import audit_entry_create
from core.money import dollars
from core.roles import is_casework
from core.uploads import checked_document
from families.models import BirthFamily, PartnerHome, Person
from notices.badges import kept_shared_forget
from notices.delivery import notify
from partnerships.models import Partnership, refuse_if_closed

#: The spending report kept for the director and finance (assistance/views.py): any
#: payment, reversal or fund's name makes it stale.
LEDGER = "ledger"


def balance_of(fund: Fund) -> Decimal:
    """The budget less every ledger entry (payments, and their reversals)."""
    return cents(fund.budget - cents(fund.entries.aggregate(total=Sum("amount"))["total"]))


def promised_from(fund: Fund) -> Decimal:
    """Approved against the fund and not yet paid."""
    approved = fund.requests.filter(status=Status.APPROVED)
    return cents(approved.aggregate(total=Sum("amount"))["total"])


def available_in(fund: Fund) -> Decimal:
    return balance_of(fund) - promised_from(fund)


def family_total(assistance_request: AssistanceRequest, *, since) -> Decimal:
    """What the family was given or promised since a day: requests of the same birth
    family (or partner home), in any of its partnerships."""
    partnership = assistance_request.partnership
    same = (
        Q(partnership__birth_family_id=partnership.birth_family_id)
        if assistance_request.home == Home.BIRTH
        else Q(partnership__partner_home_id=partnership.partner_home_id)
    )
    total = (
        AssistanceRequest.objects.filter(same, home=assistance_request.home, approved_on__gte=since)
        .filter(status__in=(Status.APPROVED, Status.PAID))
        .exclude(pk=assistance_request.pk)
        .aggregate(total=Sum("amount"))["total"]
    )
    return cents(total)


@transaction.atomic
def fund_save(*, actor, form) -> Fund:
    """A new fund, or a change to one. Its budget never drops below what it has paid and
    promised: the check runs under the fund's lock, like every spending."""
    if form.instance.pk:
        Fund.objects.select_for_update().get(pk=form.instance.pk)
        committed = _committed(form.instance)
        _check_restrictions_keep(form)
        if form.cleaned_data["budget"] < committed:
            raise ValidationError(
                {
                    "budget": _("It has paid and promised %(used)s: the budget cannot be less.")
                    % {"used": committed}
                }
            )
    fund = form.save()
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=fund, fields=sorted(form.changed_data)
    )
    kept_shared_forget(LEDGER)  # the report names the funds
    return fund


def _check_restrictions_keep(form) -> None:
    """A fund's needs and dates may narrow, but not away from requests it has already
    approved and not yet paid."""
    waiting = list(
        form.instance.requests.filter(status=Status.APPROVED).values_list("need", flat=True)
    )
    if not waiting:
        return
    needs = form.cleaned_data.get("needs") or []
    if needs and any(need not in needs for need in waiting):
        raise ValidationError(
            {"needs": _("Approved requests still wait for payment from this fund for other needs.")}
        )
    ends = form.cleaned_data.get("ends_on")
    if ends and ends < timezone.localdate():
        raise ValidationError(
            {"ends_on": _("Approved requests still wait for payment from this fund.")}
        )


def _committed(fund: Fund) -> Decimal:
    """Paid (net of reversals) and promised: what a budget must still cover."""
    paid = cents(fund.entries.aggregate(total=Sum("amount"))["total"])
    return paid + promised_from(fund)


@transaction.atomic
def rules_set(*, actor, form) -> Rules:
    rules = form.save()
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=rules, fields=sorted(form.changed_data)
    )
    return rules


@transaction.atomic
def request_create(*, actor, partnership: Partnership, data: dict) -> AssistanceRequest:
    """A coach's request goes to the approvers; a parent's waits for the coach to shape
    and submit it."""
    refuse_if_closed(partnership)
    team = is_casework(actor)
    assistance_request = AssistanceRequest(
        partnership=partnership,
        created_by=actor,
        submitted_by=actor if team else None,
        status=Status.SUBMITTED if team else Status.DRAFT,
        **data,
    )
    assistance_request.full_clean(exclude=["fund"])
    assistance_request.save()
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=assistance_request, fields=sorted(data)
    )
    return assistance_request


@transaction.atomic
def request_submit(
    *, actor, assistance_request: AssistanceRequest, data: dict
) -> AssistanceRequest:
    """The coach shapes a family's request and sends it for a decision."""
    assistance_request = AssistanceRequest.objects.select_for_update().get(pk=assistance_request.pk)
    if assistance_request.status != Status.DRAFT:
        raise ValidationError(_("This request was already sent for a decision."))
    for name, value in data.items():
        setattr(assistance_request, name, value)
    assistance_request.status = Status.SUBMITTED
    assistance_request.submitted_by = actor
    assistance_request.full_clean(exclude=["fund"])
    assistance_request.save()
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=assistance_request, fields=sorted(data)
    )
    return assistance_request


def request_decide(
    *,
    actor,
    assistance_request: AssistanceRequest,
    approve: bool,
    reason: str,
    fund: Fund | None = None,
) -> AssistanceRequest:
    """Approve (reserving the money in a fund) or decline, with the reason. Above the
    program's limit a second, different approver is needed before the money is promised."""
    with transaction.atomic():
        assistance_request = (
            AssistanceRequest.objects.select_for_update()
            .select_related("partnership")
            .get(pk=assistance_request.pk)
        )
        _check_decider(actor, assistance_request)
        if not reason.strip():
            raise ValidationError({"reason": _("Say why, in words the family can read.")})
        if not approve:
            return _decline(actor, assistance_request, reason)
        if fund is None:
            raise ValidationError({"fund": _("Choose the fund that pays for it.")})
        # Lock order: the request, its family, the fund. The family's row holds the
        # 12-month cap: two approvals for one family (siblings in two homes, two funds)
        # are decided one after the other.
        _lock_family(assistance_request)
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
        rules = Rules.current()
        _check_limits(actor, assistance_request, rules)
        _check_fund(assistance_request, fund)
        earlier = list(assistance_request.decisions.filter(approved=True).select_related("fund"))
        if earlier and earlier[0].fund_id != fund.pk:
            raise ValidationError(
                {"fund": _("The first approver chose %(fund)s.") % {"fund": earlier[0].fund}}
            )
        Decision.objects.create(
            request=assistance_request, by=actor, approved=True, reason=reason, fund=fund
        )
        needed = 2 if assistance_request.amount > rules.two_approvers_above else 1
        if len(earlier) + 1 >= needed:
            _promise(actor, assistance_request, fund, rules)
        audit_entry_create(
            actor=actor, action=Action.CHANGED, record=assistance_request, fields=["status"]
        )
        return assistance_request


def _lock_family(assistance_request: AssistanceRequest) -> None:
    if assistance_request.home == Home.BIRTH:
        BirthFamily.objects.select_for_update().get(
            pk=assistance_request.partnership.birth_family_id
        )
    elif assistance_request.partnership.partner_home_id:
        PartnerHome.objects.select_for_update().get(
            pk=assistance_request.partnership.partner_home_id
        )


def _check_decider(actor, assistance_request: AssistanceRequest) -> None:
    if not is_casework(actor):
        raise ValidationError(_("Only the program's coaches and director decide requests."))
    if actor.pk in (assistance_request.created_by_id, assistance_request.submitted_by_id):
        raise ValidationError(_("You asked for this one: someone else decides it."))
    if assistance_request.status != Status.SUBMITTED:
        raise ValidationError(_("This request is not waiting for a decision."))
    if assistance_request.decisions.filter(by=actor).exists():
        raise ValidationError(_("You already approved it: a second approver is needed."))
    refuse_if_closed(assistance_request.partnership)


def _check_limits(actor, assistance_request: AssistanceRequest, rules: Rules) -> None:
    if not actor.has_role(Role.DIRECTOR) and assistance_request.amount > rules.coach_limit:
        raise ValidationError(
            _("A coach approves up to %(limit)s; the director decides this one.")
            % {"limit": dollars(rules.coach_limit)}
        )
    if assistance_request.payee_kind == Payee.FAMILY and not actor.has_role(Role.DIRECTOR):
        raise ValidationError(_("Only the director allows paying the family directly."))


def _check_fund(assistance_request: AssistanceRequest, fund: Fund) -> None:
    today = timezone.localdate()
    if not fund.pays_for(assistance_request.need):
        raise ValidationError({"fund": _("This fund does not pay for this need.")})
    if not fund.open_on(today):
        raise ValidationError({"fund": _("This fund is not open today.")})
    available = available_in(fund)
    if assistance_request.amount > available:
        raise ValidationError(
            {"fund": _("The fund has %(left)s left to promise.") % {"left": dollars(available)}}
        )


def _promise(actor, assistance_request: AssistanceRequest, fund: Fund, rules: Rules) -> None:
    today = timezone.localdate()
    given = family_total(assistance_request, since=today - timedelta(days=365))
    if given + assistance_request.amount > rules.family_cap:
        raise ValidationError(
            _(
                "This family has had %(given)s in the last 12 months; the program's limit "
                "is %(cap)s."
            )
            % {"given": dollars(given), "cap": dollars(rules.family_cap)}
        )
    assistance_request.status = Status.APPROVED
    assistance_request.fund = fund
    assistance_request.approved_on = today
    assistance_request.save(update_fields=["status", "fund", "approved_on"])


def _decline(actor, assistance_request: AssistanceRequest, reason: str) -> AssistanceRequest:
    Decision.objects.create(request=assistance_request, by=actor, approved=False, reason=reason)
    assistance_request.status = Status.DECLINED
    assistance_request.save(update_fields=["status"])
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=assistance_request, fields=["status"]
    )
    transaction.on_commit(lambda: _tell_family(assistance_request))
    return assistance_request


def _tell_family(assistance_request: AssistanceRequest) -> None:
    """The family hears there is an update; the page says why, and where else to turn."""
    home = (
        Q(birth_families__partnerships=assistance_request.partnership_id)
        if assistance_request.home == Home.BIRTH
        else Q(partner_homes__partnerships=assistance_request.partnership_id)
    )
    for person in Person.objects.filter(home, user__isnull=False).distinct():
        notify(user_id=person.user_id, path=assistance_request.get_absolute_url())


def payment_record(
    *, actor, assistance_request: AssistanceRequest, method: str, number: str, paid_on, key: str
) -> Entry:
    """Finance pays an approved request, once. The same form sent twice (the same key)
    returns the first payment; a second, different payment of a paid request is refused."""
    if not actor.has_role(Role.FINANCE):
        raise ValidationError(_("Payments are recorded by finance."))
    existing = _same_payment(key, assistance_request)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            assistance_request = AssistanceRequest.objects.select_for_update().get(
                pk=assistance_request.pk
            )
            # A twin of this very form may have won the lock: its payment stands.
            existing = _same_payment(key, assistance_request)
            if existing is not None:
                return existing
            if assistance_request.status != Status.APPROVED:
                raise ValidationError(_("Only an approved, unpaid request can be paid."))
            fund = Fund.objects.select_for_update().get(pk=assistance_request.fund_id)
            if not fund.pays_for(assistance_request.need) or not fund.open_on(paid_on):
                raise ValidationError(
                    _("%(fund)s no longer pays for this need on this date.") % {"fund": fund}
                )
            if balance_of(fund) - assistance_request.amount < 0:
                raise ValidationError(_("The fund cannot pay this: it would go below zero."))
            entry = Entry.objects.create(
                fund=fund,
                request=assistance_request,
                amount=assistance_request.amount,
                method=method,
                number=number,
                paid_on=paid_on,
                payee=assistance_request.payee,
                by=actor,
                idempotency_key=key,
            )
            assistance_request.status = Status.PAID
            assistance_request.save(update_fields=["status"])
            audit_entry_create(actor=actor, action=Action.CREATED, record=entry, fields=["amount"])
            kept_shared_forget(LEDGER)
            return entry
    except IntegrityError:
        # The same key won a race with this very submission: that payment stands.
        return _same_payment(key, assistance_request)


def _same_payment(key: str, assistance_request: AssistanceRequest) -> Entry | None:
    """The payment this form already recorded, if it did. A key belongs to one request's
    one payment: used for another request, or for a payment since reversed, the form is
    stale and says so rather than reporting a payment that did not happen."""
    existing = Entry.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if (
        existing.request_id != assistance_request.pk
        or Entry.objects.filter(reverses=existing).exists()
    ):
        raise ValidationError(_("This payment form was already used. Open the request again."))
    return existing


@transaction.atomic
def payment_reverse(*, actor, entry: Entry, note: str) -> Entry:
    """A correction: a negative entry cancelling one payment (a voided check); the
    request is approved again, to be paid anew."""
    if not actor.has_role(Role.FINANCE):
        raise ValidationError(_("Payments are corrected by finance."))
    if not note.strip():
        raise ValidationError({"note": _("Say what was wrong with the payment.")})
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.amount <= 0 or Entry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This payment was already reversed."))
    Fund.objects.select_for_update().get(pk=entry.fund_id)
    reversal = Entry.objects.create(
        fund_id=entry.fund_id,
        request_id=entry.request_id,
        amount=-entry.amount,
        paid_on=timezone.localdate(),
        payee=entry.payee,
        reverses=entry,
        note=note,
        by=actor,
    )
    AssistanceRequest.objects.filter(pk=entry.request_id).update(status=Status.APPROVED)
    audit_entry_create(actor=actor, action=Action.CREATED, record=reversal, fields=["amount"])
    kept_shared_forget(LEDGER)
    return reversal


@transaction.atomic
def document_add(*, actor, assistance_request: AssistanceRequest, kind: str, upload) -> Document:
    """Keep a quote or a bill: a PDF, or a photo kept without its metadata."""
    content, content_type = checked_document(
        upload,
        field="file",
        too_big=_("Choose a file under 10 MB."),
        refused=_("Choose a PDF or a photo (JPEG or PNG) of the quote or bill."),
    )
    document = Document(
        request=assistance_request,
        kind=kind,
        content_type=content_type,
        size=content.size,
        uploaded_by=actor,
    )
    document.file.save(content.name, content, save=False)
    document.save()
    audit_entry_create(actor=actor, action=Action.CREATED, record=document, fields=["file"])
    return document
