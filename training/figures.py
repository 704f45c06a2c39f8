"""Training completion, for the outcomes dashboard (partnerships/figures.py).

One row a module, every module the program has: the parents in scope it is for, those
who finished it in the period, and the share of those it is for who had finished it by
the period's end. One query, each figure a correlated subquery of the modules.
"""

from django.db.models import Exists, F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.roles import is_casework
from partnerships.figures import Column, Kind, Row, Scope, Share, Table
from partnerships.selectors import parents_in
from training.models import Assignment, Completion, Module

KEY = "training-completion"
ORDER = 130


def _count(rows: QuerySet) -> Subquery:
    """How many rows a subquery of the outer module has: COUNT with no GROUP BY answers
    one row, zero when there are none, on SQLite and PostgreSQL alike."""
    counted = rows.order_by().annotate(
        n=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    return Subquery(counted.values("n"), output_field=IntegerField())


def _it_is_for() -> Exists:
    """The outer user (one level up) has the outer module (two levels up) by a role or by
    a coach's assignment: the same rule as training.selectors.modules_for, in SQL."""
    module = OuterRef(OuterRef("pk"))
    by_role = Module.roles.through.objects.filter(module=module, group__user=OuterRef("pk"))
    assigned = Assignment.objects.filter(module=module, user=OuterRef("pk"))
    return Exists(by_role) | Exists(assigned)


def training_completion(scope: Scope) -> Table:
    # The people who take training are the parents with an account in either home of a
    # partnership in scope; coaches and the director are not counted.
    parents = parents_in(scope.partnerships).order_by().values("user")
    it_is_for = User.objects.filter(pk__in=parents).filter(_it_is_for())
    finished_by_end = it_is_for.filter(
        Exists(
            Completion.objects.filter(
                module=OuterRef(OuterRef("pk")), user=OuterRef("pk"), completed_on__lte=scope.end
            )
        )
    )
    finished = Completion.objects.filter(
        module=OuterRef("pk"),
        user__in=parents,
        completed_on__gte=scope.start,
        completed_on__lte=scope.end,
    )
    modules = (
        Module.objects.annotate(
            it_is_for=_count(it_is_for),
            finished=_count(finished),
            finished_by_end=_count(finished_by_end),
        )
        .order_by("order", "pk")
        .values_list("pk", "title", "it_is_for", "finished", "finished_by_end")
    )
    # The team may open any module's page, where the parents' reflections on it are.
    linked = is_casework(scope.user)
    return Table(
        key=KEY,
        title=_("Training completion"),
        columns=(
            Column(_("Module"), Kind.LABEL),
            Column(_("Parents it is for"), Kind.COUNT),
            Column(_("Finished in the period"), Kind.COUNT),
            Column(_("Finished by the period's end"), Kind.SHARE),
        ),
        rows=tuple(
            Row(
                label=title,
                values=(it_is_for, finished, Share(by_end, it_is_for)),
                link=reverse("training:module", args=[pk]) if linked else "",
            )
            for pk, title, it_is_for, finished, by_end in modules
        ),
        note=_(
            "Village records when a parent finishes a module, not when they start it or "
            "when it was given to them: “parents it is for” are those who have it today, "
            "by their role or a coach's assignment."
        ),
        caption=_(
            "For each training module: the parents in the partnerships counted who have "
            "it to take, how many finished it in the period, and the share of them who "
            "had finished it by the period's end."
        ),
        chart=1,
    )
