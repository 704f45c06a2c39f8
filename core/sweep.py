"""The jobs of the worker's five-minute reminder sweep (schedule.tasks.remind), beyond
the calendar's own reminders. A capability with reminders of its own (a referral that
has sat a week, a gathering tomorrow) adds a job here from its AppConfig.ready(). The
list lives below the capabilities so each can add to it without importing the calendar,
and the calendar runs them without importing the capabilities that own them.

A job takes no arguments, sends what is due and returns how many it sent. Jobs run in
the order they were added, which is the order of INSTALLED_APPS. Each must be safe to
run again: the sweep runs every five minutes, and two runs may overlap."""

from collections.abc import Callable

Job = Callable[[], int]

_jobs: dict[str, Job] = {}


def register(job: Job) -> Job:
    """Add `job` to the sweep, once however often its app is made ready."""
    _jobs.setdefault(f"{job.__module__}.{job.__qualname__}", job)
    return job


def jobs() -> tuple[Job, ...]:
    return tuple(_jobs.values())
