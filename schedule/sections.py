"""What the calendar adds to the partnership page: registered in ScheduleConfig.ready()."""

from schedule.selectors import coming_up


def coming_prepare(request, partnership, *, is_staff: bool) -> None:
    # Staff plan from the page, so they see more of the four weeks than parents do.
    coming_up(request.user, [partnership], each=8 if is_staff else 3)
