from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import spreadsheet
from outcomes import selectors
from outcomes.cells import suppressed
from outcomes.dashboard import counties_for, dashboard_for, program_wide_for, within
from outcomes.forms import FiltersForm
from outcomes.pdf import report_pdf_bytes
from outcomes.presenting import csv_rows, shown

#: The dashboard's pages only read, for seconds on a large program: outside the request's
#: transaction, so that on SQLite they do not hold the database's one write lock while
#: they count, and no one else's save waits for them (bench/RESULTS.md, decision 0029).
reads_only = transaction.non_atomic_requests


def _asked(request):
    """The filters form and the dashboard it asks for."""
    form = _filters_form(request)
    return form, dashboard_for(request.user, form.filters())


def _filters_form(request) -> FiltersForm:
    program_wide = program_wide_for(request.user)
    return FiltersForm(request.GET, counties=counties_for(request.user), program_wide=program_wide)


@reads_only
def dashboard(request):
    form, board = _asked(request)
    tables = [shown(table) for table in board.tables]
    return render(
        request,
        "outcomes/dashboard.html",
        {"form": form, "board": board, "tables": tables, "query": board.filters.query()},
    )


def _asked_again(request):
    """The filters of an export, sent back to the dashboard when one is wrong: a file or
    a report for the defaults, under a name that promised a fund or a county, would be
    worse than the dashboard saying what is wrong. The figures are computed only once the
    filters are right."""
    form = _filters_form(request)
    if form.errors:
        return form, None, redirect(f"{reverse('outcomes:dashboard')}?{request.GET.urlencode()}")
    return form, dashboard_for(request.user, form.filters()), None


@reads_only
def table_csv(request):
    """One table of the dashboard as a CSV file, the small cells hidden: what leaves the
    program is what may be given to a funder (outcomes/cells.py)."""
    _form, board, wrong = _asked_again(request)
    if wrong:
        return wrong
    key = request.GET.get("table", "")
    if not key:
        return redirect(f"{reverse('outcomes:dashboard')}?{board.filters.query()}")
    table = board.table(key)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    period = f"{board.filters.start.isoformat()}-{board.filters.end.isoformat()}"
    response["Content-Disposition"] = f'attachment; filename="village-{key}-{period}.csv"'
    # A byte-order mark, so that accents survive a spreadsheet's opening of the file.
    response.write("\ufeff")
    spreadsheet.writer(response).writerows(csv_rows(table))
    return response


def _report_context(request, form, board):
    tables = [shown(table, suppress=True) for table in board.tables]
    exits = next(table for table in tables if table.key == "exits-by-reason")
    return {
        "form": form,
        "board": board,
        "tables": tables,
        # The last row of the exits is the program's question: home or with relatives.
        "home_share": exits.rows[-1].cells[1].text,
        "families_shown": suppressed(board.families_served),
        "query": board.filters.query(),
        "made_on": timezone.localdate(),
        "narrowed": _narrowed_labels(form, board.filters),
    }


def _narrowed_labels(form, filters) -> list[tuple[str, str]]:
    """What the report is narrowed to, in words: ("Fund", "Hope Fund"), from the choices
    the form already read."""
    return [
        (form.fields[name].label, dict(form.fields[name].choices).get(value, ""))
        for name, value in filters.narrowed
    ]


@reads_only
def report(request):
    form, board, wrong = _asked_again(request)
    return wrong or render(request, "outcomes/report.html", _report_context(request, form, board))


@reads_only
def report_pdf(request):
    form, board, wrong = _asked_again(request)
    if wrong:
        return wrong
    context = _report_context(request, form, board)
    pdf = report_pdf_bytes(request, context)
    if pdf is None:
        return render(request, "outcomes/report.html", context | {"no_pdf": True}, status=503)
    filters = context["board"].filters
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"village-report-{filters.start.isoformat()}-{filters.end.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@reads_only
def behind(request):
    """The exits behind a row of the dashboard, each linked to its child's record."""
    form, board = _asked(request)
    kind = request.GET.get("kind", "")
    filters = board.filters
    events = selectors.exits_behind(
        request.user,
        kind=kind,
        start=filters.start,
        end=filters.end,
        county=filters.county,
        coach=filters.coach,
        within=within(filters),
    )
    table = board.table("exits-by-reason")
    label = next((row.label for row in table.rows if row.link.endswith(f"kind={kind}")), _("Exits"))
    return render(
        request,
        "outcomes/behind.html",
        {"events": events[:500], "label": label, "board": board, "query": filters.query()},
    )
