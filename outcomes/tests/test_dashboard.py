"""The dashboard page, its CSV files and the grant report, against the hand-worked cohort."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
        count = row.values[0]
        written = by_label[row.label][1]
        assert written == (str(count) if count == 0 or count >= 5 else "fewer than 5")


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
    # One query per measure (six), and at most two per capability's figure.
    assert len(large) <= 6 + 2 * len(figures.registered())
