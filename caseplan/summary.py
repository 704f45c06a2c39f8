"""The first draft of a court progress summary, written from the record: family time
attended, goals and steps done, training finished, milestones. The coach edits it; what
prints is what the coach approved."""

from datetime import date, timedelta

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from caseplan.models import Goal, Milestone
from families.models import Person
from schedule.models import MISSED_BY, Attendance, Kind, Outcome
from training.models import Completion

#: How far back a summary looks.
LOOK_BACK = timedelta(days=182)


def _day(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def summary_draft(partnership, *, hearing_on: date, today: date, coach_name: str) -> str:
    since = today - LOOK_BACK
    lines = [
        _("Progress summary for the hearing on %(day)s") % {"day": _day(hearing_on)},
        _("%(family)s · prepared by %(coach)s, %(program)s")
        % {
            "family": partnership.birth_family.name,
            "coach": coach_name,
            "program": settings.PROGRAM_NAME,
        },
        "",
        _("Family time since %(day)s") % {"day": _day(since)},
    ]
    records = list(
        Attendance.objects.filter(
            event__partnership=partnership, event__kind=Kind.VISIT, occurrence__date__gte=since
        ).values_list("outcome", "by")
    )
    attended = sum(1 for outcome, _by in records if outcome == Outcome.ATTENDED)
    missed = sum(1 for outcome, by in records if outcome != Outcome.ATTENDED and by in MISSED_BY)
    lines.append(
        "- "
        + ngettext(
            "%(n)s of %(total)s recorded family time attended",
            "%(n)s of %(total)s recorded family times attended",
            len(records),
        )
        % {"n": attended, "total": len(records)}
        + (_("; %(missed)s missed by a home") % {"missed": missed} if missed else "")
    )
    lines += ["", _("Goals")]
    goals = Goal.objects.filter(partnership=partnership).prefetch_related("steps")
    for goal in goals:
        steps = list(goal.steps.all())
        done = [s for s in steps if s.done_on]
        lines.append(
            f"- {goal.title} ({goal.get_source_display()}): "
            + _("%(done)s of %(total)s steps done") % {"done": len(done), "total": len(steps)}
        )
        lines += [f"  - {s.text} ({_day(s.done_on)})" for s in done]
    if not goals:
        lines.append("- " + _("No goals recorded yet."))
    parents = Person.objects.filter(birth_families=partnership.birth_family_id, user__isnull=False)
    finished = Completion.objects.filter(
        user__in=parents.values("user"), completed_on__gte=since
    ).select_related("module", "user__person")
    lines += ["", _("Training finished")]
    lines += [
        f"- {c.module.title} ({c.user.person.full_name}, {_day(c.completed_on)})" for c in finished
    ] or ["- " + _("None in this period.")]
    milestones = Milestone.objects.filter(partnership=partnership)
    if milestones:
        lines += ["", _("Milestones")]
        lines += [f"- {m.get_kind_display()} ({_day(m.reached_on)})" for m in milestones]
    lines += [
        "",
        _("In the coach's words"),
        _("[Write a few sentences on the family's progress, in your own words.]"),
    ]
    return "\n".join(lines)
