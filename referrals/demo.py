"""The demo's referrals: the loop at each point, so each screen has something to show."""

from datetime import date, timedelta

from referrals.models import Referral, Status, Step


def load_referrals(today: date, *, coach, director, shared, home_again, services) -> None:
    by_name = {service.name: service for service in services}
    ana = shared.birth_family.parents.select_related("user").get()
    jenna = shared.partner_home.parents.select_related("user").get()
    keisha = home_again.birth_family.parents.select_related("user").get()

    def referral(person, partnership, service, need, note, by, steps):
        last_status, last_day = steps[-1]
        made = Referral.objects.create(
            person=person,
            partnership=partnership,
            service=by_name[service],
            need=need,
            note=note,
            status=last_status,
            status_on=today - timedelta(days=last_day),
            created_by=by,
        )
        Step.objects.bulk_create(
            Step(
                referral=made,
                status=status,
                on=today - timedelta(days=days),
                by=by if status == Status.SENT else (person.user or by),
            )
            for status, days in steps
        )

    # Ana needs a place with room for two children before they can come home; she called
    # the housing program, and it has gone quiet: the coach's Today brings it up.
    referral(
        ana,
        shared,
        "Family Rapid Rehousing",
        "housing",
        "Ask for Denise and say Village sent you. Bring your pay stubs.",
        coach,
        [(Status.SENT, 12), (Status.CONTACTED, 9)],
    )
    referral(
        ana,
        shared,
        "Nurturing Parenting Class",
        "parenting",
        "This one counts toward your service plan.",
        coach,
        [(Status.SENT, 40), (Status.ACCEPTED, 35), (Status.RECEIVED, 2)],
    )
    # Jenna works days; Sofía's toddler brother needs a place while she does.
    referral(
        jenna,
        shared,
        "Bright Start Early Head Start",
        "childcare",
        "",
        coach,
        [(Status.SENT, 6), (Status.ACCEPTED, 3)],
    )
    # Keisha, in the year after: the bus pass came through; the food market never called.
    referral(
        keisha,
        home_again,
        "Reduced Fare Bus Pass",
        "transportation",
        "",
        director,
        [(Status.SENT, 30), (Status.CONTACTED, 28), (Status.RECEIVED, 21)],
    )
    referral(
        keisha,
        home_again,
        "SNAP and WIC Application Help",
        "food",
        "",
        director,
        [(Status.SENT, 25), (Status.NO_RESPONSE, 10)],
    )
