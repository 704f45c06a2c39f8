"""The case plan and the coach's contacts in a family's records (decision 0019). On
closing, the kinds, areas, dates, minutes and milestones stay for the figures; notes,
goals' and steps' words and court summaries go."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseplan.models import Contact, CourtSummary, Goal, Milestone, Step
from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of


def _export(family: BirthFamily) -> list[Section]:
    mine = {"partnership__birth_family": family}
    partnerships = list(family.partnerships.values_list("pk", flat=True))
    return [
        Section(
            title=gettext_lazy("Contacts with the coach"),
            slug="contacts",
            columns=[
                "partnership",
                "kind",
                "medium",
                "happened_on",
                "minutes",
                "notes",
                "follow_up_on",
            ],
            rows=rows_of(
                Contact.objects.filter(**mine).order_by("happened_on", "pk"),
                [
                    "partnership_id",
                    "kind",
                    "medium",
                    "happened_on",
                    "minutes",
                    "notes",
                    "follow_up_on",
                ],
            ),
            edit=[(_("Contacts"), reverse("caseplan:contacts", args=[pk])) for pk in partnerships],
            note=gettext_lazy("A contact note is added, not changed."),
        ),
        Section(
            title=gettext_lazy("Case plan"),
            slug="case_plan",
            columns=[
                "goal",
                "area",
                "title",
                "source",
                "step",
                "owner",
                "due_on",
                "done_on",
                "progress_note",
            ],
            rows=rows_of(
                Step.objects.filter(goal__partnership__birth_family=family).order_by("goal", "pk"),
                [
                    "goal_id",
                    "goal__area",
                    "goal__title",
                    "goal__source",
                    "text",
                    "owner",
                    "due_on",
                    "done_on",
                    "progress_note",
                ],
            )
            + rows_of(
                Goal.objects.filter(**mine, steps__isnull=True).order_by("pk"),
                ["pk", "area", "title", "source"],
            ),
            edit=[(_("Case plan"), reverse("caseplan:plan", args=[pk])) for pk in partnerships],
        ),
        Section(
            title=gettext_lazy("Milestones"),
            slug="milestones",
            columns=["partnership", "kind", "reached_on"],
            rows=rows_of(
                Milestone.objects.filter(**mine).order_by("reached_on", "pk"),
                ["partnership_id", "kind", "reached_on"],
            ),
        ),
        Section(
            title=gettext_lazy("Court summaries"),
            slug="court_summaries",
            columns=["id", "partnership", "hearing_on", "text", "updated_at"],
            rows=rows_of(
                CourtSummary.objects.filter(**mine).order_by("hearing_on", "pk"),
                ["pk", "partnership_id", "hearing_on", "text", "updated_at"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    mine = {"partnership__birth_family": family}
    closing.empty(Contact.objects.filter(**mine), "notes")
    closing.empty(Goal.objects.filter(**mine), "title")
    closing.empty(
        Step.objects.filter(goal__partnership__birth_family=family), "text", "progress_note"
    )
    closing.empty(CourtSummary.objects.filter(**mine), "text")


register(Part(name="caseplan", export=_export, close=_close))
