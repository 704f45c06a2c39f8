"""The tab bar's counts of what is new to a person (home/unread.py), kept in the shared
cache for a minute at most (decision 0045).

Counting them costs about 7 ms of building queries, on every page a signed-in person
opens, which was most of a plain page's cost. They are counted again sooner when the
person has something new (notices.delivery.notify, which every message, post and update
for them goes through), when they read (the journal's and the conversations' read marks)
and when what they may read changes (agreements and court orders, agreements/services.py).
What none of those announce shows within settings.BADGE_SECONDS."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def badge_seconds() -> int:
    return settings.BADGE_SECONDS


def badge_key(user_id: int, *, journal: bool) -> str:
    return f"village:badges:{user_id}:{'journal' if journal else 'messages'}"


def badges_forget(*user_ids: int | None) -> None:
    """Count these people's badges afresh on their next page: now, and again once the
    change that makes them stale is committed, since a page read in between would count
    what was there before it and keep that for the minute."""
    keys = [
        badge_key(user_id, journal=journal)
        for user_id in user_ids
        if user_id is not None
        for journal in (True, False)
    ]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
