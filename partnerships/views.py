from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import add_errors
from core.once import once_for
from core.pagination import paginate
from core.roles import is_casework
from families.selectors import partner_homes_visible_to
from notices.badges import kept_part
from partnerships import sections, selectors, services
from partnerships.forms import CoverageForm, PartnershipForm, ReferralForm, StageChangeForm
from partnerships.models import Coverage, Partnership, Stage


def partnership_list(request):
    stage = request.GET.get("stage", "")
    if stage not in Stage.values:
        stage = ""
    page, query = paginate(request, selectors.partnership_list(request.user, stage=stage))
    counts = selectors.stage_counts(selectors.partnerships_visible_to(request.user))
    # A stage filter clicked with htmx swaps only the filters and rows.
    template = "partnerships/list_results.html" if request.htmx else "partnerships/list.html"
    return render(
        request, template, {"page": page, "query": query, "stage": stage, "counts": counts}
    )


def partnership_new(request):
    form = ReferralForm(request.POST or None, initial={"coach": request.user})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership, _made = once_for(
                form,
                user=request.user,
                model=Partnership,
                make=lambda: services.partnership_refer(
                    actor=request.user,
                    coach=data["coach"],
                    family_name=data["family_name"],
                    referred_on=data["referred_on"],
                    parent_data={
                        key: data[key]
                        for key in ("first_name", "last_name", "language", "phone", "email")
                    },
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Referral recorded. Add the children next."))
            if partnership is None:
                return redirect("partnerships:list")
            return redirect(partnership.get_absolute_url())
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New referral"), "back": reverse("partnerships:list")},
    )


def _detail_page(request, partnership, *, is_staff, stage_form=None, status=200):
    """The partnership page composed of its registered sections, for a first look (kept
    for the reader a minute, decision 0048) or shown again with a refused stage change."""
    today = timezone.localdate()

    def context() -> dict:
        selectors.partnership_page_people(partnership)
        found = sections.compose(request, partnership, is_staff=is_staff)
        found |= {"partnership": partnership, "is_staff_view": is_staff, "today": today}
        if is_staff:
            found["stage_form"] = stage_form or StageChangeForm()
        return found

    if stage_form is None:
        parts = ("partnership", str(partnership.pk), today.isoformat())
        page = kept_part(request, *parts, template="partnerships/_detail.html", context=context)
    else:  # what the person typed, and why it was refused: never kept
        page = render_to_string("partnerships/_detail.html", context(), request)
    title = partnership.birth_family.name if is_staff else ""
    return render(
        request, "partnerships/detail.html", {"page": page, "title": title}, status=status
    )


def partnership_detail(request, partnership):
    return _detail_page(request, partnership, is_staff=is_casework(request.user))


def partnership_edit(request, partnership):
    form = PartnershipForm(
        request.POST or None, instance=partnership, homes=partner_homes_visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                actor=request.user, partnership=partnership, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Partnership saved."))
            return redirect(partnership.get_absolute_url())
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit partnership"), "back": partnership.get_absolute_url()},
    )


def stage_change(request, partnership):
    if request.method != "POST":
        return redirect(partnership.get_absolute_url())
    form = StageChangeForm(request.POST)
    if form.is_valid():
        try:
            services.partnership_stage_change(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Stage changed to %(stage)s.") % {"stage": partnership.get_stage_display()},
            )
            return redirect(partnership.get_absolute_url())
    return _detail_page(request, partnership, is_staff=True, stage_form=form, status=400)


def coverage(request):
    form = CoverageForm(request.POST or None, initial={"coach": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.coverage_create(actor=request.user, **form.cleaned_data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Coverage saved."))
            return redirect("partnerships:coverage")
    upcoming = Coverage.objects.filter(ends_on__gte=timezone.localdate()).select_related(
        "coach__person", "covering_coach__person"
    )
    return render(request, "partnerships/coverage.html", {"form": form, "coverages": upcoming})
