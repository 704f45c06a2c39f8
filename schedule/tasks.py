"""The reminder sweep, on the worker: calendar reminders, then the jobs other
capabilities added to it (core/sweep.py: referrals that have sat a week, gatherings
tomorrow). Each run queues the next one SWEEP_EVERY later, so starting it once
(`manage.py start_reminders`, which `make run` does) keeps it going; starting it again
while a run is queued does nothing."""

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from core import sweep
from schedule.reminders import SWEEP_EVERY, reminders_send

SWEEP = "schedule.tasks.remind"


def sweep_queued() -> bool:
    """Whether a sweep is already waiting in the database queue."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=SWEEP, status=TaskResultStatus.READY).exists()


def sweep_start() -> bool:
    """Queue the next sweep unless one is waiting; whether one was queued. A queue that
    cannot run a task later (the tests' immediate one) gets no chain: it would never end."""
    if not remind.get_backend().supports_defer or sweep_queued():
        return False
    remind.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return True


@task()
def remind() -> int:
    sent = reminders_send()
    for job in sweep.jobs():
        sent += job()
    sweep_start()
    return sent
