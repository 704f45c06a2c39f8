"""The family's interest forms in its records (decision 0019). On closing, what the
intake figures count stays (kind, county, case stage, how they heard, the dates, the
outcome) and names, contact details and words go."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from intake.models import ContactAttempt, Submission

WORDS = ["first_name", "last_name", "phone", "email", "best_time", "children_ages", "message"]


def _submissions(family: BirthFamily):
    return Submission.objects.filter(
        Q(person__birth_families=family) | Q(partnership__birth_family=family)
    ).distinct()


def _export(family: BirthFamily) -> list[Section]:
    submissions = _submissions(family).order_by("pk")
    columns = [
        "id",
        "source",
        "kind",
        *WORDS,
        "language",
        "county",
        "case_stage",
        "heard_from",
        "received_at",
        "first_contact_at",
        "closed_at",
        "outcome",
    ]
    return [
        Section(
            title=gettext_lazy("Interest forms"),
            slug="interest_forms",
            columns=columns,
            rows=rows_of(submissions, ["pk", *columns[1:]]),
            edit=[
                (_("Form %(number)s") % {"number": pk}, reverse("intake:detail", args=[pk]))
                for pk in submissions.values_list("pk", flat=True)
            ],
            note=gettext_lazy("A form is kept as it was sent."),
        ),
        Section(
            title=gettext_lazy("Attempts to reach them"),
            slug="intake_attempts",
            columns=["submission", "method", "note", "made_at"],
            rows=rows_of(
                ContactAttempt.objects.filter(submission__in=submissions).order_by("made_at"),
                ["submission_id", "method", "note", "made_at"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    submissions = Submission.objects.filter(
        pk__in=list(_submissions(family).values_list("pk", flat=True))
    )
    closing.empty(submissions, *WORDS)
    closing.empty(ContactAttempt.objects.filter(submission__in=submissions), "note")


register(Part(name="intake", export=_export, close=_close))
