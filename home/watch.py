"""Watching the trail for unusual access (docs/decisions/0022): who read families they are
not assigned to, and telling the directors when anything is unusual.

The trail counts refusals itself (audit/unusual.py), but whether a family is someone's
to read depends on who coaches which partnership, which the trail, below families and
partnerships, cannot know: this top layer counts it and registers the count there. The
notice is sent by the worker's five-minute sweep (core.sweep), so nothing is counted
while someone waits for a page; at most once a day for each kind, to every director,
saying only that there is something new, with a link to the audit page.
"""

from collections import defaultdict
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import LIST, Action, AuditEntry
from audit.unusual import unusual_access, unusual_access_keep, unusual_notice_claim
from core.roles import Role
from families.models import Child
from notices.delivery import notify
from partnerships.models import Coverage, Partnership

#: The records whose reading is a reading of one family, and how to find that family.
#: A partnership is its birth family's case; a partner home is a family of its own.
BIRTH, HOME = "birth", "home"
FAMILY_RECORDS = ("families.birthfamily", "families.partnerhome", "families.child")
PARTNERSHIP = "partnerships.partnership"
#: Whose reading is watched: the staff who may open families' records.
READERS = (Role.DIRECTOR, Role.COACH)


def families_read_unassigned(since: datetime) -> dict[int, int]:
    """For each staff member who read any, how many families they read since `since`
    whose partnership they neither coach nor cover today. Five queries, whatever the
    number of entries."""
    reads = list(
        AuditEntry.objects.filter(
            at__gte=since,
            action=Action.VIEWED,
            record_type__in=(*FAMILY_RECORDS, PARTNERSHIP),
            actor__groups__name__in=READERS,
        )
        .exclude(record_id=LIST)
        .values_list("actor_id", "record_type", "record_id")
        .distinct()
        .order_by()
    )
    wanted = defaultdict(set)
    for _, kind, record_id in reads:
        if record_id.isdigit() and len(record_id) < 19:
            wanted[kind].add(int(record_id))
    family_of = {("families.birthfamily", pk): (BIRTH, pk) for pk in wanted["families.birthfamily"]}
    family_of |= {("families.partnerhome", pk): (HOME, pk) for pk in wanted["families.partnerhome"]}
    for pk, family in Child.objects.filter(pk__in=wanted["families.child"]).values_list(
        "pk", "birth_family_id"
    ):
        family_of["families.child", pk] = (BIRTH, family)
    for pk, family in (
        Partnership.objects.filter(pk__in=wanted[PARTNERSHIP])
        .values_list("pk", "birth_family_id")
        .order_by()
    ):
        family_of[PARTNERSHIP, pk] = (BIRTH, family)
    assigned = _assigned_families({reader for reader, _, _ in reads})
    opened = defaultdict(set)
    for reader, kind, record_id in reads:
        family = family_of.get((kind, int(record_id))) if record_id.isdigit() else None
        if family and family not in assigned[reader]:
            opened[reader].add(family)
    return {reader: len(families) for reader, families in opened.items()}


def _assigned_families(readers: set[int]) -> dict[int, set[tuple[str, int]]]:
    """The families of the partnerships each reader coaches or covers today."""
    today = timezone.localdate()
    readers_of = defaultdict(set)  # a coach's id -> who may read their partnerships
    for reader in readers:
        readers_of[reader].add(reader)
    for covering, away in Coverage.objects.filter(
        covering_coach_id__in=readers, starts_on__lte=today, ends_on__gte=today
    ).values_list("covering_coach_id", "coach_id"):
        readers_of[away].add(covering)
    assigned = defaultdict(set)
    for coach, family, home in (
        Partnership.objects.filter(coach_id__in=readers_of)
        .values_list("coach_id", "birth_family_id", "partner_home_id")
        .order_by()
    ):
        for reader in readers_of[coach]:
            assigned[reader] |= {(BIRTH, family), (HOME, home)}
    return assigned


def unusual_access_notify(*, now: datetime | None = None) -> int:
    """Tell every director that the audit page shows unusual access: once a day for each
    kind found. A sweep job: returns how many kinds were told."""
    findings = unusual_access(now=now)
    if now is None:  # what the audit page shows now, until the next sweep
        unusual_access_keep(findings)
    now = now or timezone.now()
    kinds = sorted({finding.kind for finding in findings})
    if not kinds:
        return 0
    directors = list(
        get_user_model()
        .objects.filter(groups__name=Role.DIRECTOR, is_active=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    path = reverse("audit:search") + "#unusual"
    told = 0
    for kind in kinds:
        if not unusual_notice_claim(kind=kind, day=timezone.localdate(now)):
            continue
        for director in directors:
            transaction.on_commit(lambda d=director: notify(user_id=d, path=path))
        told += 1
    return told
