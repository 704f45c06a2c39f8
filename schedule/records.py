"""The family's calendar in its records (decision 0019): the partnership's events and
what happened at each. On closing, the kinds, dates, lengths and attendance stay (family
time attended is counted) and the titles, places, names and notes go; the family's
calendar feeds stop."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import GONE, Closing, Part, Section, register, rows_of
from schedule.models import Attendance, Change, Confirmation, Event, FeedToken

WORDS = [
    "place_detail",
    "supervisor",
    "brings_children",
    "to_bring",
    "court_room",
    "hearing_type",
]


def _events(family: BirthFamily):
    return Event.objects.filter(partnership__birth_family=family).order_by("starts_at", "pk")


def _export(family: BirthFamily) -> list[Section]:
    events = _events(family)
    columns = [
        "id",
        "partnership",
        "kind",
        "title",
        "title_es",
        "starts_at",
        "minutes",
        "repeat",
        "repeat_until",
        "attendees",
        "place",
        *WORDS,
        "supervised",
    ]
    return [
        Section(
            title=gettext_lazy("Calendar"),
            slug="calendar",
            columns=columns,
            rows=rows_of(events, ["pk", "partnership_id", *columns[2:]]),
            edit=[
                (title, reverse("schedule:event_edit", args=[pk]))
                for pk, title in events.filter(starts_at__gte=timezone.now()).values_list(
                    "pk", "title"
                )
            ],
            note=gettext_lazy("Past events are kept as they happened."),
        ),
        Section(
            title=gettext_lazy("Changes to events"),
            slug="calendar_changes",
            columns=["event", "occurrence", "moved_to", "note"],
            rows=rows_of(
                Change.objects.filter(event__in=events).order_by("occurrence", "pk"),
                ["event_id", "occurrence", "moved_to", "note"],
            ),
        ),
        Section(
            title=gettext_lazy("Attendance"),
            slug="attendance",
            columns=["event", "occurrence", "outcome", "by", "note"],
            rows=rows_of(
                Attendance.objects.filter(event__in=events).order_by("occurrence", "pk"),
                ["event_id", "occurrence", "outcome", "by", "note"],
            ),
        ),
        Section(
            title=gettext_lazy("Family time confirmed by text"),
            slug="confirmations",
            columns=["event", "occurrence", "user", "confirmed_at"],
            rows=rows_of(
                Confirmation.objects.filter(event__in=events).order_by("occurrence", "pk"),
                ["event_id", "occurrence", "user_id", "confirmed_at"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    events = Event.objects.filter(partnership__birth_family=family)
    closing.blank(events, title=GONE, title_es="")
    closing.empty(events, *WORDS)
    closing.empty(Change.objects.filter(event__in=events), "note")
    closing.empty(Attendance.objects.filter(event__in=events), "note")
    closing.blank(
        FeedToken.objects.filter(user__person__birth_families=family, revoked_at__isnull=True),
        revoked_at=timezone.now(),
    )


register(Part(name="schedule", export=_export, close=_close))
