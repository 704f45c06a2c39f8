"""How many messages and journal posts are new to the person, for the tab bar's badges
(decision 0037). Counted with the inbox's and the journal's own scoping, so nothing the
person may not open is ever counted.

Counting pays one query to learn whether anything at all is new; only then are the
agreements read and the counts taken, in a fixed number of queries whatever the rows.
Counted only when the page shows the navigation (a fragment for htmx does not), and kept
for a minute at most in the shared cache (notices/badges.py, decision 0045)."""

from functools import cached_property

from django.core.cache import cache
from django.db.models import Exists
from django.utils.translation import ngettext

from accounts.models import User
from agreements.selectors import sharing_for_many
from conversations import selectors as conversations
from journal import selectors as journal
from notices.badges import badge_key, kept_seconds
from partnerships.selectors import exchange_partnerships, with_parents

#: Past this a badge says "99+": the exact number helps no one on a phone's tab.
MOST_SHOWN = 99


class Unread:
    def __init__(self, user, *, journal: bool = True):
        self.user = user
        self.with_journal = journal

    @cached_property
    def counts(self) -> dict[str, int]:
        """From the shared cache when counted in the last minute and nothing new came
        since (notices/badges.py), else counted."""
        key = badge_key(self.user.pk, journal=self.with_journal)
        return cache.get_or_set(key, self._count, kept_seconds())

    def _count(self) -> dict[str, int]:
        candidates = {"conversations:inbox": conversations.unread_candidates(self.user)}
        if self.with_journal:
            candidates["journal:mine"] = journal.journals_with_unread(self.user)
        # One query: is anything new in each? Most pages stop here.
        anything = (
            User.objects.filter(pk=self.user.pk)
            .values_list(*(Exists(qs) for qs in candidates.values()))
            .first()
        )
        if anything is None or not any(anything):
            return {}
        sharing = sharing_for_many(with_parents(exchange_partnerships(self.user)))
        count = {
            "conversations:inbox": conversations.unread_messages,
            "journal:mine": journal.unread_posts,
        }
        return {
            name: count[name](self.user, sharing)
            for name, new in zip(candidates, anything, strict=True)
            if new
        }

    def of(self, url_name: str) -> int:
        return self.counts.get(url_name, 0)


def shown(count: int) -> str:
    return f"{MOST_SHOWN}+" if count > MOST_SHOWN else str(count)


def label(count: int) -> str:
    return ngettext("%(count)s unread", "%(count)s unread", count) % {"count": count}
