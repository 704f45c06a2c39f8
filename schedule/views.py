from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from schedule import selectors, services
from schedule.feed import feed_for


def agenda(request):
    token = selectors.active_feed(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("schedule:feed", args=[token.secret])) if token else ""
    )
    return render(
        request,
        "schedule/agenda.html",
        {"occurrences": selectors.agenda(request.user), "feed_url": feed_url},
    )


def feed_manage(request):
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_token_revoke(user=request.user)
            messages.success(request, _("The calendar address is switched off."))
        else:
            services.feed_token_create(user=request.user)
            messages.success(
                request,
                _("Here is your private calendar address. Any earlier one stopped working."),
            )
    return redirect("schedule:agenda")


@never_cache
def feed(request, secret):
    """The private feed a phone's calendar subscribes to: the secret is the only key."""
    owner = selectors.feed_owner(secret)
    response = HttpResponse(
        feed_for(selectors.events_visible_to(owner)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="village.ics"'
    return response
