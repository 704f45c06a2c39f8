"""One's signed-in browsers, and staying signed in (accounts/sessions.py)."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import sessions
from accounts.forms import SessionEndForm
from core.urls_safety import safe_next


def session_list(request):
    current = sessions.current_session_id(request)
    rows = sessions.sessions_of(request.user)
    return render(
        request,
        "accounts/sessions.html",
        {
            "this_device": next((row for row in rows if row.pk == current), None),
            "others": [row for row in rows if row.pk != current],
        },
    )


@require_POST
def session_end(request):
    form = SessionEndForm(request.POST)
    if form.is_valid() and sessions.session_end(
        user=request.user, session_id=form.cleaned_data["session"]
    ):
        messages.success(request, _("That browser is signed out."))
    return redirect("accounts:sessions")


@require_POST
def sessions_end_others(request):
    ended = sessions.sessions_end_others(
        user=request.user, keep=sessions.current_session_id(request)
    )
    if ended:
        messages.success(request, _("Every other browser is signed out."))
    return redirect("accounts:sessions")


@require_POST
def device_shared(request):
    """ "This is a shared phone": from now on this session keeps nothing on the device
    (nothing kept for reading offline, pwa/) and ends sooner, as when ticked at sign-in."""
    sessions.session_mark_shared(request)
    messages.success(
        request, _("Done: nothing is kept on this device, and you are signed out sooner.")
    )
    response = redirect("accounts:settings")
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@require_http_methods(["GET", "POST"])
def session_stay(request):
    """How long this session has left. Asked by the warning in the page in the background
    (GET), it is not activity; "Stay signed in" (POST) is, as any request the person
    makes. Without script, the warning's button posts here and comes back."""
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"seconds": request.session_seconds_left})
    return redirect(safe_next(request, fallback="home:home"))
