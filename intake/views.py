import hashlib
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import add_errors
from core.once import once_for
from core.pagination import paginate
from core.throttle import client_address
from families.selectors import people_visible_to
from intake import selectors, services
from intake.forms import (
    AssignForm,
    AttemptForm,
    CloseForm,
    ContactForm,
    ConvertForm,
    HolidayForm,
    InterestForm,
    QueueFilterForm,
)
from intake.models import Holiday, Source
from intake.services import QUEUE
from notices.badges import kept_part

#: The thanks page's "we will answer by" travels in a signed cookie of a few minutes, not
#: the session: a visitor's form must not leave a session row behind (or one for each
#: form a robot sends).
THANKS_COOKIE, THANKS_SALT, THANKS_SECONDS = "village_intake_due", "intake.thanks", 600


def _public_form(request, form_class, source, template):
    form = form_class(request.POST or None)
    if request.method == "POST":
        if form.is_robot():
            return redirect("intake:thanks")  # a robot learns nothing
        if form.too_fast():
            form.add_error(None, _("That was very fast. Please check your answers and send again."))
        elif form.is_valid():
            try:
                submission = services.submission_receive(
                    data=form.submission_data(),
                    source=source,
                    ip=client_address(request),
                    nonce=form.nonce(),
                )
            except services.AlreadyReceived:
                return redirect("intake:thanks")
            except services.TooManySubmissions:
                form.add_error(
                    None,
                    _(
                        "We received several forms from this connection. Please call us, or "
                        "try again in an hour."
                    ),
                )
                return render(request, template, {"form": form}, status=429)
            response = redirect("intake:thanks")
            response.set_signed_cookie(
                THANKS_COOKIE,
                submission.due_at.isoformat(),
                salt=THANKS_SALT,
                max_age=THANKS_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return response
        form.refresh_started_if_unusable()
    return render(request, template, {"form": form})


def interest(request):
    return _public_form(request, InterestForm, Source.INTEREST, "intake/interest.html")


def contact(request):
    return _public_form(request, ContactForm, Source.CONTACT, "intake/contact.html")


def thanks(request):
    due = request.get_signed_cookie(
        THANKS_COOKIE, default=None, salt=THANKS_SALT, max_age=THANKS_SECONDS
    )
    try:
        due_at = datetime.fromisoformat(due) if due else None
    except ValueError:
        due_at = None
    response = render(request, "intake/thanks.html", {"due_at": due_at})
    response.delete_cookie(THANKS_COOKIE, samesite="Lax")
    return response


def queue(request):
    """The open interest forms, soonest due first: kept for the coach a minute, and
    written afresh for every coach when any form arrives or changes (decision 0048)."""

    def context() -> dict:
        filters = QueueFilterForm(request.GET or None)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        page, query = paginate(request, selectors.triage_queue(request.user, **chosen))
        page.object_list = selectors.queue_page(page.object_list)
        return {"filters": filters, "page": page, "query": query}

    asked = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    today = timezone.localdate().isoformat()
    kept = kept_part(
        request,
        "intake",
        today,
        asked,
        template="intake/_queue.html",
        context=context,
        shared=QUEUE,
    )
    return render(request, "intake/queue.html", {"queue": kept})


def _detail_context(request, submission, **forms):
    return {
        "submission": submission,
        "attempts": selectors.attempts_of(submission),
        "duplicates": selectors.possible_duplicates(submission).filter(
            pk__in=people_visible_to(request.user).values("pk")
        ),
        "assign_form": forms.get("assign_form")
        or AssignForm(initial={"coach": submission.assigned_to_id or request.user.pk}),
        "attempt_form": forms.get("attempt_form") or AttemptForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "convert_form": forms.get("convert_form")
        or ConvertForm(
            initial={
                "name": submission.last_name or submission.first_name,
                "coach": submission.assigned_to_id or request.user.pk,
            }
        ),
    }


def detail(request, submission):
    return render(request, "intake/detail.html", _detail_context(request, submission))


def _act(request, submission, form_class, form_name, change, success):
    """The shape of every action on a submission: a POST with one small form."""
    if request.method != "POST":
        return redirect(submission.get_absolute_url())
    form = form_class(request.POST)
    if form.is_valid():
        try:
            # A form with a one-time key (core.once) sent twice acts once.
            once_for(form, user=request.user, make=lambda: change(submission, form.cleaned_data))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(submission.get_absolute_url())
    context = _detail_context(request, submission, **{form_name: form})
    return render(request, "intake/detail.html", context, status=400)


def assign(request, submission):
    return _act(
        request,
        submission,
        AssignForm,
        "assign_form",
        lambda s, data: services.submission_assign(actor=request.user, submission=s, **data),
        _("Assigned."),
    )


def attempt(request, submission):
    return _act(
        request,
        submission,
        AttemptForm,
        "attempt_form",
        lambda s, data: services.contact_attempt_record(actor=request.user, submission=s, **data),
        _("Contact attempt logged."),
    )


def close(request, submission):
    return _act(
        request,
        submission,
        CloseForm,
        "close_form",
        lambda s, data: services.submission_close(actor=request.user, submission=s, **data),
        _("Closed."),
    )


def convert(request, submission):
    return _act(
        request,
        submission,
        ConvertForm,
        "convert_form",
        lambda s, data: services.submission_convert(actor=request.user, submission=s, **data),
        _("Created from the form, and linked."),
    )


def link(request, submission):
    person_id = request.POST.get("person", "")
    person = (
        people_visible_to(request.user).filter(pk=person_id).first()
        if person_id.isdigit()
        else None
    )
    if request.method == "POST" and person is not None:
        services.submission_link_person(actor=request.user, submission=submission, person=person)
        messages.success(request, _("Linked to %(name)s.") % {"name": person.full_name})
    return redirect(submission.get_absolute_url())


def figures(request):
    return render(request, "intake/figures.html", {"figures": selectors.intake_figures()})


def holidays(request):
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.holiday_add(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Holiday added."))
        return redirect("intake:holidays")
    upcoming = Holiday.objects.filter(day__gte=timezone.localdate())
    return render(request, "intake/holidays.html", {"form": form, "holidays": upcoming})
