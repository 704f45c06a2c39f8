from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from caseplan import selectors, services
from caseplan.forms import (
    ContactForm,
    GoalForm,
    MilestoneForm,
    MonthForm,
    StepForm,
    StepUpdateForm,
    SummaryForm,
)
from caseplan.models import ContactKind, CourtSummary, Goal, Milestone
from caseplan.summary import summary_draft, summary_period, summary_sections
from core.forms import PageForms, add_errors
from core.once import once_for
from core.pagination import paginate
from core.roles import is_casework
from partnerships.selectors import parents_of


def contacts(request, partnership):
    """The partnership's contact log, newest first, with a quick form on top."""
    form = ContactForm(request.POST or None, people=parents_of(partnership))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "people"}
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.contact_log(
                    actor=request.user,
                    partnership=partnership,
                    data=data,
                    people=form.cleaned_data["people"],
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Contact logged."))
            return redirect("caseplan:contacts", partnership.pk)
    page, query = paginate(request, selectors.contacts_of(partnership), per_page=30)
    return render(
        request,
        "caseplan/contacts.html",
        {"partnership": partnership, "form": form, "page": page, "query": query},
    )


def contact_done(request, contact):
    if request.method != "POST":
        return redirect(contact)
    services.contact_follow_up_done(actor=request.user, contact=contact)
    messages.success(request, _("Follow-up marked done."))
    if request.POST.get("from") == "home":
        return redirect("home:home")
    return redirect(contact)


def report(request):
    """Contacts by coach for a month: a director sees every coach, a coach themself."""
    today = timezone.localdate()
    form = MonthForm(request.GET or None, initial={"month": today.replace(day=1)})
    month = form.cleaned_data["month"] if form.is_bound and form.is_valid() else today
    month = date(month.year, month.month, 1)
    rows = selectors.contact_report(
        request.user, month=month, everyone=request.user.has_role(Role.DIRECTOR)
    )
    return render(
        request,
        "caseplan/report.html",
        {"form": form, "rows": rows, "month": month, "kinds": ContactKind.choices},
    )


def plan(request, partnership):
    """The birth parent's goals and steps, and the partnership's milestones. The parent
    says how each step is going; the team adds goals and steps."""
    team = is_casework(request.user)
    goals = Goal.objects.filter(partnership=partnership).select_related("partnership")
    forms = PageForms(
        request,
        goal=lambda data: GoalForm(data, prefix="goal"),
        step=lambda data: StepForm(data, prefix="step", goals=goals),
        milestone=lambda data: MilestoneForm(data, prefix="milestone"),
    )
    # Parents change the plan only through their own steps (step_update).
    done = team and forms.handle(
        goal=lambda data: _goal_add(request.user, partnership, data),
        step=lambda data: _step_add(request.user, data),
        milestone=lambda data: _milestone_record(request.user, partnership, data),
    )
    if done:
        messages.success(request, done)
        return redirect("caseplan:plan", partnership.pk)
    return render(
        request,
        "caseplan/plan.html",
        {
            "partnership": partnership,
            "goals": selectors.plan_of(partnership),
            "milestones": Milestone.objects.filter(partnership=partnership),
            "summaries": CourtSummary.objects.filter(partnership=partnership),
            "team": team,
            **forms.context(),
        },
    )


def _goal_add(actor, partnership, data) -> str:
    services.goal_add(actor=actor, partnership=partnership, data=data)
    return _("Goal added.")


def _step_add(actor, data) -> str:
    services.step_add(actor=actor, goal=data.pop("goal"), data=data)
    return _("Step added.")


def _milestone_record(actor, partnership, data) -> str:
    services.milestone_record(actor=actor, partnership=partnership, **data)
    return _("Milestone recorded.")


def step_update(request, step):
    if request.method != "POST":
        return redirect(step)
    form = StepUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.step_update(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Saved. Your coach sees it."))
    else:
        messages.error(request, _("The note is too long: keep it under 300 characters."))
    return redirect(step)


def summary_new(request, partnership):
    """A court summary, drafted from the record for the coach to edit."""
    today = timezone.localdate()
    hearing_on = selectors.next_hearing_on(partnership, today=today) or today
    person = getattr(request.user, "person", None)
    draft = summary_draft(
        partnership,
        hearing_on=hearing_on,
        today=today,
        coach_name=person.full_name if person else request.user.email,
    )
    return _summary_form(
        request, CourtSummary(partnership=partnership), {"hearing_on": hearing_on, "text": draft}
    )


def summary_edit(request, summary):
    return _summary_form(request, summary, None)


def _summary_form(request, summary, initial):
    form = SummaryForm(
        request.POST or None,
        initial=initial or {"hearing_on": summary.hearing_on, "text": summary.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved, _made = once_for(
                form,
                user=request.user,
                model=CourtSummary,
                make=lambda: services.summary_save(
                    actor=request.user, summary=summary, data=form.cleaned_data
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            saved = saved or summary.partnership
            messages.success(
                request, _("Summary saved. The parent can print it from the case plan.")
            )
            return redirect(saved)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Progress summary for court"),
            "back": reverse("caseplan:plan", args=[summary.partnership_id]),
        },
    )


def summary_detail(request, summary):
    """The summary as it prints for the court: on the program's letterhead, its plain text
    laid out as headings, paragraphs and lists."""
    since, until = summary_period(summary)
    return render(
        request,
        "caseplan/summary.html",
        {
            "summary": summary,
            "sections": summary_sections(summary.text),
            "since": since,
            "until": until,
        },
    )
