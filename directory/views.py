import hashlib
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import add_errors
from core.once import once_for
from core.pagination import query_of_pages
from core.roles import is_casework
from core.uploads import accepts_upload
from directory import hours, selectors, services
from directory.forms import ImportForm, OrganizationForm, SearchForm, ServiceForm
from directory.hsds import exporter, importer, reading
from directory.models import Attribute, Service
from directory.needs import TAXONOMY_ID
from directory.search import search_page
from directory.sections import service_page_context
from notices.badges import kept_part

PER_PAGE = 20


def search(request):
    """The directory, for anyone: families not enrolled included. Nothing personal is
    shown; signed-in staff and parents also get a way to refer. The form as asked and
    its results are the same for everyone who asks the same: kept once for all a minute,
    and written afresh when the directory changes (decision 0048)."""

    def results() -> dict:
        form = SearchForm(request.GET or None)
        criteria = form.criteria()
        now = timezone.now()
        number = request.GET.get("page")
        page = search_page(criteria, now=now, number=number, per_page=PER_PAGE)
        selectors.cards_of(page.object_list, now=now)
        return {
            "form": form,
            "page": page,
            "query": query_of_pages(request),
            "criteria": criteria,
            "searched": form.is_bound,
            "more_chosen": bool(form.errors)
            or any(request.GET.get(name) for name in ("near", "language", "open", "free")),
        }

    asked = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    found = kept_part(
        request,
        "directory",
        asked,
        template="directory/_results.html",
        context=results,
        shared=services.DIRECTORY,
        everyone=True,
    )
    context = {"results": found, "team": is_casework(request.user)}
    return render(request, "directory/search.html", context)


def service(request, listing):
    """A listing's page, with the sections other apps add to it (the refer form for those
    who may refer)."""
    return render(request, "directory/service.html", service_page_context(request, listing))


@accepts_upload(reading.MAX_BYTES)
def manage(request):
    """Import and export, and the listings that most need a call to check them."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.directory_import(
                actor=request.user, name=upload.name, data=upload.read()
            )
        except importer.ImportRefused as refused:
            report = refused.report
        else:
            messages.success(request, _("The file was imported."))
        request.session[REPORT_KEY] = {
            "file": upload.name[:200],
            "text": report.as_text()[:REPORT_MAX_CHARS],
        }
    return render(
        request,
        "directory/manage.html",
        {
            "form": form,
            "report": report,
            "to_verify": selectors.to_verify(),
            "undescribed": selectors.organizations_undescribed(),
            "report_kept": REPORT_KEY in request.session,
        },
    )


#: The last import's report, as plain text, in the importer's session: one report, the
#: latest, bounded, so the session stays small, and gone when the person signs out
#: (docs/decisions/0011). Errors and notes are at most 200 lines each (reading.Report).
REPORT_KEY = "directory_import_report"
REPORT_MAX_CHARS = 100_000


def import_report(request):
    """The last import's report as a text file, to keep or send to the publisher."""
    kept = request.session.get(REPORT_KEY)
    if not kept:
        messages.info(request, _("Import a file first: its report can then be downloaded."))
        return redirect("directory:manage")
    response = HttpResponse(kept["text"], content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hsds-import-report.txt"'
    return response


def export_package(request):
    response = HttpResponse(exporter.export_package(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="directory-hsds.zip"'
    return response


def export_json(request):
    response = HttpResponse(
        json.dumps(exporter.export_json(), ensure_ascii=False, indent=1),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="directory-hsds.json"'
    return response


def verify(request, listing):
    if request.method == "POST":
        try:
            services.service_verify(actor=request.user, service=listing)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Marked as checked today."))
    if request.POST.get("next") == "manage":
        return redirect("directory:manage")
    return redirect(listing)


def service_edit(request, listing=None):
    form = ServiceForm(request.POST or None, initial=_initial(listing) if listing else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved, _made = once_for(
                form,
                user=request.user,
                model=Service,
                make=lambda: services.service_save(
                    actor=request.user, service=listing, data=form.cleaned_data
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Listing saved."))
            return redirect(saved or "directory:manage")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Change the listing") if listing else _("Add a listing"),
            "back": listing.get_absolute_url() if listing else reverse("directory:manage"),
        },
    )


def organization_edit(request, organization):
    """The organization's own details, shared by all its listings."""
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        services.organization_save(actor=request.user, form=form)
        messages.success(request, _("Organization saved."))
        return redirect("directory:search")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Change the organization"), "back": reverse("directory:manage")},
    )


def _initial(service) -> dict:
    location, address = service.places[0] if service.places else (None, None)
    phone = next(iter(service.phones.all()), None)
    schedule = next((s for s in service.schedules.all() if hours.is_plain_weekly(s)), None)
    return {
        "organization": service.organization_id,
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "needs": list(
            Attribute.objects.filter(
                link_entity="service", link_id=service.pk, taxonomy_term__taxonomy_id=TAXONOMY_ID
            ).values_list("taxonomy_term__code", flat=True)
        ),
        "languages": [language.code for language in service.languages.all()],
        "eligibility_description": service.eligibility_description,
        "application_process": service.application_process,
        "fees_description": service.fees_description,
        "url": service.url,
        "email": service.email,
        "phone": phone.number if phone else "",
        "address_1": address.address_1 if address else "",
        "city": address.city if address else "",
        "state_province": address.state_province if address else "",
        "postal_code": address.postal_code if address else "",
        "days": schedule.byday.split(",") if schedule and schedule.byday else [],
        "opens_at": schedule.opens_at if schedule else None,
        "closes_at": schedule.closes_at if schedule else None,
    }
