from django.shortcuts import render

from audit.forms import AuditSearchForm
from audit.naming import named_records
from audit.selectors import audit_entries_search
from core.pagination import paginate


def search(request):
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_search(**filters)
    page, query = paginate(request, entries)
    names = named_records(page.object_list)
    rows = [(entry, names[entry.pk]) for entry in page.object_list]
    return render(
        request, "audit/search.html", {"form": form, "page": page, "query": query, "rows": rows}
    )
