from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = _("Financial support")

    def ready(self):
        from assistance import records  # noqa: F401 — adds the family records' part (0019)
        from assistance.figures import (
            FUND,
            KEY,
            ORDER,
            families_paid_by,
            fund_choices,
            paid_by_fund_and_need,
        )
        from assistance.models import AssistanceRequest, Document
        from audit.naming import name_records
        from core.money import dollars
        from partnerships.figures import narrowing_register, register

        # Entries written before the model was renamed say "assistance.request"; the ids
        # did not change (migration 0004), so they name the same requests.
        name_records(
            AssistanceRequest,
            kind=_("Request for financial help"),
            name=lambda help: f"{help.get_need_display()} · {dollars(help.amount)}",
            old_labels=("assistance.request",),
        )
        # A quote or a bill has no page of its own: it is read on its request's page.
        name_records(
            Document,
            kind=_("Quote or bill"),
            name=lambda document: document.get_kind_display(),
            url=lambda document: reverse("assistance:request", args=[document.request_id]),
        )
        # The outcomes dashboard shows the help paid, by fund and need.
        register(KEY, order=ORDER, compute=paid_by_fund_and_need)
        # A grant report is for a fund: the figures of the families it paid for.
        narrowing_register(FUND, label=_("Fund"), choices=fund_choices, narrow=families_paid_by)
