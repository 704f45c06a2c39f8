"""The program the killed server is sent forms for (test_killed_server.py): made in the
test's own database before the server starts, and read back once it is stopped."""

from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count, F
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from accounts.testing import sign_in_client
from assistance import selectors as assistance_selectors
from assistance.models import AssistanceRequest, Entry, Fund, Source, Status
from assistance.services import available_in, balance_of, promised_from
from audit.models import Action, AuditEntry
from core.models import FormKey
from gatherings.models import Audience, Gathering, Registration
from gatherings.services import seats_taken
from home.testing import PersonFactory, UserFactory, agreement_for, partnership_for
from journal.models import Post


@contextmanager
def in_database(name: str):
    """The test's own queries go to the database `name` (the server's), not the suite's."""
    suite = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = suite


def make(run: str, *, payments: int, gatherings: int, sessions: dict[str, int]) -> dict:
    """Two homes in a partnership whose journal both may post in; a gathering guests reply
    to and `gatherings` small ones the parents reply to; a fund with `payments` approved
    requests for finance to pay; and signed-in sessions for each client of the test:
    `sessions` names how many of each person."""

    def person(role, name):
        user = UserFactory(email=f"{name.lower()}-{run}@example.test", roles=[role])
        PersonFactory(user=user, email=user.email, first_name=name)
        return user

    coach = person(Role.COACH, "Carmen")
    people = {
        "coach": coach,
        "finance": person(Role.FINANCE, "Frank"),
        "birth_parent": person(Role.BIRTH_PARENT, "Beatriz"),
        "partner_parent": person(Role.PARTNER_PARENT, "Paula"),
    }
    partnership = partnership_for(
        coach=coach,
        birth_parent=people["birth_parent"],
        partner_parent=people["partner_parent"],
        children=2,
    )
    both = [people["birth_parent"], people["partner_parent"]]
    agreement_for(partnership, by=coach, acknowledged_by=both, consent=both)
    next_week = timezone.now() + timedelta(days=7)
    # Room for some of the guests only: the rest wait, and the places are counted under
    # the gathering's lock while the server is killed around it.
    open_to_all = Gathering.objects.create(
        title=f"Open night {run}",
        starts_at=next_week,
        place="Fellowship Hall, 1200 E 7th St",
        capacity=12,
        audience=Audience.COMMUNITY,
        created_by=coach,
    )
    # One place each: the second parent to reply waits.
    small = [
        Gathering.objects.create(
            title=f"Circle {n} {run}",
            starts_at=next_week + timedelta(hours=n),
            place="Room 2",
            capacity=1,
            audience=Audience.BOTH,
            created_by=coach,
        )
        for n in range(gatherings)
    ]
    fund = Fund.objects.create(
        name=f"Crisis fund {run}", source=Source.DONOR, budget=Decimal("100000.00")
    )
    today = timezone.localdate()
    # Approved, as request_decide leaves them: the money promised from the fund.
    requests = [
        AssistanceRequest.objects.create(
            partnership=partnership,
            need="car_repair",
            # Amounts that differ, so a payment counted twice or missed shows in the sums.
            amount=Decimal("100.00") + Decimal(n) + Decimal(n % 7) / 100,
            payee="Eastside Auto",
            due_on=today + timedelta(days=3),
            purpose="The car that takes her to her shift.",
            status=Status.APPROVED,
            fund=fund,
            approved_on=today,
            created_by=coach,
            submitted_by=coach,
        )
        for n in range(payments)
    ]
    cookies = {
        who: [
            sign_in_client(Client(), people[who]).cookies[settings.SESSION_COOKIE_NAME].value
            for _ in range(count)
        ]
        for who, count in sessions.items()
    }
    return {
        "partnership": partnership.pk,
        "children": list(partnership.children.values_list("pk", flat=True)),
        "open_gathering": open_to_all.pk,
        "small_gatherings": [g.pk for g in small],
        "fund": fund.pk,
        "requests": [r.pk for r in requests],
        "users": {who: user.pk for who, user in people.items()},
        "sessions": cookies,
    }


def _created_audits(model) -> dict[int, int]:
    rows = (
        AuditEntry.objects.filter(record_type=model._meta.label_lower, action=Action.CREATED)
        .values("record_id")
        .annotate(n=Count("id"))
    )
    return {int(row["record_id"]): row["n"] for row in rows}


def stored(made: dict) -> dict:
    """What the database holds of the run, read through the program's own models and its
    ledger's own figures."""
    post_audits = _created_audits(Post)
    reply_audits = _created_audits(Registration)
    entry_audits = _created_audits(Entry)
    gatherings = Gathering.objects.filter(
        pk__in=[made["open_gathering"], *made["small_gatherings"]]
    )
    fund = Fund.objects.get(pk=made["fund"])
    listed = next(f for f in assistance_selectors.funds_with_numbers() if f.pk == fund.pk)
    by_fund = assistance_selectors.spending(year=timezone.localdate().year)["by_fund"]
    paid = AssistanceRequest.objects.filter(fund=fund, status=Status.PAID)
    return {
        "posts": [
            {
                **post,
                "made_at": post["made_at"].timestamp(),
                "audits": post_audits.get(post["id"], 0),
            }
            for post in Post.objects.filter(partnership=made["partnership"]).values(
                "id", "text", made_at=F("created_at")
            )
        ],
        "replies": [
            {
                **reply,
                "made_at": reply["made_at"].timestamp(),
                "audits": reply_audits.get(reply["id"], 0),
            }
            for reply in Registration.objects.filter(gathering__in=gatherings).values(
                "id",
                "gathering",
                "user",
                "email",
                "secret",
                "status",
                "adults",
                made_at=F("created_at"),
            )
        ],
        "gatherings": [
            {"id": g.pk, "capacity": g.capacity, "taken": seats_taken(g)} for g in gatherings
        ],
        "form_keys": dict(FormKey.objects.values_list("key", "record")),
        "requests": [
            {
                "id": r.pk,
                "amount": r.amount,
                "status": r.status,
                "entries": [
                    {
                        "key": e.idempotency_key,
                        "amount": e.amount,
                        "made_at": e.at.timestamp(),
                        "audits": entry_audits.get(e.pk, 0),
                    }
                    for e in r.entries.all()
                ],
            }
            for r in AssistanceRequest.objects.filter(fund=fund).prefetch_related("entries")
        ],
        "fund": {
            "budget": fund.budget,
            "balance": balance_of(fund),
            "available": available_in(fund),
            "promised": promised_from(fund),
            "listed_spent": listed.spent,
            "listed_balance": listed.balance,
            "listed_available": listed.available,
            "year_spent": sum(
                (row["total"] for row in by_fund if row["fund__name"] == fund.name), Decimal(0)
            ),
            "paid": sum(paid.values_list("amount", flat=True), Decimal(0)),
        },
    }
