"""The dashboard page, its CSV files and the grant report, against the hand-worked cohort."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assistance.models import Fund, Source
from home.testing import payment_made
from outcomes.dashboard import Filters, dashboard_for
from outcomes.tests import cohorts
from partnerships import figures

YEAR_2024 = "from=2024-01-01&to=2024-12-31"


@pytest.fixture
def cohort(coach, other_coach):
    return cohorts.build(coach=coach, other_coach=other_coach)


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_director_sees_the_program_and_how_many_families_were_left_out(
    client_for, director, cohort
):
    response = client_for(director).get(f"/outcomes/?{YEAR_2024}")
    assert response.status_code == 200
    board = response.context["board"]
    assert board.program_wide
    assert board.families_served == 2
    assert board.families_left_out == 1
    page = response.content.decode()
    assert "1 family is not counted on this page" in page


def test_a_coach_sees_their_own_caseload_whole_and_no_one_elses(client_for, coach, cohort):
    board = client_for(coach).get(f"/outcomes/?{YEAR_2024}").context["board"]
    assert not board.program_wide
    # Families one and three are Carmen's; family two is Olivia's.
    assert board.families_served == 2
    assert board.families_left_out == 0
    exits = board.table("exits-by-reason")
    reunified = next(row for row in exits.rows if row.label.startswith("Reunified"))
    # Family one's reunifications in 2024, and family three's X, who has no consent but
    # is the coach's own: A, A7, A8, B2, F, Fa, G, M, N and X.
    assert reunified.values[0] == 10


def test_the_csv_of_a_table_holds_the_numbers_of_the_page_with_small_cells_hidden(
    client_for, director, cohort
):
    client = client_for(director)
    board = client.get(f"/outcomes/?{YEAR_2024}").context["board"]
    exits = board.table("exits-by-reason")
    rows = _csv(client.get(f"/outcomes/table.csv?table=exits-by-reason&{YEAR_2024}"))
    assert rows[0] == ["Reason", "Exits", "Share"]
    by_label = {row[0]: row for row in rows[1:]}
    for row in exits.rows:
        count, written = row.values[0], by_label[row.label][1]
        if row.sums:  # home or with relatives, less the reunified, would tell the relatives
            assert written == "hidden"
        elif count == 0 or count >= 5:
            assert written == str(count)
        else:
            assert written == "fewer than 5"
    # A hidden row and the others' shares would give the total, and the hidden count, away.
    assert {row[2] for row in rows[1:]} == {"hidden"}


def test_an_export_hides_a_count_whose_share_leaves_out_a_small_remainder():
    from outcomes.presenting import csv_rows
    from partnerships.figures import Column, Kind, Row, Share, Table

    table = Table(
        key="t",
        title="T",
        columns=(Column("Children"), Column("Number"), Column("Share", Kind.SHARE)),
        rows=(
            Row(label="Entered", values=(17, None)),
            Row(label="Left to permanency", values=(15, Share(15, 17))),
        ),
    )
    # 17 and 15 would say 2 children did not leave: the 15 is hidden with its share.
    assert csv_rows(table)[1:] == [
        ["Entered", 17, ""],
        ["Left to permanency", "hidden", "hidden"],
    ]


def test_an_export_hides_the_median_days_of_fewer_than_five_children():
    from outcomes.presenting import csv_rows
    from partnerships.figures import Column, Kind, Row, Table

    table = Table(
        key="t",
        title="T",
        columns=(Column("Reunified"), Column("Number"), Column("Median days", Kind.DAYS)),
        rows=(Row(label="Children", values=(1, 412)),),
    )
    assert csv_rows(table)[1] == ["Children", "fewer than 5", "hidden"]


def test_an_export_with_a_wrong_filter_is_sent_back_to_the_dashboard_to_say_so(
    client_for, director, cohort
):
    client = client_for(director)
    for url in (
        "/outcomes/table.csv?table=exits-by-reason&fund=999999",
        "/outcomes/report/?county=Nowhere",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/outcomes/?")
    page = client.get("/outcomes/?fund=999999").content.decode()
    assert "Select a valid choice" in page


def test_the_default_period_on_29_february_begins_on_1_march():
    from outcomes.forms import default_period

    assert default_period(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    assert default_period(date(2026, 12, 6)) == (date(2025, 12, 7), date(2026, 12, 6))


def test_a_partnership_with_two_forms_in_its_county_is_one_partnership(director, coach, cohort):
    from django.utils import timezone

    from intake.models import Kind as FormKind
    from intake.models import Submission
    from outcomes.measures import partnerships_by_stage

    before = partnerships_by_stage(director, county="Travis").total
    Submission.objects.create(
        kind=FormKind.BIRTH_PARENT,
        first_name="Again",
        county="Travis",
        due_at=timezone.now(),
        sender="second-form",
        partnership=cohort["one"],
    )
    assert partnerships_by_stage(director, county="Travis").total == before


def test_a_coach_has_no_csv_files_their_caseload_is_not_for_export(client_for, coach, cohort):
    client = client_for(coach)
    assert client.get("/outcomes/table.csv?table=exits-by-reason").status_code == 404
    assert "table.csv" not in client.get("/outcomes/").content.decode()


def test_a_table_that_is_not_on_the_dashboard_is_not_found(client_for, director, cohort):
    assert client_for(director).get("/outcomes/table.csv?table=no-such-table").status_code == 404


def test_a_period_that_ends_before_it_begins_is_refused_in_words_and_the_defaults_shown(
    client_for, director, cohort
):
    response = client_for(director).get("/outcomes/?from=2024-12-31&to=2024-01-01")
    assert response.status_code == 200
    assert "Choose a day on or after the first day." in response.content.decode()


def test_the_dashboard_runs_a_fixed_number_of_queries_however_many_families(
    director, coach, other_coach
):
    filters = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31))
    cohorts.build(coach=coach, other_coach=other_coach)
    dashboard_for(director, filters)  # the director's roles, read once and kept
    with CaptureQueriesContext(connection) as small:
        dashboard_for(director, filters)
    for _ in range(3):
        cohorts.build(coach=coach, other_coach=other_coach)
    with CaptureQueriesContext(connection) as large:
        dashboard_for(director, filters)
    assert len(small) == len(large)
    # One query per measure (five: the two CFSR rates share one), at most two per
    # capability's figure.
    assert len(large) <= 5 + 2 * len(figures.registered())


def test_the_grant_report_for_a_fund_counts_the_families_it_paid_for_and_hides_small_cells(
    client_for, director, finance, cohort
):
    fund = Fund.objects.create(name="Hope Fund", source=Source.GRANT, budget=Decimal("5000"))
    payment_made(
        cohort["two"],
        fund,
        need="rent",
        amount="700",
        paid_on=date(2024, 6, 1),
        requested_by=director,
        paid_by=finance,
    )
    response = client_for(finance).get(f"/outcomes/report/?{YEAR_2024}&fund={fund.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hope Fund" in page
    assert response.context["families_shown"] == "fewer than 5"
    board = response.context["board"]
    # Family two alone: Y, reunified in June 2024.
    assert board.families_served == 1
    exits = board.table("exits-by-reason")
    assert exits.rows[0].values[0] == 1
    # One child is a small cell: printed for the funder as "fewer than 5".
    shown_exits = next(t for t in response.context["tables"] if t.key == "exits-by-reason")
    assert shown_exits.rows[0].cells[0].text == "fewer than 5"
    assert shown_exits.rows[0].link == ""


def _pango_here() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


@pytest.mark.skipif(_pango_here(), reason="this machine has Pango: the PDF is drawn")
def test_without_pango_the_pdf_link_says_to_print_the_page_instead(client_for, director, cohort):
    response = client_for(director).get(f"/outcomes/report.pdf?{YEAR_2024}")
    assert response.status_code == 503
    assert "This server cannot make PDF files." in response.content.decode()


@pytest.mark.skipif(not _pango_here(), reason="WeasyPrint needs Pango, missing here")
def test_the_grant_report_downloads_as_a_pdf(client_for, director, cohort):
    response = client_for(director).get(f"/outcomes/report.pdf?{YEAR_2024}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Outcomes report" in text
    assert "Permanency within 12 months of entering care" in text


def test_a_coach_has_no_grant_report_and_no_fund_filter(client_for, coach, cohort):
    client = client_for(coach)
    assert client.get("/outcomes/report/").status_code == 404
    form = client.get("/outcomes/").context["form"]
    assert "fund" not in form.fields and "coach" not in form.fields


def test_the_exits_behind_a_figure_list_the_children_counted_and_no_others(
    client_for, director, cohort
):
    response = client_for(director).get(f"/outcomes/exits/?{YEAR_2024}&kind=reunified")
    names = {event.child.first_name for event in response.context["events"]}
    board = client_for(director).get(f"/outcomes/?{YEAR_2024}").context["board"]
    reunified = board.table("exits-by-reason").rows[0].values[0]
    assert len(names) == reunified
    assert "X" not in names  # family three did not consent
