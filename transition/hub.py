"""What the plan adds to the hub's other results (partnerships.hooks), registered from
TransitionConfig.ready(): the year after starts with the plan's last steps, and the court
summary's draft says how far the plan has come."""

from django.utils import formats
from django.utils.translation import gettext as _

from transition.models import Item, Plan, StepKind


def _day(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def first_check_ins(*, partnership, reunified_on) -> list[tuple]:
    """The first weeks home, as the plan set them, become the year's first check-ins."""
    plan = Plan.objects.filter(partnership=partnership).prefetch_related("steps").first()
    if plan is None:
        return []
    return [
        (step.on, step.note or step.get_kind_display())
        for step in plan.steps.all()
        if step.kind == StepKind.AFTER
    ]


def summary_section(*, partnership, today) -> list[tuple[str, list[str]]]:
    plan = Plan.objects.filter(partnership=partnership).prefetch_related("steps").first()
    if plan is None:
        return []
    steps = list(plan.steps.all())
    done = [s for s in steps if s.done_on]
    lines = [
        "- "
        + (
            _("Opened on %(day)s, after the court's order of %(order)s")
            % {"day": _day(plan.opened_at.date()), "order": _day(plan.ordered_on)}
            if plan.ordered_on
            else _("Opened on %(day)s") % {"day": _day(plan.opened_at.date())}
        ),
        "- " + _("%(done)s of %(total)s steps done") % {"done": len(done), "total": len(steps)},
    ]
    lines += [f"  - {s.get_kind_display()} ({_day(s.done_on)})" for s in done]
    coming = next((s for s in steps if not s.done_on and s.on >= today), None)
    if coming is not None:
        lines.append(
            "- "
            + _("Next: %(step)s on %(day)s")
            % {"step": coming.get_kind_display(), "day": _day(coming.on)}
        )
    items = Item.objects.filter(plan=plan).select_related("child")
    by_child: dict[str, list[int]] = {}
    for item in items:
        counts = by_child.setdefault(item.child.called, [0, 0])
        counts[0] += item.done_on is not None
        counts[1] += 1
    for name, (ticked, total) in by_child.items():
        lines.append(
            "- "
            + _("Checklist for %(name)s: %(done)s of %(total)s done")
            % {"name": name, "done": ticked, "total": total}
        )
    return [(_("The road home"), lines)]
