"""Asking a parent how a referral went, once it has sat a week: run by the worker's
periodic sweep (schedule.tasks.remind), which ReferralsConfig.ready() adds it to. The
coach sees the same referrals on Today."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from agreements.selectors import sharing_for_many
from families.models import Person
from notices.delivery import notify
from partnerships.models import Stage
from referrals.models import OPEN, Referral
from referrals.selectors import SITS_AFTER_DAYS

#: At most this many in one sweep; the next sweep, five minutes on, takes the rest.
BATCH = 500


def nudges_send(*, today: date | None = None) -> int:
    """Tell each person whose referral has sat a week that there is something to look
    at: a notice with a link, on their channels and outside their home's quiet hours.
    Once for each status, claimed row by row so two workers never send it twice."""
    today = today or timezone.localdate()
    people = Person.objects.order_by("pk")
    due = list(
        Referral.objects.filter(
            status__in=OPEN,
            status_on__lte=today - timedelta(days=SITS_AFTER_DAYS),
            person__user__isnull=False,
        )
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("status_on")))
        .exclude(partnership__stage=Stage.CLOSED)
        .select_related("person", "partnership__birth_family", "partnership__partner_home")
        .prefetch_related(
            Prefetch("partnership__birth_family__parents", queryset=people),
            Prefetch("partnership__partner_home__parents", queryset=people),
        )
        .order_by("status_on", "pk")[:BATCH]
    )
    sharing = sharing_for_many({r.partnership_id: r.partnership for r in due}.values(), today=today)
    sent = 0
    for referral in due:
        claimed = (
            Referral.objects.filter(pk=referral.pk)
            .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("status_on")))
            .update(reminded_on=today)
        )
        if not claimed:
            continue
        rules = sharing[referral.partnership_id]
        side = rules.side_of_person(referral.person)
        quiet = rules.terms.get(side) if side else None
        user_id, path = referral.person.user_id, referral.get_absolute_url()
        transaction.on_commit(lambda u=user_id, p=path, q=quiet: notify(user_id=u, path=p, quiet=q))
        sent += 1
    return sent
