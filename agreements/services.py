"""Changes to agreements, consents and court restrictions. Each one is audited."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agreements.models import (
    Acknowledgment,
    AgreementVersion,
    Consent,
    CourtRestriction,
    HomeTerms,
    Side,
)
from agreements.selectors import agreement_records_name
from audit.models import Action
from audit.services import audit_entry_create
from families.models import Person
from notices.badges import kept_forget, kept_shared_forget
from partnerships.models import Partnership
from partnerships.selectors import readers_of


@transaction.atomic
def agreement_draft(*, actor, partnership: Partnership, terms: dict[str, dict]) -> AgreementVersion:
    """A new version of the agreement, with the terms of each home. The partnership row is
    locked so two coaches saving at once get consecutive numbers, not a clash."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).get()
    if partnership.partner_home_id is None:
        raise ValidationError(_("Match a partner home before drafting the agreement."))
    last = partnership.agreement_versions.aggregate(n=Max("number"))["n"] or 0
    version = AgreementVersion.objects.create(
        partnership=partnership, number=last + 1, drafted_by=actor
    )
    for side in Side.values:
        data = dict(terms[side])
        if side == Side.BIRTH:
            data["share_address"] = False  # a birth family's address is never shared here
        home_terms = HomeTerms(version=version, side=side, **data)
        home_terms.full_clean()
        home_terms.save()
    audit_entry_create(
        actor=actor, action=Action.CREATED, record=version, fields=["terms", "number"]
    )
    _summaries_stale(partnership.pk)
    return version


def agreement_acknowledge(*, actor, version: AgreementVersion) -> Acknowledgment:
    latest = (
        AgreementVersion.objects.filter(partnership_id=version.partnership_id)
        .order_by("-number")
        .first()
    )
    if latest != version:
        raise ValidationError(_("A newer version of the agreement is waiting for you."))
    acknowledgment, _created = Acknowledgment.objects.get_or_create(version=version, user=actor)
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=version, fields=["acknowledgments"]
    )
    _summaries_stale(version.partnership_id)
    return acknowledgment


def consent_set(*, actor, partnership: Partnership, person: Person, purpose: str, given: bool):
    """A parent gives or takes back consent; it holds from this moment."""
    if person.user_id != actor.pk:
        raise ValidationError(_("Only the parent themselves can give or take back consent."))
    consent, _created = Consent.objects.update_or_create(
        partnership=partnership, person=person, purpose=purpose, defaults={"given": given}
    )
    audit_entry_create(actor=actor, action=Action.CHANGED, record=consent, fields=["given"])
    _summaries_stale(partnership.pk)  # a photo shown or held back from now on
    return consent


def restriction_add(
    *,
    actor,
    partnership: Partnership,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    person: Person | None = None,
) -> CourtRestriction:
    restriction = CourtRestriction(
        partnership=partnership,
        person=person,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=actor,
    )
    restriction.full_clean()
    restriction.save()
    audit_entry_create(
        actor=actor,
        action=Action.CREATED,
        record=restriction,
        fields=["kind", "person", "starts_on", "ends_on"],
    )
    _summaries_stale(partnership.pk)
    return restriction


def restriction_end(*, actor, restriction: CourtRestriction, ends_on: date) -> CourtRestriction:
    """The court lifted an order: it ends on that day and stays on record."""
    if ends_on < restriction.starts_on:
        raise ValidationError(_("The end date must be on or after the start date."))
    restriction.ends_on = ends_on
    restriction.save(update_fields=["ends_on"])
    audit_entry_create(actor=actor, action=Action.CHANGED, record=restriction, fields=["ends_on"])
    _summaries_stale(restriction.partnership_id)
    return restriction


def _summaries_stale(partnership_id: int) -> None:
    """What the partnership's people may read has changed: its agreement's kept records
    (agreements.selectors.sharing_for), and their counts of what is new and kept pages
    (notices/badges.py) are made afresh, so an order never leaves a message counted or a
    date shown."""
    kept_shared_forget(agreement_records_name(partnership_id))
    kept_forget(*readers_of([partnership_id]))
