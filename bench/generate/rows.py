"""How the generators write: rows made as they are inserted, a batch at a time, so a
state's 400,000 contacts are never all in memory; and a clock that makes the rows' own
time stamps the same at every generation."""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import batched, count
from unittest import mock

BATCH = 5000


def rows_insert(model, rows: Iterable) -> int:
    """Insert the rows `rows` yields, BATCH a statement, without keeping them: bulk_create
    sends no signals and asks nothing a row. Returns how many."""
    made = 0
    for batch in batched(rows, BATCH):
        model.objects.bulk_create(batch)
        made += len(batch)
    return made


def rows_made(model, rows: Iterable) -> list:
    """Insert the rows and return them with their keys, for the rows that point at them."""
    return model.objects.bulk_create(list(rows), batch_size=BATCH)


@contextmanager
def clock_from(start: datetime):
    """Django's clock during the generation: `start`, a microsecond later at each call.
    The `auto_now_add` stamps (a post's, a child's) are then the same at every
    generation from the same day, and in the order the rows were made, as in time."""
    ticks = count()
    with mock.patch(
        "django.utils.timezone.now", lambda: start + timedelta(microseconds=next(ticks))
    ):
        yield
