"""The demo program's year after reunification, for Keisha and Jalen."""

from datetime import date, timedelta

from django.db.models import F

from aftercare.models import FollowUp
from aftercare.services import follow_ups_schedule


def load_aftercare(today: date, *, director, home_again) -> None:
    """Keisha and Jalen have been home 90 days: three check-ins done (childcare got
    shaky at 60 days: she needs after-school care; she kept her job at the bakery), the
    90-day one due today."""
    follow_ups_schedule(
        actor=director, partnership=home_again, reunified_on=today - timedelta(days=90)
    )
    steady = dict.fromkeys(("housing", "work", "childcare", "school", "support"), "steady")
    # The check-ins the transition plan's last steps added, in the first weeks home.
    FollowUp.objects.filter(
        partnership=home_again, due_on__lt=today - timedelta(days=83), about__gt=""
    ).update(done_on=F("due_on"), done_by=director, **steady)
    for days, how, needs in [
        (83, steady, ""),
        (60, steady, ""),
        (30, steady | {"childcare": "worry"}, "After-school care for Jalen on bakery days."),
    ]:
        FollowUp.objects.filter(partnership=home_again, due_on=today - timedelta(days=days)).update(
            done_on=today - timedelta(days=days), done_by=director, needs=needs, job="same", **how
        )
