from dataclasses import replace
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.services import user_time_zone_set
from agreements.selectors import sharing_for
from core.dates import within_reach
from core.forms import add_errors
from core.once import once_for
from core.pagination import paginate
from core.roles import is_casework
from notices.badges import kept_part
from schedule import busy, rows, selectors, services, sources
from schedule.feed import feed_for
from schedule.forms import AttendanceForm, EventForm, OccurrenceForm, TimeZoneForm
from schedule.models import Attendance, Event

VIEWS = ("agenda", "week", "month")
#: How many coming dates a page of "Coming up" lists, and how many dates to record.
AGENDA_PAGE, RECORD_SHOWN = 30, 20
#: The feed shows no attendance: an empty prefetch spares a query per event.
NO_ATTENDANCE = Prefetch("attendances", queryset=Attendance.objects.none())


def _day_asked(request) -> date:
    """The day the reader asked to see (?on=2026-11-23), else today on their clock."""
    try:
        asked = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()
    return asked if within_reach(asked) else timezone.localdate()


def agenda(request):
    """The person's calendar: the coming weeks as a list, a week by day (phones), or a
    month as a grid (laptops; it folds into a list of busy days on a phone). Its dates are
    kept for the person a minute (decision 0048): a coach's month is hundreds of them."""
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "agenda"
    today = timezone.localdate()
    if view == "agenda":
        page = request.GET.get("page", "")
        parts = ("agenda", page if page.isdigit() and len(page) < 6 else "")
        template, context = "schedule/_agenda_dates.html", lambda: _agenda(request)
    else:
        day = _day_asked(request)
        parts = (view, day.isoformat())
        template, context = "schedule/_period_days.html", lambda: _period(request.user, view, day)
    dates = kept_part(
        request,
        "calendar",
        today.isoformat(),
        *parts,
        template=template,
        context=context,
        area="schedule",
    )
    context = {"view": view, "dates": dates}
    token = selectors.active_feed(request.user)
    if token:
        context["feed_url"] = request.build_absolute_uri(
            reverse("schedule:feed", args=[token.secret])
        )
    context["zone_form"] = TimeZoneForm(initial={"time_zone": request.user.time_zone})
    return render(request, "schedule/agenda.html", context)


def _agenda(request) -> dict:
    """The coming weeks' dates, a page of them, and for the team the dates to record."""
    context = {"view": "agenda", "now": timezone.now()}
    context["calendar_sections"] = sources.sections_for(request.user)
    team = is_casework(request.user)
    write = rows.Writer(team=team)  # each date as the page writes it, addresses and all
    context["weeks"] = weeks = selectors.agenda_weeks(request.user)
    if team:
        # The coming weeks and the past fortnight's dates to record, read once.
        around = selectors.around_now(request.user, ahead=timedelta(weeks=weeks))
        found = selectors.agenda(request.user, weeks=weeks, around=around)
        waiting = selectors.to_record(request.user, around=around)
        # The oldest first, which soonest leave the list: each recorded makes room.
        context["to_record"] = write.lines(waiting[:RECORD_SHOWN])
        context["more_to_record"] = len(waiting[RECORD_SHOWN:])
    else:
        found = selectors.agenda(request.user, weeks=weeks)
    # A page of the coming dates: a whole caseload's fortnight is a hundred or more.
    context["page"], context["query"] = paginate(request, found, AGENDA_PAGE)
    found = context["page"].object_list
    if team:
        found = selectors.with_confirmations(found)  # who texted "C" to say they come
    # Beside each date, what the reader may know of a parent's shift it clashes with.
    context["occurrences"] = write.lines(busy.with_clashes(found, request.user))
    return context


