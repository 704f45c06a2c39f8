"""Guided financial support: funds, requests, decisions and an append-only ledger.

Money is Decimal with two places, never float. A fund's balance is its budget minus its
ledger entries; what it can still promise is the balance minus the requests approved
against it and not yet paid (docs/decisions/0012).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.badges import Badge

CENT = Decimal("0.01")


def cents(value) -> Decimal:
    """A sum as money: SQLite returns Decimal sums without their two places."""
    return Decimal(value or 0).quantize(CENT)


def money(label, **options):
    return models.DecimalField(label, max_digits=12, decimal_places=2, **options)


class Need(models.TextChoices):
    RENT = "rent", _("Rent or deposit")
    UTILITIES = "utilities", _("Utilities")
    CAR_REPAIR = "car_repair", _("Car repair")
    CHILDCARE = "childcare", _("Childcare")
    WORK_TOOLS = "work_tools", _("Work clothes, tools or uniforms")
    LICENSE = "license", _("A license or certification for work")
    TRANSPORTATION = "transportation", _("Transportation")
    PHONE = "phone", _("Phone")
    FOOD = "food", _("Food")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    GRANT = "grant", _("Grant")
    DONOR = "donor", _("Donor")
    GENERAL = "general", _("General")


class Fund(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    budget = money(_("budget"), validators=[MinValueValidator(Decimal("0"))])
    #: The needs it may pay for; empty: any.
    needs = models.JSONField(_("needs it may pay for"), default=list, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assistance:fund", args=[self.pk])

    def pays_for(self, need: str) -> bool:
        return not self.needs or need in self.needs

    def open_on(self, day) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is None or day <= self.ends_on
        )


class Rules(models.Model):
    """The program's approval rules: one row, changed by the director."""

    coach_limit = money(
        _("a coach approves up to"),
        default=Decimal("250.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    two_approvers_above = money(
        _("two approvers above"),
        default=Decimal("1000.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    family_cap = money(
        _("per family over 12 months"),
        default=Decimal("2500.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    @classmethod
    def current(cls) -> "Rules":
        return cls.objects.order_by("pk").first() or cls.objects.create()


class Home(models.TextChoices):
    BIRTH = "birth", _("Birth family")
    PARTNER = "partner", _("Partner home")


class Payee(models.TextChoices):
    VENDOR = "vendor", _("A vendor (landlord, utility, shop)")
    FAMILY = "family", _("The family itself")


class Status(models.TextChoices):
    DRAFT = "draft", _("Started by the family")
    SUBMITTED = "submitted", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    PAID = "paid", _("Paid")


#: Each status's tag wherever a request is shown: waiting on the coach or the approvers,
#: the money promised or paid, or refused.
STATUS_BADGES = {
    Status.DRAFT: Badge.ATTENTION,
    Status.SUBMITTED: Badge.ATTENTION,
    Status.APPROVED: Badge.OK,
    Status.PAID: Badge.OK,
    Status.DECLINED: Badge.DANGER,
}


class AssistanceRequest(models.Model):
    """A family's request for financial help. Named in full: in a view, `request` is the
    HTTP request."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="assistance_requests"
    )
    home = models.CharField(_("for"), max_length=10, choices=Home.choices, default=Home.BIRTH)
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    amount = money(_("amount"), validators=[MinValueValidator(CENT)])
    payee_kind = models.CharField(
        _("paid to"), max_length=10, choices=Payee.choices, default=Payee.VENDOR
    )
    payee = models.CharField(_("payee"), max_length=200)
    due_on = models.DateField(_("needed by"))
    purpose = models.TextField(_("how it keeps the family safe or working"), max_length=2000)
    #: The parent's job depends on it (the car to the shift, the boots, the license): the
    #: funds' reports count what was paid for these as "Job security".
    for_work = models.BooleanField(_("This helps me keep my job"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    #: The fund chosen by the approval that reserved the money.
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    #: Who sent it for a decision: the coach who shaped a family's request is, like the
    #: one who wrote it, never one of its approvers.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the money was promised (the last approval), for the 12-month family cap.
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def get_absolute_url(self):
        return reverse("assistance:request", args=[self.pk])

    @property
    def status_badge(self) -> Badge:
        return STATUS_BADGES[self.status]


class Decision(models.Model):
    """Each approval or refusal, with its reason: the record of why money moved."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.PROTECT, related_name="decisions"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField()
    reason = models.TextField(_("reason"), max_length=2000)
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "by"], name="assistance_decide_once")
        ]

    @property
    def badge(self) -> Badge:
        """An approval is tagged as an approved request is; a refusal as a declined one."""
        return STATUS_BADGES[Status.APPROVED if self.approved else Status.DECLINED]


def document_path(document, filename):
    # A random name outside any public URL: served only through a view that checks who
    # is asking.
    return f"assistance/{document.request.partnership_id}/{filename}"


class DocumentKind(models.TextChoices):
    QUOTE = "quote", _("A quote or estimate")
    BILL = "bill", _("A bill or notice")
    OTHER = "other", _("Something else")


class Document(models.Model):
    """A quote or a bill behind a request: a PDF, or a photo kept without its metadata."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("what it is"), max_length=10, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Method(models.TextChoices):
    CHECK = "check", _("Check")
    ACH = "ach", _("Bank transfer (ACH)")
    CARD = "card", _("Program card")
    GIFT_CARD = "gift_card", _("Gift card")


class LedgerQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("Ledger entries are never changed: add a reversing entry.")

    def delete(self):
        raise ValidationError("Ledger entries are never deleted: add a reversing entry.")


class Entry(models.Model):
    """The ledger: append-only. A payment is a positive entry; a correction is a new,
    negative entry that reverses one payment. Nothing here is ever changed or deleted."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    request = models.ForeignKey(AssistanceRequest, on_delete=models.PROTECT, related_name="entries")
    amount = money(_("amount"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    number = models.CharField(_("check or reference number"), max_length=60, blank=True)
    paid_on = models.DateField(_("date"))
    payee = models.CharField(_("payee"), max_length=200)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    #: The form's one-time key: a payment sent twice (a double click, a retried
    #: request) is recorded once.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name_plural = "entries"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Ledger entries are never changed: add a reversing entry.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Ledger entries are never deleted: add a reversing entry.")
