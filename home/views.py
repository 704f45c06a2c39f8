import functools

from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from agreements.selectors import sharing_for_many
from audit.models import Action
from audit.services import audit_entry_create, audit_list_read
from core.roles import is_casework
from gatherings.selectors import REPLIES_SHOWN, gathering_list, upcoming_replies
from home.selectors import finance_desk, program_overview, with_next_family_time
from home.today import today_for
from notices.badges import STEADY, kept_part
from partnerships.selectors import (
    caseload_overview,
    open_partnerships_of_parent,
    with_their_people,
)
from referrals.selectors import waiting_for
from transition.selectors import road_home_of


def home(request):
    """Visitors see the program's overview; a signed-in person their own home page, with
    a section for each role they hold. What holds no form is kept for the person a minute
    (decision 0048); the reading of their records is audited on every visit."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "home/public_home.html")
    today = timezone.localdate()
    context = {"today": today}

    def kept(name: str, template: str, build_context, area: str = "") -> str:
        return kept_part(
            request,
            "home",
            name,
            today.isoformat(),
            template=template,
            context=lambda: {"today": today, **build_context()},
            area=area,
        )

    if is_casework(user):
        context["today_html"] = kept(
            "today", "home/_today.html", lambda: {"todo": today_for(user, today=today)}
        )
        # Today and the caseload name families: the page is a reading of their list.
        audit_list_read(user=user, model="partnerships.partnership")
    if user.has_role(Role.DIRECTOR):
        context["overview"] = program_overview()
    if user.has_role(Role.COACH):
        context["caseload_html"] = kept(
            "caseload", "home/_caseload.html", lambda: _caseload(user, today)
        )
    if user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT):
        partnerships = list(open_partnerships_of_parent(user))
        for partnership in partnerships:
            audit_entry_create(actor=user, action=Action.VIEWED, record=partnership)
        parent = functools.cache(lambda: _parent(user, partnerships, today))
        # Of the three areas' records a parent's partnerships show the calendar's dates
        # alone (decision 0048): a journal post or an All About Me entry leaves them kept.
        if partnerships:
            context["next_family_time_html"] = kept(
                "next", "home/_next_family_time.html", parent, area="schedule"
            )
        context["parent_html"] = kept("parent", "home/_parent.html", parent, area="schedule")
    context["is_finance"] = user.has_role(Role.FINANCE)
    if context["is_finance"]:
        context["finance"] = finance_desk(user)
        audit_list_read(user=user, model="assistance.assistancerequest")
    if user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER):
        # Gatherings and replies to them, none of the three areas' records.
        context["gatherings_html"] = kept(
            "gatherings", "home/_gatherings.html", lambda: _gatherings(user), area=STEADY
        )
    return render(request, "home/home.html", context)


def _caseload(user, today) -> dict:
    caseload = caseload_overview(user, today=today)
    return {
        "caseload": caseload.partnerships,
        "caseload_counts": caseload.counts,
        "attention": caseload.attention,
    }


def _parent(user, partnerships, today) -> dict:
    with_their_people(partnerships)
    sharing = sharing_for_many(partnerships)
    for partnership in partnerships:
        partnership.sharing = sharing[partnership.pk]
    next_family_time = with_next_family_time(user, partnerships)
    road_home_of(partnerships, today=today)
    return {
        "next_family_time": next_family_time,
        "parent_partnerships": partnerships,
        "referrals_waiting": waiting_for(user),
    }


def _gatherings(user) -> dict:
    context = {"is_volunteer": user.has_role(Role.VOLUNTEER)}
    context["gatherings_mine"] = list(upcoming_replies(user)[:REPLIES_SHOWN])
    context["gatherings_next"] = list(gathering_list(user)[:3])
    if context["is_volunteer"]:  # only a volunteer's card offers to reply
        context["replied"] = {reply.gathering_id for reply in context["gatherings_mine"]}
    return context


def more(request):
    """The fifth tab: what a parent or volunteer opens less often, and signing out."""
    return render(request, "home/more.html")
