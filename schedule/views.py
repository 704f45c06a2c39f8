from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from agreements.selectors import sharing_for
from core.forms import add_errors
from journal.selectors import journal_partnership_for
from schedule import selectors, services
from schedule.feed import feed_for
from schedule.forms import EventForm, OccurrenceForm


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


def event_new(request, partnership_id):
    """The coach schedules an event. The court's orders and the agreement are checked
    on saving, and a refusal is explained beside the field it is about."""
    partnership = journal_partnership_for(request.user, partnership_id)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_create(
                actor=request.user, sharing=sharing_for(partnership), data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Scheduled. Both homes see it in their calendar."))
            return redirect("schedule:agenda")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Schedule"), "back": partnership.get_absolute_url()},
    )


def occurrence_change(request, event_id):
    event = selectors.event_for(request.user, event_id)
    form = OccurrenceForm(
        request.POST or None, initial={"occurrence": request.GET.get("occurrence")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.occurrence_change(
                actor=request.user,
                sharing=sharing_for(journal_partnership_for(request.user, event.partnership_id)),
                event=event,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Changed. Both homes see the new date."))
            return redirect("schedule:agenda")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": event.title, "back": reverse("schedule:agenda")},
    )
