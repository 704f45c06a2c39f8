"""Financial help in a family's records (decision 0019): requests, decisions, their
quotes and bills (the files too), and the ledger's payments. On closing, the amounts,
needs, statuses and dates stay (the figures and the books need them), the words and the
documents go. The ledger itself is never changed (decision 0012): it stays as the
program's books, which a vendor payee does not make personal."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance.models import AssistanceRequest, Decision, Document, Entry
from families.models import BirthFamily
from families.records import Closing, Part, Section, files_of, register, rows_of


def _requests(family: BirthFamily):
    return AssistanceRequest.objects.filter(partnership__birth_family=family).order_by("pk")


def _export(family: BirthFamily) -> list[Section]:
    requests = _requests(family)
    documents = Document.objects.filter(request__partnership__birth_family=family).order_by("pk")
    return [
        Section(
            title=gettext_lazy("Requests for financial help"),
            slug="assistance_requests",
            columns=[
                "id",
                "partnership",
                "home",
                "need",
                "amount",
                "payee_kind",
                "payee",
                "due_on",
                "purpose",
                "status",
                "fund",
                "created_at",
                "approved_on",
            ],
            rows=rows_of(
                requests,
                [
                    "pk",
                    "partnership_id",
                    "home",
                    "need",
                    "amount",
                    "payee_kind",
                    "payee",
                    "due_on",
                    "purpose",
                    "status",
                    "fund__name",
                    "created_at",
                    "approved_on",
                ],
            ),
            edit=[
                (_("Request %(number)s") % {"number": pk}, reverse("assistance:request", args=[pk]))
                for pk in requests.values_list("pk", flat=True)
            ],
            note=gettext_lazy("A decision or a payment is never changed: a new one corrects it."),
        ),
        Section(
            title=gettext_lazy("Decisions"),
            slug="assistance_decisions",
            columns=["request", "approved", "reason", "fund", "at"],
            rows=rows_of(
                Decision.objects.filter(request__in=requests).order_by("at", "pk"),
                ["request_id", "approved", "reason", "fund__name", "at"],
            ),
        ),
        Section(
            title=gettext_lazy("Quotes and bills"),
            slug="assistance_documents",
            columns=["id", "request", "kind", "content_type", "size", "at"],
            rows=rows_of(documents, ["pk", "request_id", "kind", "content_type", "size", "at"]),
            files=files_of(documents, "file", folder="assistance"),
        ),
        Section(
            title=gettext_lazy("Payments"),
            slug="assistance_payments",
            columns=["request", "fund", "amount", "method", "number", "paid_on", "payee", "note"],
            rows=rows_of(
                Entry.objects.filter(request__in=requests).order_by("paid_on", "pk"),
                [
                    "request_id",
                    "fund__name",
                    "amount",
                    "method",
                    "number",
                    "paid_on",
                    "payee",
                    "note",
                ],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    requests = _requests(family)
    closing.empty(requests, "payee", "purpose")
    closing.empty(Decision.objects.filter(request__in=requests), "reason")
    closing.delete(Document.objects.filter(request__in=requests), "file")


register(Part(name="assistance", export=_export, close=_close))
