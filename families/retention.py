"""Closing a family's records once the program's retention period is over (decision 0019).

The retention period (settings.RETENTION_YEARS) runs from the last day any part of the
record was in use: the last partnership's closing, the last check-in of the year after
reunification. Closing runs every registered part's `close` in one transaction, keeps the
dated facts the program's figures count (stages, dates, kinds, amounts, discharge reasons,
consents), empties names, words and contact details, deletes photos and documents, and
writes one audit entry naming the fields it emptied. The files are deleted once the
transaction has committed, so a closure that fails leaves every file where it was.
"""

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import Action
from audit.services import audit_entry_create
from families.models import (
    BirthFamily,
    Child,
    PartnerHome,
    PermanencyEvent,
    Person,
    Placement,
)
from families.records import GONE, Closing, Part, Section, parts, register, rows_of
from notices.models import PushDevice

logger = logging.getLogger(__name__)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def last_used_on(family: BirthFamily) -> date:
    """The last day any part of the family's record was in use."""
    days = [family.created_at.date()]
    for part in parts():
        if part.last_used is not None and (day := part.last_used(family)) is not None:
            days.append(day)
    return max(days)


def retention_ends_on(family: BirthFamily) -> date:
    return _years_after(last_used_on(family), settings.RETENTION_YEARS)


def closure_holds(family: BirthFamily, *, today: date | None = None) -> list[str]:
    """Why the family's records cannot be closed today, in words; empty when they can."""
    if family.records_closed_at is not None:
        day = date_format(timezone.localtime(family.records_closed_at).date())
        return [_("These records were closed on %(day)s.") % {"day": day}]
    holds = [reason for part in parts() if part.hold is not None and (reason := part.hold(family))]
    if holds:
        return holds
    ends_on = retention_ends_on(family)
    if (today or timezone.localdate()) < ends_on:
        return [_("The program keeps these records until %(day)s.") % {"day": date_format(ends_on)}]
    return []


def families_due(*, today: date | None = None) -> list[BirthFamily]:
    """The families whose retention period is over and that nothing holds open."""
    today = today or timezone.localdate()
    cutoff = _years_after(today, -settings.RETENTION_YEARS)
    # Families created within the period cannot be due: only the rest are asked.
    candidates = BirthFamily.objects.filter(
        records_closed_at__isnull=True, created_at__date__lte=cutoff
    ).order_by("pk")
    return [family for family in candidates if not closure_holds(family, today=today)]


def family_records_close(*, actor, family: BirthFamily, reason: str = "") -> Closing:
    """Close the family's records for good: irreversible. Refused, in words, while anything
    holds them (an active partnership, an open check-in, the retention period)."""
    with transaction.atomic():
        family = BirthFamily.objects.select_for_update().get(pk=family.pk)
        holds = closure_holds(family)
        if holds:
            raise ValidationError(holds)
        closing = Closing(family, actor)
        for part in parts():
            part.close(family, actor=actor, closing=closing)
        closing.blank(
            BirthFamily.objects.filter(pk=family.pk),
            name=f"#{family.pk}",
            records_closed_at=timezone.now(),
            records_closed_reason=reason.strip()[:300],
        )
        # Field names only, never values (decision 0004); the reason stays with the
        # director who gave it, not in the trail.
        audit_entry_create(
            actor=actor, action=Action.REMOVED, record=family, fields=sorted(closing.fields)
        )
        files = list(closing.files)
        transaction.on_commit(lambda: _files_delete(files))
    logger.info("Closed the records of family %s (%s files).", family.pk, len(files))
    return closing


def _files_delete(files) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            # The records are closed either way; a file that will not go is logged for
            # the program to remove by hand rather than undoing the closure.
            logger.exception("Could not delete %s after closing a family's records.", name)


# The family's own part: its name, parents, children, placements and permanency events.


def _people(family: BirthFamily):
    return Person.objects.filter(birth_families=family)


