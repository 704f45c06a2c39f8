from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import selectors, services
from agreements.forms import ConsentForm, HomeTermsForm, RestrictionEndForm, RestrictionForm
from agreements.models import Purpose, Side
from core.forms import add_errors
from core.once import once_for
from families.models import Person


def _page(request, partnership, sharing, status=200, **forms):
    side = sharing.side_of_user(request.user)
    me = sharing.person_of_user(request.user)
    context = {
        "partnership": partnership,
        "sharing": sharing,
        "side": side,
        "is_staff_view": side is None,
        "terms": _terms_rows(sharing, side),
        "consents": [
            (value, label, sharing.consented(me, value)) for value, label in Purpose.choices
        ]
        if me
        else [],
        "needs_acknowledgment": sharing.needs_acknowledgment_from(request.user),
        "history": selectors.agreement_history(partnership) if side is None else [],
        "end_form": forms.get("end_form") or RestrictionEndForm(partnership=partnership),
        "today": timezone.localdate(),
    }
    return render(request, "agreements/agreement.html", context, status=status)


def _terms_rows(sharing, side):
    """Each home's terms, headed for the reader: 'Your home' and 'The other home' for a
    parent, the homes' names for staff."""
    version = sharing.current
    if version is None:
        return []
    rows = []
    for terms in version.terms.all():
        if side is None:
            heading = (
                sharing.partnership.birth_family.name
                if terms.side == Side.BIRTH
                else sharing.partnership.partner_home.name
            )
        else:
            heading = (
                _("What your home shares")
                if terms.side == side
                else _("What the other home shares")
            )
        rows.append((heading, terms))
    return rows


def agreement(request, partnership):
    sharing = selectors.sharing_for(partnership)
    return _page(request, partnership, sharing)


def agreement_draft(request, partnership):
    sharing = selectors.sharing_for(partnership)
    current = {t.side: t for t in sharing.current.terms.all()} if sharing.current else {}
    forms = [
        HomeTermsForm(
            request.POST or None, side=side, instance=None, initial=_initial(current.get(side))
        )
        for side in Side.values
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            version = services.agreement_draft(
                actor=request.user,
                partnership=partnership,
                terms={form.prefix: form.cleaned_data for form in forms},
            )
        except ValidationError as error:
            add_errors(forms[0], error)
        else:
            messages.success(
                request,
                _("Version %(number)s saved. Each parent will be asked to acknowledge it.")
                % {"number": version.number},
            )
            return redirect("agreements:agreement", partnership.pk)
    homes = {Side.BIRTH: partnership.birth_family.name}
    if partnership.partner_home_id:
        homes[Side.PARTNER] = partnership.partner_home.name
    return render(
        request,
        "agreements/draft.html",
        {
            "partnership": partnership,
            "forms": [(homes.get(form.prefix, ""), form) for form in forms],
        },
    )


def _initial(terms) -> dict:
    if terms is None:
        return {}
    return {name: getattr(terms, name) for name in HomeTermsForm._meta.fields}


def agreement_acknowledge(request, partnership):
    sharing = selectors.sharing_for(partnership)
    if request.method == "POST" and sharing.current and sharing.side_of_user(request.user):
        try:
            services.agreement_acknowledge(actor=request.user, version=sharing.current)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Thank you. Your acknowledgment is recorded."))
    return redirect("agreements:agreement", partnership.pk)


def consent(request, partnership):
    sharing = selectors.sharing_for(partnership)
    me = sharing.person_of_user(request.user)
    if me is None:
        raise Http404
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_set(
            actor=request.user, partnership=partnership, person=me, **form.cleaned_data
        )
        if form.cleaned_data["given"]:
            messages.success(request, _("Your consent is recorded."))
        else:
            messages.success(request, _("Your consent is taken back, from this moment."))
    return redirect("agreements:agreement", partnership.pk)


def restriction_add(request, partnership):
    sharing = selectors.sharing_for(partnership)
    people = Person.objects.filter(
        pk__in=[p.pk for side in Side.values for p in sharing.parents(side)]
    )
    form = RestrictionForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            once_for(
                form,
                user=request.user,
                make=lambda: services.restriction_add(
                    actor=request.user, partnership=partnership, **form.cleaned_data
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Court order recorded. It applies from its start date."))
            return redirect("agreements:agreement", partnership.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Record a court order"),
            "back": reverse("agreements:agreement", args=[partnership.pk]),
        },
    )


def restriction_end(request, partnership):
    sharing = selectors.sharing_for(partnership)
    if request.method != "POST":
        return redirect("agreements:agreement", partnership.pk)
    form = RestrictionEndForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            services.restriction_end(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The order's end date is recorded."))
            return redirect("agreements:agreement", partnership.pk)
    return _page(request, partnership, sharing, status=400, end_form=form)
