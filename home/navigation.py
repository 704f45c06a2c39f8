"""Each person's way around the app, built once per page from their roles.

Parents and volunteers get five tabs with icons (a phone's bottom bar, a laptop's top
bar); the program's staff a menu grouped by their work. Only what the person may open is
listed: the access walk follows every link here for every persona."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.factors import second_factor_owed
from core.roles import Role, is_casework
from home.unread import Unread, label, shown

#: The places whose tab or menu item shows how much is new there.
BADGED = {"conversations:inbox", "journal:mine"}


@dataclass
class Item:
    label: str
    url: str
    icon: str = ""
    current: bool = False
    name: str = ""
    #: Counts what is new behind the tabs that have a badge (home.unread), when asked.
    unread: Unread | None = None

    @property
    def unread_count(self) -> int:
        return self.unread.of(self.name) if self.unread is not None else 0

    @property
    def unread_shown(self) -> str:
        return shown(self.unread_count)

    @property
    def unread_label(self) -> str:
        return label(self.unread_count)


@dataclass
class Group:
    label: str
    items: list[Item] = field(default_factory=list)


def _item(label, url_name, icon="") -> Item:
    return Item(label, reverse(url_name), icon, name=url_name)


def _count_unread(items: list[Item], unread: Unread) -> None:
    for item in items:
        if item.name in BADGED:
            item.unread = unread


def parent_tabs() -> list[Item]:
    return [
        _item(_("Home"), "home:home", "home"),
        _item(_("Calendar"), "schedule:agenda", "calendar_today"),
        _item(_("Journal"), "journal:mine", "photo_camera"),
        _item(_("Messages"), "conversations:inbox", "forum"),
        _item(_("More"), "home:more", "more_horiz"),
    ]


def volunteer_tabs() -> list[Item]:
    return [
        _item(_("Home"), "home:home", "home"),
        _item(_("Gatherings"), "gatherings:list", "groups"),
        _item(_("Training"), "training:index", "school"),
        _item(_("Resources"), "directory:search", "support"),
        _item(_("More"), "home:more", "more_horiz"),
    ]


def staff_groups(user) -> list[Group]:
    """The staff's menu: Casework, Intake, Program, Money, Directory; a group shows only
    when the person has something in it."""
    casework = is_casework(user)
    groups = []
    if casework:
        groups.append(
            Group(
                _("Casework"),
                [
                    _item(_("Home"), "home:home"),
                    _item(_("Partnerships"), "partnerships:list"),
                    _item(_("Families"), "families:family_list"),
                    _item(_("Partner homes"), "families:home_list"),
                    _item(_("Calendar"), "schedule:agenda"),
                    _item(_("Messages"), "conversations:inbox"),
                    _item(_("Posts to review"), "journal:review"),
                ],
            )
        )
        groups.append(
            Group(
                _("Intake"),
                [
                    _item(_("Interest forms"), "intake:queue"),
                    _item(_("New referral"), "partnerships:new"),
                ],
            )
        )
    program = Group(_("Program"))
    if not casework:
        program.items.append(_item(_("Home"), "home:home"))
    program.items += [
        _item(_("Outcomes"), "outcomes:dashboard"),
        _item(_("Training"), "training:index"),
        _item(_("Gatherings"), "gatherings:list"),
    ]
    if user.has_role(Role.DIRECTOR):
        program.items.append(_item(_("Audit trail"), "audit:search"))
    groups.append(program)
    if casework or user.has_role(Role.FINANCE):
        groups.append(Group(_("Money"), [_item(_("Financial support"), "assistance:index")]))
    directory = Group(_("Directory"), [_item(_("Resources"), "directory:search")])
    if user.has_role(Role.DIRECTOR, Role.COACH, Role.BIRTH_PARENT, Role.PARTNER_PARENT):
        directory.items.append(_item(_("Referrals"), "referrals:mine"))
    groups.append(directory)
    return groups


def _mark_current(items: list[Item], path: str) -> None:
    """The item whose address is the longest start of this page's is the current one."""
    best = max(
        (
            item
            for item in items
            if path == item.url or (item.url != "/" and path.startswith(item.url))
        ),
        key=lambda item: len(item.url),
        default=None,
    )
    if best:
        best.current = True


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": None}
    if second_factor_owed(request):
        return {"nav": None}  # between the password and the code, nothing is reachable
    if user.has_role(Role.DIRECTOR, Role.COACH, Role.FINANCE):
        groups = staff_groups(user)
        items = [item for group in groups for item in group.items]
        _mark_current(items, request.path)
        # The team's journal work is the review queue, which has its own page: only
        # their messages are counted.
        _count_unread(items, Unread(user, journal=False))
        return {"nav": {"kind": "menu", "groups": groups}}
    parent = user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT)
    tabs = parent_tabs() if parent else volunteer_tabs()
    _mark_current(tabs, request.path)
    if parent:
        _count_unread(tabs, Unread(user))
    return {"nav": {"kind": "tabs", "tabs": tabs}}
