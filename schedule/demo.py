"""The demo program's calendar."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from schedule.models import Attendance, Event


def load_schedule(today: date, *, coach, director, shared, home_again) -> None:
    """Supervised family time every Tuesday for a month now: two went well, then Mateo
    had a fever, and last week's is waiting for the coach to say how it went. The next
    court review, Ana's court-ordered counseling (hers alone), and Keisha's 30-day check-in after
    reunification. Ana's family reads Spanish, so their events carry a Spanish title too."""
    zone = timezone.get_current_timezone()
    # On a Tuesday, today's family time is the next one and last week's waits to be recorded.
    next_tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    first_tuesday = next_tuesday - timedelta(weeks=4)
    family_time = Event.objects.create(
        partnership=shared,
        kind="visit",
        title="Family time",
        title_es="Tiempo en familia",
        starts_at=datetime.combine(first_tuesday, time(16), tzinfo=zone),
        minutes=90,
        repeat="FREQ=WEEKLY",
        place="visit_room",
        supervised=True,
        supervisor="Marisol Vega",
        brings_children="Jenna",
        to_bring="The photo album, and Sofi's favorite breakfast muffins to share",
        created_by=coach,
    )
    Event.objects.create(
        partnership=shared,
        kind="court",
        title="Permanency review hearing",
        title_es="Audiencia de revisión de permanencia",
        starts_at=datetime.combine(today + timedelta(days=23), time(9, 30), tzinfo=zone),
        minutes=60,
        place="court",
        court_room="Travis County Civil Courthouse, Courtroom 4B",
        hearing_type="Permanency review",
        created_by=coach,
    )
    for weeks_ago, outcome, by, note in [
        (4, "attended", "", "Sofi sang the moon song with Ana."),
        (3, "attended", "", ""),
        (2, "cancelled", "partner", "Mateo had a fever; Jenna called the day before."),
    ]:
        Attendance.objects.create(
            event=family_time,
            occurrence=datetime.combine(next_tuesday - timedelta(weeks=weeks_ago), time(16), zone),
            outcome=outcome,
            by=by,
            note=note,
            recorded_by=coach,
        )
    Event.objects.create(
        partnership=shared,
        kind="appointment",
        title="Counseling",
        title_es="Consejería",
        attendees="birth",
        starts_at=datetime.combine(next_tuesday + timedelta(days=2), time(11), tzinfo=zone),
        minutes=50,
        repeat="FREQ=WEEKLY;INTERVAL=2",
        place="other",
        place_detail="Eastside Family Counseling",
        court_ordered=True,
        created_by=coach,
    )
    Event.objects.create(
        partnership=home_again,
        kind="appointment",
        title="Check-in at home",
        starts_at=datetime.combine(today + timedelta(days=5), time(17), tzinfo=zone),
        minutes=45,
        place="other",
        created_by=director,
    )
