from django.shortcuts import render

from audit.forms import AuditSearchForm
from audit.naming import named_records
from audit.selectors import audit_entries_search
from audit.unusual import REFUSALS_A_DAY, UNASSIGNED_FAMILIES_A_DAY, unusual_access_kept
from core.pagination import paginate


def search(request):
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_search(**filters)
    page, query = paginate(request, entries)
    names = named_records(page.object_list)
    rows = [(entry, names[entry.pk]) for entry in page.object_list]
    context = {
        "form": form,
        "page": page,
        "query": query,
        "rows": rows,
        # Counted over the last day from thousands of entries, by the worker's sweep.
        "unusual": unusual_access_kept(),
        "refusals_a_day": REFUSALS_A_DAY,
        "families_a_day": UNASSIGNED_FAMILIES_A_DAY,
    }
    return render(request, "audit/search.html", context)
