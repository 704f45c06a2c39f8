from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.selectors import sharing_for
from core.forms import add_errors
from core.once import once_for
from core.roles import is_casework
from transition import selectors, services
from transition.forms import ItemForm, KeepInTouchForm, NewStepForm, OpenForm, StepForm, TickForm


def plan(request, partnership):
    """The plan both homes and the coach share: the steps, then each child's checklist."""
    found = selectors.plan_of(partnership)
    sharing = sharing_for(partnership)
    context = {
        "partnership": partnership,
        "plan": found,
        "side": sharing.side_of_user(request.user),
    }
    if found is not None:
        context |= {
            "children": selectors.checklist_for(request.user, sharing, found),
            "reachable": selectors.reachable(request.user, sharing, found),
            "keep_form": KeepInTouchForm(initial={"wish": _wish(found, context["side"])}),
        }
    elif is_casework(request.user):
        context["open_form"] = OpenForm()
    return render(request, "transition/plan.html", context)


def _wish(plan, side) -> str:
    if side not in ("birth", "partner"):
        return ""
    return "yes" if getattr(plan, f"{side}_keeps_in_touch") else ""


@require_POST
def plan_open(request, partnership):
    form = OpenForm(request.POST)
    if form.is_valid():
        services.plan_open(
            actor=request.user, sharing=sharing_for(partnership), **form.cleaned_data
        )
        messages.success(request, _("The transition plan is open: both homes can see it now."))
        return redirect("transition:plan", partnership.pk)
    return render(
        request,
        "transition/plan.html",
        {"partnership": partnership, "plan": None, "open_form": form},
    )


def _plan_or_404(partnership):
    found = selectors.plan_of(partnership)
    if found is None:
        raise Http404
    return found


def step_new(request, partnership):
    plan = _plan_or_404(partnership)
    form = NewStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sharing = sharing_for(partnership)
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.step_add(
                    actor=request.user, sharing=sharing, plan=plan, data=form.cleaned_data
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Step added. It is on the calendars of those it is for."))
            return redirect("transition:plan", partnership.pk)
    return render(
        request, "transition/step.html", {"partnership": partnership, "form": form, "step": None}
    )


def step(request, step):
    """Change a step, mark it done, or take it off the plan."""
    partnership = step.plan.partnership
    form = StepForm(request.POST or None, instance=None, initial=_values(step))
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "remove":
                services.step_remove(
                    actor=request.user, sharing=sharing_for(partnership), step=step
                )
                messages.success(request, _("Step taken off the plan."))
                return redirect("transition:plan", partnership.pk)
            if action in ("done", "undone"):
                services.step_done(actor=request.user, step=step, done=action == "done")
                messages.success(
                    request,
                    _("Step marked done.") if action == "done" else _("Step marked not done."),
                )
                return redirect("transition:plan", partnership.pk)
            if form.is_valid():
                services.step_update(
                    actor=request.user,
                    sharing=sharing_for(partnership),
                    step=step,
                    data=form.cleaned_data,
                )
                messages.success(request, _("Step saved."))
                return redirect("transition:plan", partnership.pk)
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request, "transition/step.html", {"partnership": partnership, "form": form, "step": step}
    )


def _values(step) -> dict:
    return {name: getattr(step, name) for name in StepForm.Meta.fields}


def item_new(request, partnership):
    plan = _plan_or_404(partnership)
    # Opened from a child's list, the form starts on that child.
    asked = request.GET.get("child", "")
    initial = {"child": int(asked)} if asked.isdigit() and len(asked) < 10 else {}
    form = ItemForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.item_add(actor=request.user, plan=plan, **form.cleaned_data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Added to the checklist."))
            return redirect("transition:plan", partnership.pk)
    return render(request, "transition/item_new.html", {"partnership": partnership, "form": form})


def item(request, item):
    """One item of the checklist: tick it, or write a note for the other home."""
    partnership = item.plan.partnership
    sharing = sharing_for(partnership)
    may_tick = services.may_tick(sharing, request.user, item)
    form = TickForm(request.POST or None, instance=item, initial={"done": item.done_on is not None})
    if request.method == "POST":
        if not may_tick:
            raise Http404  # the other home's item: nothing of it changes from here
        if form.is_valid():
            done = form.cleaned_data["done"]
            try:
                services.item_tick(
                    actor=request.user,
                    sharing=sharing,
                    item=item,
                    done=done,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Ticked off.") if done else _("Saved."))
                return redirect(item.get_absolute_url())
    shown = next(
        (
            s
            for c in selectors.checklist_for(request.user, sharing, selectors.plan_of(partnership))
            for s in c.items
            if s.item.pk == item.pk
        ),
        None,
    )
    if shown is None:
        raise Http404
    return render(
        request,
        "transition/item.html",
        {"partnership": partnership, "shown": shown, "form": form if may_tick else None},
    )


@require_POST
def keep_in_touch(request, partnership):
    plan = _plan_or_404(partnership)
    form = KeepInTouchForm(request.POST)
    if form.is_valid():
        try:
            services.keep_in_touch_set(
                actor=request.user,
                sharing=sharing_for(partnership),
                plan=plan,
                wish=form.cleaned_data["wish"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your answer is saved. The other home sees it."))
    else:
        messages.error(request, _("Choose an answer."))
    return redirect("transition:plan", partnership.pk)
