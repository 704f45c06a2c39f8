from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, rows, per_page: int = PAGE_SIZE):
    """One page of rows and the query string to build the other pages' links."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
