from django.core.cache import cache
from django.shortcuts import render

from audit.forms import AuditSearchForm
from audit.naming import named_records
from audit.selectors import audit_entries_search
from audit.unusual import REFUSALS_A_DAY, UNASSIGNED_FAMILIES_A_DAY, unusual_access
from core.pagination import paginate

UNUSUAL_SECONDS = 60


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
        # Counted over the last day from thousands of entries: kept a minute, as the
        # director's other figures are (decision 0046).
        "unusual": cache.get_or_set("audit:unusual_access", unusual_access, UNUSUAL_SECONDS),
        "refusals_a_day": REFUSALS_A_DAY,
        "families_a_day": UNASSIGNED_FAMILIES_A_DAY,
    }
    return render(request, "audit/search.html", context)
