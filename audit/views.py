from django.core.paginator import Paginator
from django.shortcuts import render

from audit.forms import AuditSearchForm
from audit.selectors import audit_entries_search

PAGE_SIZE = 50


def search(request):
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_search(**filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
