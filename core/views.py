from django.contrib import messages
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import LanguageForm
from accounts.models import Role
from accounts.services import user_language_set
from agreements.selectors import sharing_for_many
from audit.models import Action
from audit.services import audit_entry_create
from core.selectors import database_answers, program_overview
from core.today import today_for
from core.urls_safety import safe_next
from gatherings.selectors import gathering_list, upcoming_replies
from partnerships.selectors import (
    needing_attention,
    partnership_list,
    partnerships_of_parent,
    stage_counts,
)
from referrals.selectors import waiting_for
from schedule.selectors import coming_up


def home(request):
    """Visitors see the program's overview; a signed-in person their own home page, with
    a section for each role they hold."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "core/public_home.html")
    context = {"today": timezone.localdate()}
    if user.has_role(Role.DIRECTOR, Role.COACH):
        context["todo"] = today_for(user, today=context["today"])
    if user.has_role(Role.DIRECTOR):
        context["overview"] = program_overview()
    if user.has_role(Role.COACH):
        caseload = partnership_list(user).filter(coach=user)
        context["caseload"] = list(caseload)
        context["caseload_counts"] = stage_counts(caseload)
        context["attention"] = needing_attention(user)
    if user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT):
        partnerships = list(partnerships_of_parent(user))
        sharing = sharing_for_many(partnerships)
        coming_up(user, partnerships)
        for partnership in partnerships:
            partnership.sharing = sharing[partnership.pk]
            audit_entry_create(actor=user, action=Action.VIEWED, record=partnership)
        context["parent_partnerships"] = partnerships
        context["referrals_waiting"] = waiting_for(user)
    context["is_finance"] = user.has_role(Role.FINANCE)
    context["is_volunteer"] = user.has_role(Role.VOLUNTEER)
    if user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER):
        context["gatherings_mine"] = list(upcoming_replies(user))
        context["gatherings_next"] = list(gathering_list(user)[:3])
    return render(request, "core/home.html", context)


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers, 503 when it does not: for load balancers and uptime
    checks. Outside ATOMIC_REQUESTS so a dead database is reported, not raised."""
    if database_answers(connection):
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)


@require_POST
def set_language(request):
    form = LanguageForm(request.POST)
    response = redirect(safe_next(request, fallback="core:home"))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            user_language_set(user=request.user, language=language)
        translation.activate(language)
        response.set_cookie(
            "django_language",
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
        messages.success(request, _("Language changed."))
    return response


def not_found(request, exception):
    return render(request, "404.html", status=404)
