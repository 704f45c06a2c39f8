"""Unusual access, shown to the directors on the audit page and told to them by a notice
(docs/decisions/0022).

Two kinds are counted from the trail itself over the last day: many refusals (a page
refused, a sign-in or a second factor failed) by one account, or from one address. The
third, a staff member reading many families they are not assigned to, needs to know who
is assigned to which family, which the layers above the trail know: the top app counts
it and registers the count here (home/apps.py), as the other layers fill the trail's
registries. Each check runs a fixed number of queries, whatever the number of entries.

`UnusualAccessNotice` rows are the notices' bookkeeping, not a person's change of a
record: they live here, not in services.py, and write no entry of the trail.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import Action, AuditEntry, UnusualAccessNotice

WINDOW = timedelta(hours=24)
#: Refusals in a day, by one account or from one address, that a director should see.
REFUSALS_A_DAY = 20
#: Families a staff member is not assigned to whose records they read in a day.
UNASSIGNED_FAMILIES_A_DAY = 15
REFUSALS = (Action.REFUSED, Action.SIGN_IN_FAILED, Action.FACTOR_FAILED)
#: How long the findings are kept for the audit page. The worker's five-minute sweep
#: counts them for its notice and keeps what it counted (home/watch.py), so the page
#: shows what the notice told of and no director's page waits for the count (30 ms at a
#: state's size, 185 ms under a day's load). A page finding nothing kept counts itself.
KEPT_SECONDS = 6 * 60
_KEPT = "audit:unusual_access"

BY_ACCOUNT, BY_ADDRESS, UNASSIGNED = "refusals_by_account", "refusals_by_address", "unassigned"
KINDS = {
    BY_ACCOUNT: _("Many refusals for one account"),
    BY_ADDRESS: _("Many refusals from one address"),
    UNASSIGNED: _("Many families read by someone not assigned to them"),
}

#: (since) -> {reader's user id: number of families read that are not theirs}.
UnassignedCounter = Callable[[datetime], dict[int, int]]
_unassigned_counters: dict[str, UnassignedCounter] = {}


def unassigned_reading_register(counter: UnassignedCounter) -> None:
    """Called from the AppConfig.ready() of the layer that knows who is assigned to whom."""
    _unassigned_counters[f"{counter.__module__}.{counter.__qualname__}"] = counter


@dataclass(frozen=True)
class Finding:
    kind: str
    who: str  # an account's e-mail, or an address
    count: int

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def unusual_access(*, now: datetime | None = None) -> list[Finding]:
    """What the directors should look at from the last day, most first within each kind."""
    since = (now or timezone.now()) - WINDOW
    refusals = AuditEntry.objects.filter(at__gte=since, action__in=REFUSALS).order_by()
    findings = [
        Finding(BY_ACCOUNT, row["actor__email"], row["n"])
        for row in refusals.filter(actor__isnull=False)
        .values("actor__email")
        .annotate(n=Count("pk"))
        .filter(n__gte=REFUSALS_A_DAY)
        .order_by("-n", "actor__email")
    ]
    findings += [
        Finding(BY_ADDRESS, row["ip"], row["n"])
        for row in refusals.filter(ip__isnull=False)
        .values("ip")
        .annotate(n=Count("pk"))
        .filter(n__gte=REFUSALS_A_DAY)
        .order_by("-n", "ip")
    ]
    readers: dict[int, int] = {}
    for counter in _unassigned_counters.values():
        for user_id, count in counter(since).items():
            readers[user_id] = max(count, readers.get(user_id, 0))
    many = {user_id: n for user_id, n in readers.items() if n >= UNASSIGNED_FAMILIES_A_DAY}
    if many:
        emails = dict(
            get_user_model().objects.filter(pk__in=many).values_list("pk", "email").order_by()
        )
        findings += sorted(
            (Finding(UNASSIGNED, emails[user_id], n) for user_id, n in many.items()),
            key=lambda finding: (-finding.count, finding.who),
        )
    return findings


def unusual_access_kept() -> list[Finding]:
    """The findings as the sweep last counted them, or counted now when none are kept."""
    return cache.get_or_set(_KEPT, unusual_access, KEPT_SECONDS)


def unusual_access_keep(findings: list[Finding]) -> None:
    cache.set(_KEPT, findings, KEPT_SECONDS)


def unusual_notice_claim(*, kind: str, day: date) -> bool:
    """Whether this kind's notice is still to be sent today; claims it if so, so two
    sweeps running at once send it once."""
    try:
        with transaction.atomic():
            UnusualAccessNotice.objects.create(kind=kind, day=day)
    except IntegrityError:
        return False
    return True
