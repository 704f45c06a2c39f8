"""What agreements adds to the partnership page: registered in AgreementsConfig.ready()."""

from agreements.selectors import sharing_for


def sharing_prepare(request, partnership, *, is_staff: bool) -> None:
    # Set on the partnership: the other home's names and contact details on the parents'
    # card are read through it as well (core's other_home tags).
    partnership.sharing = sharing_for(partnership)
