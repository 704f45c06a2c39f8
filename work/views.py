from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import add_errors
from core.once import once_for
from work import selectors, services
from work.forms import EndForm, ShiftDateForm, ShiftForm, WeekForm


def shifts(request):
    """The parent's coming shift dates and her repeating shifts, with what to change."""
    times = selectors.coming_times(request.user)
    repeating = selectors.own_shifts(request.user).exclude(repeat="")
    return render(request, "work/shifts.html", {"times": times, "repeating": repeating})


def shift_new(request):
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.shift_create(actor=request.user, **form.cleaned_data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved. Your coach sees when you work, never where."))
            return redirect("work:shifts")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Add a shift"), "back": reverse("work:shifts")},
    )


def _monday(text: str) -> date:
    """The Monday of the week asked for (?week=2026-12-07), else of this week."""
    today = timezone.localdate()
    try:
        asked = date.fromisoformat(text)
    except ValueError:
        asked = today
    if abs((asked - today).days) > 366:
        asked = today  # a week beyond reach: this one
    return asked - timedelta(days=asked.weekday())


def week(request):
    """This week's schedule, typed in from the one posted at work: one row a day."""
    monday = _monday(request.POST.get("week") or request.GET.get("week", ""))
    initial = selectors.week_initial(request.user, monday)
    form = WeekForm(request.POST or None, monday=monday, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.week_set(
                    actor=request.user,
                    monday=monday,
                    days=form.days(),
                    label=form.cleaned_data["label"],
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved. This week's shifts are on your calendar."))
            return redirect("work:shifts")
    return render(
        request,
        "work/week.html",
        {
            "form": form,
            "monday": monday,
            "previous": monday - timedelta(weeks=1),
            "next": monday + timedelta(weeks=1),
        },
    )


def shift(request, shift):
    """One shift: its coming dates, one of them off or moved, its last day, or gone."""
    times = selectors.times_of(shift)
    sent = request.POST.get("form") if request.method == "POST" else None
    date_form = ShiftDateForm(request.POST if sent == "date" else None, times=times)
    end_form = EndForm(request.POST if sent == "end" else None)
    done = ""
    try:
        if sent == "delete":
            services.shift_delete(actor=request.user, shift=shift)
            messages.success(request, _("The shift is off your calendar."))
            return redirect("work:shifts")
        if sent == "date" and date_form.is_valid():
            data = date_form.cleaned_data
            services.shift_date_change(
                actor=request.user,
                shift=shift,
                occurrence=data["occurrence"],
                off=data["what"] == ShiftDateForm.OFF,
                day=data["day"],
                starts=data["starts"],
                ends=data["ends"],
            )
            done = _("Changed. Your calendar shows that day as it is now.")
        if sent == "end" and end_form.is_valid():
            services.shift_end(
                actor=request.user, shift=shift, last_day=end_form.cleaned_data["last_day"]
            )
            done = _("Saved. Its dates after that day are off your calendar.")
    except ValidationError as error:
        add_errors(date_form if sent == "date" else end_form, error)
    if done:
        messages.success(request, done)
        return redirect("work:shift", shift.pk)
    return render(
        request,
        "work/shift.html",
        {"shift": shift, "times": times, "date_form": date_form, "end_form": end_form},
    )


def partnership(request, partnership):
    """The team's view of when the partnership's parents work: never where."""
    parents = selectors.partnership_times(partnership)
    return render(
        request, "work/partnership.html", {"partnership": partnership, "parents": parents}
    )
