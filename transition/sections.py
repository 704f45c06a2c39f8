"""What the plan adds to the partnership page: registered in TransitionConfig.ready()."""

from django.utils import timezone

from transition.selectors import road_home_of


def road_home_prepare(request, partnership, *, is_staff: bool) -> None:
    # Parents' card links to the plan once it is open; the staff's section says how far
    # it has come, or offers to open it.
    road_home_of([partnership], today=timezone.localdate())
