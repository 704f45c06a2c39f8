"""The director, on a phone, filters the dashboard to a year and a county, downloads the
exits as a CSV whose numbers are the page's, and sees that a family who did not agree to
the anonymous figures is not counted."""

import csv

import pytest
from playwright.sync_api import expect

from accounts.models import User
from core.tests.browser_fixtures import assert_sound
from families.models import PermanencyKind
from outcomes.tests import cohorts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

K = PermanencyKind
HOME_IN_2024 = [(K.ENTERED_CARE, "2024-01-15"), (K.REUNIFIED, "2024-08-01")]


def _hays_families():
    """Six children home from a consenting family, three from one that did not answer."""
    coach = User.objects.get(email="coach@example.org")
    agreed = cohorts.family(coach=coach, county="Hays", consent=True)
    silent = cohorts.family(coach=coach, county="Hays", consent=False)
    cohorts.children(agreed, {f"Agreed{n}": HOME_IN_2024 for n in range(6)}, recorded_by=coach)
    cohorts.children(silent, {f"Silent{n}": HOME_IN_2024 for n in range(3)}, recorded_by=coach)


def _page_row(page, table: str, label: str) -> list[str]:
    # The table sits folded under its chart: read its text, shown or not.
    row = page.locator(f"table[data-table='{table}'] tbody tr", has_text=label).first
    return [cell.strip() for cell in row.locator("th, td").all_text_contents()]


def test_the_director_filters_downloads_a_matching_csv_and_the_silent_family_is_not_counted(
    sign_in,
):
    _hays_families()
    director = sign_in("director@example.org")
    director.goto(director.base_url + "/outcomes/")
    assert_sound(director)

    director.get_by_label("From", exact=True).fill("2024-01-01")
    director.get_by_label("To", exact=True).fill("2024-12-31")
    director.get_by_label("County", exact=True).select_option("Hays")
    with director.expect_navigation():
        director.get_by_role("button", name="Show these figures").click()
    assert "county=Hays" in director.url
    expect(director.locator(".notice")).to_contain_text("1 family is not counted on this page")
    assert_sound(director)

    reunified = "Reunified with parents or primary caretakers"
    on_page = _page_row(director, "exits-by-reason", reunified)
    # The six children of the family who agreed; the three of the silent family are not.
    assert on_page == [reunified, "6", "100%"]
    expect(director.locator("#headline [data-figure='families']")).to_have_text("1")

    with director.expect_download() as download:
        director.get_by_role("link", name="Download “Exits from care by reason” (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as file:
        rows = {row[0]: row for row in csv.reader(file)}
    assert rows[reunified] == [reunified, "6", "100.0"]
    assert rows["Home or with relatives"][1] == "6"
    # A reason no child left by is a zero, said as one.
    assert rows["Adoption"][1:] == ["0", "0.0"]
