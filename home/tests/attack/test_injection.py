"""Injection in every text field shown back: markup, a spreadsheet formula and a line break
that would start a new calendar property are saved through every form the pages show,
into every text field, as the persona who sees it; then every page, spreadsheet,
calendar feed, export and e-mail is read as everyone who may read it.

- a page never carries the markup raw (`<script>` is shown as `&lt;script&gt;`);
- a calendar feed still parses, and the line break made no new property;
- an e-mail has no line break in its subject, and a notice carries no details at all;
- a spreadsheet's cell never starts with the formula (see KNOWN_CSV_FINDINGS).
"""

import csv
import io
import json

from django.core import mail
from django.test import Client
from icalendar import Calendar

from home.tests.attack.hostile import plausible
from home.tests.attack.site import (
    PERSONAS,
    TEXT_TYPES,
    find_form,
    own_url_cases,
    readers_of,
    shown_on,
    signed_in_as,
)

MARKUP = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil.example")'
LINE_BREAK = "\r\nX-INJECTED:1\r\nATTENDEE:mailto:evil@evil.example\r\n"
PAYLOADS = [FORMULA + MARKUP + LINE_BREAK + "tail", FORMULA + MARKUP]
RAW = ("<script>alert(1)", "<img src=x onerror")

#: Exports whose cells are neutralised on branch `bounds` (issue 18): a formula in them is
#: reported, not failed, until it lands. Empty it after merging.
KNOWN_CSV_FINDINGS: set[str] = set()

#: Forms that do not save text anyone reads back, or must not be sent here.
NOT_SAVED = {
    "accounts:sign_out": "signs the persona out for the rest of the crawl",
    "accounts:password_change": "a password is never shown",
    "accounts:sign_in": "saves nothing",
    "accounts:password_reset": "saves nothing",
}


def clients():
    signed_in = {}
    for persona, email in PERSONAS.items():
        signed_in[persona] = Client(raise_request_exception=False)
        if email:
            assert signed_in_as(signed_in[persona], email)
    return signed_in


def save_payloads(signed_in, cases) -> list[str]:
    """Every form sent once with the payload in each of its text fields; what it saved."""
    saved = []
    for view_name, (persona, _page, _which) in sorted(shown_on().items()):
        if view_name in NOT_SAVED:
            continue
        client = signed_in[persona]
        form = find_form(client, view_name, missing_ok=True, cases=cases)
        if form is None:
            continue
        texts = [n for n, f in form.fields.items() if f.kind in TEXT_TYPES - {"email", "url"}]
        if not texts:
            continue
        for payload in PAYLOADS:  # a form that refuses a line break gets one without
            post = {n: plausible(f) for n, f in form.fields.items() if f.kind != "file"}
            post.update(dict.fromkeys(texts, payload))
            response = client.post(form.action, post)
            assert response.status_code < 500, f"{view_name}: {response.status_code}"
            if response.status_code in (302, 303):
                saved.append(view_name)
                break
    return saved


def problems_in(view_name, url, response) -> list[str]:
    kind = response.get("Content-Type", "")
    if response.streaming or not kind.startswith(("text/", "application/json")):
        return []  # a file someone uploaded (uploads have their own attack)
    body = response.content.decode(errors="replace")
    where = f"{url} ({view_name})"
    found = []
    if "html" in kind:
        found += [f"{where} shows {raw!r} raw" for raw in RAW if raw in body]
    elif "calendar" in kind:
        calendar = Calendar.from_ical(body)
        for component in calendar.walk():
            if (
                "X-INJECTED" in component
                or len(component.get("ATTENDEE", []))
                and ("evil.example" in str(component.get("ATTENDEE")))
            ):
                found.append(f"{where}: a line break made a new property in {component.name}")
    elif "csv" in kind:
        for row in csv.reader(io.StringIO(body)):
            for cell in row:
                if cell.lstrip().startswith(("=", "+", "@")) and view_name not in (
                    KNOWN_CSV_FINDINGS
                ):
                    found.append(f"{where} has a cell that is a formula: {cell[:40]!r}")
    elif "json" in kind:
        json.loads(body)
    return found


def test_text_saved_through_every_form_is_never_shown_as_markup_a_formula_or_a_header(
    demo, django_capture_on_commit_callbacks
):
    signed_in = clients()
    mail.outbox.clear()
    # The pages are listed first: the records they name are found by text the posts
    # may repeat (a second court summary, a second icebreaker).
    cases = list(own_url_cases())
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go after commit
        saved = save_payloads(signed_in, cases)
    assert len(saved) > 25, f"only {saved} saved the payload"
    problems, read = [], 0
    for view_name, url, record in cases:
        for persona in readers_of(view_name, record):
            response = signed_in[persona].get(url)
            if response.status_code == 200:
                problems += problems_in(view_name, url, response)
                read += 1
    assert read > 150
    assert sorted(set(problems)) == []
    assert mail.outbox, "the forms sent no e-mail at all"
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "X-INJECTED" not in str(message.message()).split("\n\n", 1)[0]
        # The body is plain text: markup in it is inert. A notice says only that there
        # is something new, never what (notices/): the payload is in no e-mail at all,
        # but a gathering's, which names the gathering (public: its page is).
        if "/gatherings/" not in message.body:
            assert "HYPERLINK" not in message.body, message.body
            assert "alert(1)" not in message.body, message.body
