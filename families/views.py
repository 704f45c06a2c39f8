"""Case records for coaches and directors. Every page here views or changes a sensitive
record: its access rule loads the record and audits the reading, the services audit the
changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.services import roles_grantable_by
from core.forms import add_errors
from core.once import once_for
from core.pagination import paginate
from core.urls_safety import safe_next
from families import selectors, services
from families.forms import (
    BirthFamilyForm,
    ChildForm,
    InviteNewForm,
    InvitePersonForm,
    PartnerHomeForm,
    PermanencyEventForm,
    PersonForm,
    PlacementForm,
)
from families.models import PartnerHome


def _save(request, form, change, success, redirect_to, template, context):
    """The shape every form page shares: validate, call one service, confirm, redirect."""
    if request.method == "POST" and form.is_valid():
        try:
            # A form with a one-time key (core.once) sent twice changes things once.
            once_for(form, user=request.user, make=lambda: change(dict(form.cleaned_data)))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(redirect_to)
    return render(request, template, {"form": form, **context})


def family_list(request):
    page, query = paginate(request, selectors.birth_family_list(request.user))
    is_director = request.user.has_role(Role.DIRECTOR)
    context = {"page": page, "query": query, "is_director": is_director}
    return render(request, "families/family_list.html", context)


def family_detail(request, family):
    is_director = request.user.has_role(Role.DIRECTOR)
    context = {"family": family, "is_director": is_director}
    return render(request, "families/family_detail.html", context)


def family_edit(request, family):
    form = BirthFamilyForm(request.POST or None, instance=family)
    return _save(
        request,
        form,
        lambda data: services.birth_family_update(actor=request.user, family=family, data=data),
        _("Family saved."),
        family.get_absolute_url(),
        "core/form_page.html",
        {"title": _("Edit family"), "back": family.get_absolute_url()},
    )


def family_parent_add(request, family):
    form = PersonForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data: services.birth_family_parent_add(
            actor=request.user, family=family, person_data=data
        ),
        _("Parent added."),
        family.get_absolute_url(),
        "core/form_page.html",
        {
            "title": _("Add a parent to %(family)s") % {"family": family},
            "back": family.get_absolute_url(),
        },
    )


def child_add(request, family):
    form = ChildForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data: services.child_create(actor=request.user, family=family, data=data),
        _("Child added."),
        family.get_absolute_url(),
        "core/form_page.html",
        {
            "title": _("Add a child to %(family)s") % {"family": family},
            "back": family.get_absolute_url(),
        },
    )


def home_list(request):
    page, query = paginate(request, selectors.partner_home_list(request.user))
    return render(request, "families/home_list.html", {"page": page, "query": query})


def home_new(request):
    form = PartnerHomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        home, _made = once_for(
            form,
            user=request.user,
            model=PartnerHome,
            make=lambda: services.partner_home_create(actor=request.user, data=form.cleaned_data),
        )
        messages.success(request, _("Partner home added. Now add its parents."))
        return redirect(home.get_absolute_url() if home else reverse("families:home_list"))
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New partner home"), "back": reverse("families:home_list")},
    )


def home_detail(request, home):
    # Only a coach who can see every partnership of the home may open accounts for it.
    can_invite = selectors.people_invitable_by(request.user).filter(partner_homes=home).exists()
    return render(request, "families/home_detail.html", {"home": home, "can_invite": can_invite})


def home_edit(request, home):
    form = PartnerHomeForm(request.POST or None, instance=home)
    return _save(
        request,
        form,
        lambda data: services.partner_home_update(actor=request.user, home=home, data=data),
        _("Partner home saved."),
        home.get_absolute_url(),
        "core/form_page.html",
        {"title": _("Edit partner home"), "back": home.get_absolute_url()},
    )


def home_parent_add(request, home):
    form = PersonForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data: services.partner_home_parent_add(
            actor=request.user, home=home, person_data=data
        ),
        _("Partner parent added."),
        home.get_absolute_url(),
        "core/form_page.html",
        {"title": _("Add a parent to %(home)s") % {"home": home}, "back": home.get_absolute_url()},
    )


def person_edit(request, person):
    form = PersonForm(request.POST or None, instance=person)
    back = selectors.person_back_url(person)
    return _save(
        request,
        form,
        lambda data: services.person_update(actor=request.user, person=person, data=data),
        _("Saved."),
        back,
        "core/form_page.html",
        {"person": person, "title": _("Edit %(name)s") % {"name": person}, "back": back},
    )


def child_detail(request, child):
    return render(request, "families/child_detail.html", {"child": child})


def child_edit(request, child):
    form = ChildForm(request.POST or None, instance=child)
    return _save(
        request,
        form,
        lambda data: services.child_update(actor=request.user, child=child, data=data),
        _("Saved."),
        child.get_absolute_url(),
        "core/form_page.html",
        {"title": _("Edit %(name)s") % {"name": child.full_name}, "back": child.get_absolute_url()},
    )


def placement_add(request, child):
    form = PlacementForm(
        request.POST or None, homes=selectors.partner_homes_visible_to(request.user)
    )
    return _save(
        request,
        form,
        lambda data: services.placement_create(actor=request.user, child=child, **data),
        _("Placement recorded."),
        child.get_absolute_url(),
        "core/form_page.html",
        {
            "title": _("Record a move for %(name)s") % {"name": child.full_name},
            "back": child.get_absolute_url(),
        },
    )


def permanency_add(request, child):
    form = PermanencyEventForm(request.POST or None)
    return _save(
        request,
        form,
        lambda data: services.permanency_event_record(actor=request.user, child=child, **data),
        _("Event recorded."),
        child.get_absolute_url(),
        "core/form_page.html",
        {
            "title": _("Record a permanency event for %(name)s") % {"name": child.full_name},
            "back": child.get_absolute_url(),
        },
    )


def invite_person(request, person):
    # A parent's role follows from their family or home; nobody picks another for them.
    role = selectors.role_for_person(person)
    grantable = roles_grantable_by(request.user) & {role}
    initial = {"email": person.email, "role": role}
    form = InvitePersonForm(request.POST or None, initial=initial, grantable=grantable)
    back = safe_next(request, fallback="home:home")
    if request.method == "POST" and form.is_valid():
        try:
            services.user_invite(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(back)
    return render(
        request, "families/invite_person.html", {"form": form, "person": person, "next": back}
    )


def invite_new(request):
    grantable = roles_grantable_by(request.user)
    form = InviteNewForm(request.POST or None, grantable=grantable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        role = data.pop("role")
        try:
            services.person_invite_new(actor=request.user, person_data=data, role=role)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
            return redirect("accounts:invite_new")
    return render(request, "families/invite_new.html", {"form": form})
