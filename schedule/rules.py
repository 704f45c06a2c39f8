"""What the court and the agreement allow on the calendar, enforced when an event is
saved and explained in plain words."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agreements.selectors import Sharing
from schedule.models import Attendees, Kind, Place


def check_event(sharing: Sharing, data: dict) -> None:
    errors = {}
    if data["kind"] == Kind.VISIT:
        if data.get("attendees", Attendees.BOTH) != Attendees.BOTH:
            errors["attendees"] = _("Family time brings both homes together: choose both homes.")
        if sharing.no_contact:
            raise ValidationError(
                _(
                    "A court order forbids contact here: family time between the homes cannot "
                    "be scheduled. Talk with the caseworker about what the order allows."
                )
            )
        if sharing.supervised_only and not (data.get("supervised") and data.get("supervisor")):
            errors["supervisor"] = _(
                "The court has ordered supervised contact only: name who will supervise this visit."
            )
    if data.get("supervised") and not data.get("supervisor"):
        errors["supervisor"] = _("Name the supervisor of a supervised visit.")
    if data.get("place") == Place.PARTNER_HOME and not sharing.terms.get("partner").shares(
        "address"
    ):
        errors["place"] = _(
            "The partnership agreement does not share the partner home's address, so a visit "
            "cannot be there. Choose a public place or the visit room."
        )
    if errors:
        raise ValidationError(errors)
