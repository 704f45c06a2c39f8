"""The family's parents' training in its records (decision 0019). On closing, what was
finished and when stays (training completion is counted) and the reflections go."""

from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of
from training.models import Assignment, Completion


def _export(family: BirthFamily) -> list[Section]:
    parents = {"user__person__birth_families": family}
    return [
        Section(
            title=gettext_lazy("Training"),
            slug="training",
            columns=["module", "by", "completed_on", "reflection"],
            rows=rows_of(
                Completion.objects.filter(**parents).order_by("completed_on", "pk"),
                ["module__title", "user__email", "completed_on", "reflection"],
            ),
            note=gettext_lazy("A finished module is kept as it was finished."),
        ),
        Section(
            title=gettext_lazy("Training assigned"),
            slug="training_assigned",
            columns=["module", "to"],
            rows=rows_of(
                Assignment.objects.filter(**parents).order_by("pk"),
                ["module__title", "user__email"],
            ),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    completions = Completion.objects.filter(user__person__birth_families=family)
    closing.empty(
        Completion.objects.filter(pk__in=list(completions.values_list("pk", flat=True))),
        "reflection",
    )


register(Part(name="training", export=_export, close=_close))
