"""The court progress summary as it prints: on the program's letterhead, its plain text
laid out as headings, paragraphs and lists, and nothing the coach typed read as markup."""

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from caseplan.models import CourtSummary
from caseplan.services import summary_save
from caseplan.summary import summary_sections

pytestmark = pytest.mark.django_db

TEXT = """Progress summary for the hearing on January 12, 2027
Ana · prepared by Marisol

Family time since June 7, 2026
- 11 of 12 recorded family times attended

Goals
- A home with room for the kids (court): 1 of 2 steps done
  - Applied for housing (November 2, 2026)
- Steady work <b>soon</b>

In the coach's words
Ana has done the work & the kids run to her."""


@override_settings(PROGRAM_NAME="Partners in Permanency")
def test_the_court_summary_prints_on_the_letterhead_with_its_sections_as_headings_and_lists(
    client_for, coach, birth_parent, partnership
):
    summary = summary_save(
        actor=coach,
        summary=CourtSummary(partnership=partnership),
        data={"hearing_on": date(2027, 1, 12), "text": TEXT},
    )
    page = client_for(birth_parent).get(reverse("caseplan:summary", args=[summary.pk]))
    html = page.content.decode()
    today = timezone.localdate()
    start = html.index('<header class="letterhead">')
    letterhead = html[start : html.index("</header>", start)]
    assert "Partners in Permanency" in letterhead
    assert "Progress summary for the court</h1>" in letterhead
    assert partnership.birth_family.name in letterhead
    assert "January 12, 2027" in letterhead
    since = today - timedelta(days=182)
    assert f"{date_format(since)} to {date_format(today)}" in letterhead
    for heading in ("Family time since June 7, 2026", "Goals", "In the coach&#x27;s words"):
        assert f"<h2>{heading}</h2>" in html
    assert "<li>11 of 12 recorded family times attended</li>" in html
    assert "<ul><li>Applied for housing (November 2, 2026)</li></ul>" in html
    assert "Steady work &lt;b&gt;soon&lt;/b&gt;" in html
    assert "<p>Progress summary for the hearing on January 12, 2027<br>Ana · prepared" in html
    assert "<p>Ana has done the work &amp; the kids run to her.</p>" in html


def test_a_spanish_summary_keeps_its_headings_and_a_short_line_ending_in_a_colon_heads_a_list():
    text = "Metas\n- Una casa\n\nTiempo en familia desde el 7 de junio\n- 3 de 3\n\nAlso:\n- Sí"
    assert summary_sections(text) == [
        {"kind": "heading", "text": "Metas"},
        {"kind": "list", "items": [{"text": "Una casa", "children": []}]},
        {"kind": "heading", "text": "Tiempo en familia desde el 7 de junio"},
        {"kind": "list", "items": [{"text": "3 de 3", "children": []}]},
        {"kind": "heading", "text": "Also"},
        {"kind": "list", "items": [{"text": "Sí", "children": []}]},
    ]
