"""What the calendar adds to the partnership page: registered in ScheduleConfig.ready()."""

from schedule.rows import Writer
from schedule.selectors import coming_up


def coming_prepare(request, partnership, *, is_staff: bool) -> dict | None:
    # Staff plan from the page, so they see more of the four weeks than parents do.
    coming_up(request.user, [partnership], each=8 if is_staff else 3)
    if is_staff:  # the staff's section writes each date with the team's addresses
        return {"coming_lines": Writer(team=True).lines(partnership.coming)}
    return None
