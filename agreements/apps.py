from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Partnership agreements")

    def ready(self):
        from agreements import records  # noqa: F401 — adds the family records' part (0019)
        from agreements.models import AgreementVersion, Consent, CourtRestriction
        from agreements.sections import sharing_prepare
        from audit.naming import name_records
        from partnerships import sections

        sections.register(
            "sharing",
            template="agreements/_partnership_section.html",
            order=10,
            context_fn=sharing_prepare,
        )

        # The audit trail names the agreement's records and links to the agreement's page,
        # where each is read.
        name_records(
            AgreementVersion,
            kind=_("Partnership agreement"),
            name=lambda version: gettext("Version %(number)s") % {"number": version.number},
            url=agreement_url,
        )
        name_records(
            Consent,
            kind=_("Consent"),
            related=("person",),
            name=lambda consent: f"{consent.person.full_name} · {consent.get_purpose_display()}",
            url=agreement_url,
        )
        name_records(
            CourtRestriction,
            kind=_("Court order"),
            related=("person",),
            name=court_order_name,
            url=agreement_url,
        )


def agreement_url(record) -> str:
    return reverse("agreements:agreement", args=[record.partnership_id])


def court_order_name(order) -> str:
    if order.person is None:
        return order.get_kind_display()
    return f"{order.get_kind_display()} · {order.person.full_name}"
