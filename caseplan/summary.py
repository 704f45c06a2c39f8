"""The first draft of a court progress summary, written from the record: family time
attended, goals and steps done, training finished, milestones. The coach edits it; what
prints is what the coach approved."""

import functools
import re
from datetime import date, timedelta

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from caseplan.models import Goal, Milestone
from families.models import Person
from partnerships.hooks import summary_parts
from schedule.models import MISSED_BY, Attendance, Kind, Outcome
from training.models import Completion

#: How far back a summary looks.
LOOK_BACK = timedelta(days=182)

#: The draft's section titles, recognized again as headings when the summary prints.
GOALS = gettext_lazy("Goals")
TRAINING = gettext_lazy("Training finished")
MILESTONES = gettext_lazy("Milestones")
IN_OWN_WORDS = gettext_lazy("In the coach's words")
SECTION_TITLES = (GOALS, TRAINING, MILESTONES, IN_OWN_WORDS)
FAMILY_TIME = gettext_lazy("Family time since %(day)s")


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
        FAMILY_TIME % {"day": _day(since)},
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
    lines += ["", str(GOALS)]
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
    lines += ["", str(TRAINING)]
    lines += [
        f"- {c.module.title} ({c.user.person.full_name}, {_day(c.completed_on)})" for c in finished
    ] or ["- " + _("None in this period.")]
    milestones = Milestone.objects.filter(partnership=partnership)
    if milestones:
        lines += ["", str(MILESTONES)]
        lines += [f"- {m.get_kind_display()} ({_day(m.reached_on)})" for m in milestones]
    # What capabilities above the hub add, such as progress on the transition plan; a
    # title ending in ":" prints as a heading.
    for title, section in summary_parts.collect(partnership=partnership, today=today):
        lines += ["", f"{title}:", *section]
    lines += [
        "",
        str(IN_OWN_WORDS),
        _("[Write a few sentences on the family's progress, in your own words.]"),
    ]
    return "\n".join(lines)


def summary_period(summary) -> tuple[date, date]:
    """The months a summary speaks of: the draft looks back from the day it is written,
    and the coach's last edit is when what prints was approved."""
    end = timezone.localdate(summary.updated_at)
    return end - LOOK_BACK, end


def summary_sections(text: str) -> list[dict]:
    """The summary's plain text as blocks to print: headings, paragraphs and lists.

    The coach edits plain text, so the layout is read from its lines and never from
    markup: "- " starts a list item, an indented "- " an item inside the one above, and a
    draft's section title or a short line ending in ":" a heading. Blank lines separate
    paragraphs."""
    blocks: list[dict] = []
    for raw in text.splitlines():
        line = raw.strip()
        item = re.match(r"^[-*•]\s+(.*)$", line)
        if not line:
            blocks.append({"kind": "break"})
        elif item:
            _add_item(blocks, item.group(1), nested=raw[:1].isspace())
        elif _is_heading(line):
            blocks.append({"kind": "heading", "text": line.rstrip(":").strip()})
        elif blocks and blocks[-1]["kind"] == "paragraph":
            blocks[-1]["lines"].append(line)
        else:
            blocks.append({"kind": "paragraph", "lines": [line]})
    return [block for block in blocks if block["kind"] != "break"]


def _add_item(blocks: list[dict], text: str, *, nested: bool) -> None:
    last = blocks[-1] if blocks else None
    if nested and last and last["kind"] == "list":
        last["items"][-1]["children"].append(text)
    elif last and last["kind"] == "list":
        last["items"].append({"text": text, "children": []})
    else:
        blocks.append({"kind": "list", "items": [{"text": text, "children": []}]})


#: A heading is short: a longer line that looks like one is the coach's sentence.
HEADING_MOST_CHARS = 80


def _is_heading(line: str) -> bool:
    if len(line) > HEADING_MOST_CHARS:
        return False
    titles, starts = _known_titles()
    return line.endswith(":") or line in titles or line.startswith(starts)


@functools.cache
def _known_titles() -> tuple[frozenset[str], tuple[str, ...]]:
    """Each language's section titles, and how "Family time since ..." starts: a summary
    drafted in Spanish still prints its headings for a reader in English."""
    titles, starts = set(), []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles |= {str(title) for title in SECTION_TITLES}
            starts.append(str(FAMILY_TIME).split("%(day)s")[0])
    return frozenset(titles), tuple(starts)
