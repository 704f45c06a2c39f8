from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, rows, per_page: int = PAGE_SIZE):
    """One page of rows and the query string to build the other pages' links."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return page, query_of_pages(request)


def query_of_pages(request) -> str:
    """The query string to build the other pages' links: this page's, without its number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
