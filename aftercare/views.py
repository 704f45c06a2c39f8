from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aftercare import selectors, services
from aftercare.forms import CheckInForm, DueDateForm, ReentryForm
from aftercare.models import AREAS, Steadiness
from core.forms import PageForms, add_errors


def schedule(request, partnership):
    """The family's check-ins for the year after reunification; add one, move one, or
    record that a child went back into care."""
    forms = PageForms(
        request,
        add=lambda data: DueDateForm(data, prefix="add"),
        reentry=lambda data: ReentryForm(data, prefix="reentry"),
    )
    done = forms.handle(
        add=lambda data: _follow_up_add(request.user, partnership, data),
        reentry=lambda data: _reentry_record(request.user, partnership, data),
    )
    if done:
        messages.success(request, done)
        return redirect("aftercare:schedule", partnership.pk)
    return render(
        request,
        "aftercare/schedule.html",
        {
            "partnership": partnership,
            "follow_ups": selectors.schedule_of(partnership),
            **forms.context(),
        },
    )


def _follow_up_add(actor, partnership, data) -> str:
    services.follow_up_add(actor=actor, partnership=partnership, **data)
    return _("Check-in added.")


def _reentry_record(actor, partnership, data) -> str:
    services.reentry_record(actor=actor, partnership=partnership, **data)
    return _("Re-entry into care recorded.")


def check_in(request, follow_up):
    """Record how things are at one check-in."""
    # A done check-in opens with what was recorded, to read or correct.
    initial = _initial(follow_up) if follow_up.done_on else None
    form = CheckInForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        worried = data.pop("worried")
        try:
            services.follow_up_record(
                actor=request.user, follow_up=follow_up, data=data, worried=worried
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Check-in recorded."))
            return redirect("aftercare:schedule", follow_up.partnership_id)
    return render(request, "aftercare/check_in.html", {"form": form, "follow_up": follow_up})


def _initial(follow_up) -> dict:
    initial = {name: getattr(follow_up, name) for name in (*AREAS, "job", "concerns", "needs")}
    # The warning is the coach's worry when no area was at risk: correcting a typo must
    # not quietly take the family off the coach's warnings.
    at_risk = any(getattr(follow_up, area) == Steadiness.AT_RISK for area in AREAS)
    initial["worried"] = follow_up.warning and not at_risk
    return initial


def move(request, follow_up):
    if request.method == "POST":
        form = DueDateForm(request.POST)
        if form.is_valid():
            try:
                services.follow_up_move(
                    actor=request.user, follow_up=follow_up, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Check-in moved."))
        else:
            messages.error(request, _("Enter a date for the check-in."))
    return redirect("aftercare:schedule", follow_up.partnership_id)