def _export(family: BirthFamily) -> list[Section]:
    people = _people(family).select_related("user")
    children = Child.objects.filter(birth_family=family)
    return [
        Section(
            title=gettext_lazy("Family"),
            slug="family",
            columns=["id", "name", "created_at"],
            rows=rows_of(BirthFamily.objects.filter(pk=family.pk), ["pk", "name", "created_at"]),
            edit=[(_("Rename"), reverse("families:family_edit", args=[family.pk]))],
        ),
        Section(
            title=gettext_lazy("Parents"),
            slug="parents",
            columns=(
                columns := [
                    "id",
                    "first_name",
                    "last_name",
                    "preferred_name",
                    "pronouns",
                    "language",
                    "email",
                    "phone",
                    "texts_ok",
                    "preferred_contact",
                ]
            ),
            rows=rows_of(people, ["pk", *columns[1:]]),
            edit=[
                (person.full_name, reverse("families:person_edit", args=[person.pk]))
                for person in people
            ],
        ),
        Section(
            title=gettext_lazy("Children"),
            slug="children",
            columns=["id", "first_name", "last_name", "preferred_name", "birth_date"],
            rows=rows_of(
                children, ["pk", "first_name", "last_name", "preferred_name", "birth_date"]
            ),
            edit=[
                (child.full_name, reverse("families:child_edit", args=[child.pk]))
                for child in children
            ],
        ),
        Section(
            title=gettext_lazy("Placements"),
            slug="placements",
            columns=["child", "partner_home", "started_on", "ended_on"],
            rows=rows_of(
                Placement.objects.filter(child__birth_family=family),
                ["child_id", "partner_home__name", "started_on", "ended_on"],
            ),
            note=gettext_lazy("A placement is added on the child's page, not changed."),
        ),
        Section(
            title=gettext_lazy("Permanency"),
            slug="permanency",
            columns=["child", "kind", "occurred_on", "note"],
            rows=rows_of(
                PermanencyEvent.objects.filter(child__birth_family=family),
                ["child_id", "kind", "occurred_on", "note"],
            ),
            note=gettext_lazy("A permanency event is added on the child's page, not changed."),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    # A parent who also belongs to another family or a home still in the program keeps
    # their name there: only the people this family alone knows are anonymised.
    ids = set(_people(family).values_list("pk", flat=True))
    elsewhere = set(
        BirthFamily.parents.through.objects.filter(
            person_id__in=ids, birthfamily__records_closed_at__isnull=True
        )
        .exclude(birthfamily_id=family.pk)
        .values_list("person_id", flat=True)
    ) | set(
        PartnerHome.parents.through.objects.filter(person_id__in=ids).values_list(
            "person_id", flat=True
        )
    )
    people = Person.objects.filter(pk__in=ids - elsewhere)
    users = get_user_model().objects.filter(person__in=people)
    # The accounts stop signing in (an inactive account's sessions end at the next
    # request) and keep no address that names anyone.
    closing.blank(
        users,
        is_active=False,
        password=make_password(None),
        email=Concat(Value("closed-"), Cast("pk", CharField()), Value("@closed.invalid")),
    )
    # A closed account's browsers are told nothing more: its push subscriptions go.
    closing.delete(PushDevice.objects.filter(user__in=users))
    closing.blank(people, first_name=GONE)
    closing.empty(people, "last_name", "preferred_name", "pronouns", "email", "phone")
    children = Child.objects.filter(birth_family=family)
    closing.blank(children, first_name=GONE)
    closing.empty(children, "last_name", "preferred_name")
    # Ages in the figures need the year of birth, not the day.
    for child_id, born in children.values_list("pk", "birth_date"):
        Child.objects.filter(pk=child_id).update(birth_date=born.replace(month=1, day=1))
    closing.fields.add("families.child.birth_date")
    closing.empty(PermanencyEvent.objects.filter(child__birth_family=family), "note")


register(Part(name="families", export=_export, close=_close))