def _period(user, view: str, day: date) -> dict:
    """The week or month around `day`, day by day, with the sources' dates in it."""
    if view == "week":
        first = day - timedelta(days=day.weekday())
        last, shown = first + timedelta(days=6), first
        context = {"previous": first - timedelta(weeks=1), "next": first + timedelta(weeks=1)}
    else:
        shown = day.replace(day=1)
        month_end = (shown + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        first = shown - timedelta(days=shown.weekday())
        last = month_end + timedelta(days=6 - month_end.weekday())
        context = {
            "previous": (shown - timedelta(days=1)).replace(day=1),
            "next": month_end + timedelta(days=1),
        }
    entries = [e for section in sources.sections_for(user) for e in section.entries]
    month = shown.month if view == "month" else None
    found = selectors.days(user, first, last, month=month, entries=entries)
    write = rows.Writer(team=is_casework(user))
    context.update(
        view=view,
        first=shown,
        today=timezone.localdate(),
        now=timezone.now(),
        busy=any(d.busy for d in found),
        days=[replace(d, occurrences=write.lines(d.occurrences)) for d in found],
    )
    return context


def event(request, event):
    """One event as the reader may see it: when, where, who comes, and its next dates.
    A link from the calendar names the date it was opened from (?occurrence=)."""
    try:
        asked = datetime.fromisoformat(request.GET.get("occurrence", ""))
    except ValueError:
        asked = None
    if asked is not None and not within_reach(asked):
        asked = None  # a typed-in date beyond reach: show the event from its next date
    if asked is not None and timezone.is_naive(asked):
        asked = timezone.make_aware(asked)
    chosen, coming = selectors.dates_of(event, asked)
    if is_casework(request.user):
        # Who texted "C" to say they will come, for the team.
        shown = selectors.with_confirmations(([chosen] if chosen else []) + coming)
        chosen, coming = (shown[0], shown[1:]) if chosen else (None, shown)
    return render(
        request,
        "schedule/event.html",
        {"event": event, "chosen": chosen, "coming": coming, "now": timezone.now()},
    )


@require_POST
def time_zone(request):
    form = TimeZoneForm(request.POST)
    if form.is_valid():
        user_time_zone_set(user=request.user, time_zone=form.cleaned_data["time_zone"])
        messages.success(request, _("Times are now shown in the zone you chose."))
    else:
        messages.error(request, _("Choose one of the time zones in the list."))
    return redirect("schedule:agenda")


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
def feed(request, owner):
    """The private feed a phone's calendar subscribes to: the secret is the only key."""
    events = selectors.calendar_events(owner).prefetch_related("changes", NO_ATTENDANCE)
    response = HttpResponse(
        feed_for(events, extra=sources.feed_events_for(owner)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="village.ics"'
    return response


def event_new(request, partnership):
    """The coach schedules an event."""
    return _event_form(request, partnership, Event(partnership=partnership))


def event_edit(request, event):
    """The coach changes a whole event or series."""
    return _event_form(request, event.partnership, event)


def _event_form(request, partnership, event: Event):
    """The court's orders and the agreement are checked on saving, and a refusal is
    explained beside the field it is about. A double booking of the same children or
    parents is a warning: it may be intended."""
    # The form works on a copy of the event's values, so the service can compare the
    # event as saved with what was asked, and audit what changed.
    initial = model_to_dict(event, fields=EventForm.Meta.fields) if event.pk else None
    form = EventForm(request.POST or None, initial=initial)
    conflicts, clashes = [], []
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "despite_conflicts"}
        proposed = Event(pk=event.pk, partnership=partnership, **data)
        conflicts = selectors.conflicts(proposed)
        # The parents' work shifts at those times, said as the coach may read them.
        clashes = selectors.clashes_with(proposed, request.user)
        if (conflicts or clashes) and not form.cleaned_data["despite_conflicts"]:
            form.ask_about_conflicts()
        else:
            sharing = sharing_for(partnership)
            try:
                if event.pk:
                    services.event_update(
                        actor=request.user, sharing=sharing, event=event, data=data
                    )
                else:
                    once_for(
                        form,
                        user=request.user,
                        make=lambda: services.event_create(
                            actor=request.user, sharing=sharing, data=data
                        ),
                    )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Saved. The homes see it in their calendar."))
                return redirect(partnership.get_absolute_url())
    return render(
        request,
        "schedule/event_form.html",
        {
            "form": form,
            "conflicts": conflicts[:10],
            "clashes": clashes[:10],
            "title": event.title or _("Schedule"),
            "back": partnership.get_absolute_url(),
        },
    )


def occurrence_change(request, event):
    form = OccurrenceForm(
        request.POST or None, initial={"occurrence": request.GET.get("occurrence")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.occurrence_change(
                actor=request.user,
                sharing=selectors.sharing_of(request.user, event),
                event=event,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Changed. The homes see the new date."))
            return redirect("schedule:agenda")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": event.title, "back": reverse("schedule:agenda")},
    )


def attendance(request, event):
    """What happened at one date, recorded by the team afterwards."""
    form = AttendanceForm(
        request.POST or None, initial={"occurrence": request.GET.get("occurrence")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("schedule:agenda")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("What happened: %(event)s") % {"event": event.title},
            "back": reverse("schedule:agenda"),
        },
    )
