"""Status tags: one colour for one meaning on every page.

A status shows as `<span class="badge {{ variant }}">` (design/_components.scss). Each app
maps its own statuses to these variants once, beside the statuses (a model property), so
the same status has the same colour wherever it is shown."""

from datetime import date
from enum import StrEnum

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Badge(StrEnum):
    #: Green: done, received, approved, paid.
    OK = "ok"
    #: Gold: waiting on someone, or something to look at.
    ATTENTION = "attention"
    #: Red: refused, declined, overdue.
    DANGER = "danger"
    #: The program's plum: a plain fact about where something stands.
    NEUTRAL = ""


class TaskState(models.TextChoices):
    """Where something to be done by a date stands: a case plan's step, a contact's
    follow-up, a check-in in the year after."""

    TO_DO = "to_do", _("To do")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")


TASK_BADGES = {
    TaskState.TO_DO: Badge.NEUTRAL,
    TaskState.OVERDUE: Badge.DANGER,
    TaskState.DONE: Badge.OK,
}


def task_state(*, done: bool, due_on: date | None, today: date | None = None) -> TaskState:
    """Done once done; overdue from the day after it was due; to do until then."""
    if done:
        return TaskState.DONE
    if due_on is not None and due_on < (today or timezone.localdate()):
        return TaskState.OVERDUE
    return TaskState.TO_DO


class DatedTask:
    """For a model with `due_on` and `done_on` dates: where it stands, and its tag."""

    @property
    def state(self) -> TaskState:
        return task_state(done=self.done_on is not None, due_on=self.due_on)

    @property
    def state_badge(self) -> Badge:
        return TASK_BADGES[self.state]
