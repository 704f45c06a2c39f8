from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from agreements.selectors import sharing_for_many
from audit.models import Action
from audit.services import audit_entry_create, audit_list_read
from core.roles import is_casework
from gatherings.selectors import gathering_list, upcoming_replies
from home.selectors import finance_desk, program_overview, with_next_family_time
from home.today import today_kept
from partnerships.selectors import caseload_overview, partnerships_of_parent
from referrals.selectors import waiting_for
from transition.selectors import road_home_of


def home(request):
    """Visitors see the program's overview; a signed-in person their own home page, with
    a section for each role they hold."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "home/public_home.html")
    context = {"today": timezone.localdate()}
    if is_casework(user):
        context["todo"] = today_kept(user, today=context["today"])
        # Today and the caseload name families: the page is a reading of their list.
        audit_list_read(user=user, model="partnerships.partnership")
    if user.has_role(Role.DIRECTOR):
        context["overview"] = program_overview()
    if user.has_role(Role.COACH):
        caseload = caseload_overview(user, today=context["today"])
        context["caseload"] = caseload.partnerships
        context["caseload_counts"] = caseload.counts
        context["attention"] = caseload.attention
    if user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT):
        partnerships = list(partnerships_of_parent(user))
        sharing = sharing_for_many(partnerships)
        for partnership in partnerships:
            partnership.sharing = sharing[partnership.pk]
            audit_entry_create(actor=user, action=Action.VIEWED, record=partnership)
        context["next_family_time"] = with_next_family_time(user, partnerships)
        road_home_of(partnerships, today=context["today"])
        context["parent_partnerships"] = partnerships
        context["referrals_waiting"] = waiting_for(user)
    context["is_finance"] = user.has_role(Role.FINANCE)
    if context["is_finance"]:
        context["finance"] = finance_desk(user)
        audit_list_read(user=user, model="assistance.assistancerequest")
    context["is_volunteer"] = user.has_role(Role.VOLUNTEER)
    if user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER):
        context["gatherings_mine"] = list(upcoming_replies(user))
        context["gatherings_next"] = list(gathering_list(user)[:3])
        if context["is_volunteer"]:  # only a volunteer's card offers to reply
            context["replied"] = {reply.gathering_id for reply in context["gatherings_mine"]}
    return render(request, "home/home.html", context)


def more(request):
    """The fifth tab: what a parent or volunteer opens less often, and signing out."""
    return render(request, "home/more.html")
