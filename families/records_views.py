"""The director's pages for a family's records: what the program holds, the export, the
pages where each part is corrected, and closing the records after the retention period
(decision 0019). The work is in families.export and families.retention."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import add_errors
from families.export import family_export, family_sections
from families.forms import RecordsCloseForm
from families.retention import (
    closure_holds,
    families_due,
    family_records_close,
    retention_ends_on,
)


def records_due(request):
    context = {"families": families_due(), "retention_years": settings.RETENTION_YEARS}
    return render(request, "families/records_due.html", context)


def records(request, family):
    context = {
        "family": family,
        "sections": family_sections(family),
        "holds": closure_holds(family),
        "ends_on": retention_ends_on(family),
    }
    return render(request, "families/records.html", context)


def records_download(request, family):
    # A download is a POST: a link prefetched or opened twice writes no extra copy.
    if request.method != "POST":
        return redirect("families:records", family.pk)
    archive = family_export(actor=request.user, family=family)
    return FileResponse(archive, as_attachment=True, filename=f"family-{family.pk}-records.zip")


def records_close(request, family):
    holds = closure_holds(family)
    form = RecordsCloseForm(request.POST or None, family=family)
    if request.method == "POST" and not holds and form.is_valid():
        try:
            family_records_close(
                actor=request.user, family=family, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The family's records are closed."))
            return redirect(reverse("families:records_due"))
    return render(
        request, "families/records_close.html", {"family": family, "form": form, "holds": holds}
    )
