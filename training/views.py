from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.services import audit_list_read
from core.forms import add_errors
from core.once import once_for
from core.roles import is_casework
from training import selectors, services
from training.forms import AssignForm, FinishForm, ModuleForm, PageForm
from training.models import Module, Page


def index(request):
    """The person's modules with what they finished; the team also sees every module."""
    team = is_casework(request.user)
    return render(
        request,
        "training/index.html",
        {
            "mine": selectors.modules_for(request.user),
            "all_modules": Module.objects.all() if team else None,
            "team": team,
        },
    )


def module_detail(request, module):
    """One page at a time (phones, slow connections); the last page ends the module."""
    team = is_casework(request.user)
    page = Paginator(list(module.pages.all()), 1).get_page(request.GET.get("page"))
    completion = selectors.completion_of(request.user, module)
    module.completed_on = completion.completed_on if completion else None
    assigned = any(m.pk == module.pk for m in selectors.modules_for(request.user))
    form = FinishForm(request.POST or None)
    if request.method == "POST" and assigned and form.is_valid():
        try:
            services.completion_record(user=request.user, module=module, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Module finished. Your certificate is ready to print."))
            return redirect("training:certificate", module.pk)
    if team:
        # The team's page shows the parents' reflections and who may be assigned: the
        # module is the program's own, but that list is a reading of family data.
        audit_list_read(user=request.user, model="families.person")
    return render(
        request,
        "training/module.html",
        {
            "module": module,
            "page": page,
            "completion": completion,
            "assigned": assigned,
            "form": form,
            "reflections": selectors.reflections_on(request.user, module) if team else [],
            "assign_form": AssignForm(people=selectors.assignable_people(request.user))
            if team
            else None,
        },
    )


def assign(request, module):
    """A coach gives one parent a module beyond their role's."""
    if request.method == "POST":
        form = AssignForm(request.POST, people=selectors.assignable_people(request.user))
        if form.is_valid():
            person = form.people[form.cleaned_data["person"]]
            services.assignment_create(actor=request.user, module=module, user=person.user)
            messages.success(
                request, _("%(name)s now has this module.") % {"name": person.full_name}
            )
        else:
            messages.error(request, _("Choose a parent from the list."))
    return redirect(module)


def certificate(request, completion):
    return render(request, "training/certificate.html", {"completion": completion})


def behind(request):
    return render(request, "training/behind.html", {"rows": selectors.behind(request.user)})


def module_new(request):
    return module_edit(request, None)


def module_edit(request, module):
    """The director writes and arranges the program's modules."""
    instance = module or Module()
    form = ModuleForm(
        request.POST or None,
        instance=module,
        initial={"roles": list(module.roles.all())} if module else None,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "roles"}
        saved, _made = once_for(
            form,
            user=request.user,
            model=Module,
            make=lambda: services.module_save(
                actor=request.user, module=instance, data=data, roles=form.cleaned_data["roles"]
            ),
        )
        messages.success(request, _("Module saved."))
        if saved is None:
            return redirect("training:index")
        return redirect("training:module_edit", saved.pk)
    return render(
        request,
        "training/module_edit.html",
        {"form": form, "module": module},
    )


def page_new(request, module):
    return _page_form(request, Page(module=module, order=module.pages.count() + 1), new=True)


def page_edit(request, page):
    return _page_form(request, page, new=False)


def _page_form(request, page: Page, *, new: bool):
    form = PageForm(request.POST or None, instance=None if new else page)
    if new and not form.is_bound:
        form.initial["order"] = page.order
    if request.method == "POST" and form.is_valid():
        once_for(
            form,
            user=request.user,
            make=lambda: services.page_save(actor=request.user, page=page, data=form.cleaned_data),
        )
        messages.success(request, _("Page saved."))
        return redirect("training:module_edit", page.module_id)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": page.title or _("New page"),
            "back": reverse("training:module_edit", args=[page.module_id]),
        },
    )
