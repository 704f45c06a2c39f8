"""One error summary on every form sent back with mistakes (core/_error_summary.html):
what to fix, each field in error a link to it, and each input pointing at its own error."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from core.forms import error_summary

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The ids on a page, the error summary's links (href, text), and the elements that
    say which others describe them."""

    def __init__(self, html):
        super().__init__()
        self.ids = Counter()
        self.links = []
        self.summaries = 0
        self.described = {}  # id -> aria-describedby
        self.text_of = {}  # id -> the text inside it
        self._open = []  # [id, depth, text] of elements with an id being read
        self._in_summary = 0
        self._link = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
            if tag not in ("input", "img", "br"):
                self._open.append([attributes["id"], 0, []])
        if attributes.get("aria-describedby") and attributes.get("id"):
            self.described[attributes["id"]] = attributes["aria-describedby"]
        if tag not in ("input", "img", "br", "meta", "link"):
            for entry in self._open:
                entry[1] += 1
        if "form-errors" in (attributes.get("class") or "").split():
            self.summaries += 1
            self._in_summary = 1
        elif self._in_summary and tag not in ("input", "br"):
            self._in_summary += 1
        if self._in_summary and tag == "a":
            self._link = [attributes.get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        if self._in_summary:
            self._in_summary -= 1
        for entry in list(self._open):
            entry[1] -= 1
            if entry[1] <= 0:
                self.text_of[entry[0]] = "".join(entry[2]).strip()
                self._open.remove(entry)

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        for entry in self._open:
            entry[2].append(data)


def summed_up(html) -> Page:
    """The page, once checked: one summary, every link of it to an element on the page,
    and no id twice."""
    page = Page(html)
    assert page.summaries == 1
    assert page.links
    for href, _text in page.links:
        assert href.startswith("#") and page.ids[href[1:]] == 1, href
    assert [name for name, n in page.ids.items() if n > 1] == []
    return page


def test_a_staff_form_sums_up_both_empty_fields_and_keeps_what_was_typed(client_for, coach):
    response = client_for(coach).post(
        reverse("partnerships:new"),
        {
            "family_name": "",
            "first_name": "",
            "last_name": "Delgado",
            "language": "es",
            "email": "rosa@example.org",
            "coach": coach.pk,
            "referred_on": "2026-11-23",
        },
    )
    html = response.content.decode()
    page = summed_up(html)
    assert page.links == [
        ("#id_family_name", "Family name"),
        ("#id_first_name", "Parent's first name"),
    ]
    summary = html.split('class="form-errors"')[1].split("</div>")[0]
    assert summary.count("This field is required.") == 2
    assert "Please fix what is marked below. Nothing you typed was lost." in summary
    assert 'value="Delgado"' in html and 'value="rosa@example.org"' in html


def test_a_parent_s_form_sums_up_both_empty_fields_and_keeps_what_was_typed(
    client_for, birth_parent, partnership
):
    response = client_for(birth_parent).post(
        reverse("assistance:request_new", args=[partnership.pk]),
        {
            "need": "",
            "amount": "120",
            "payee_kind": "vendor",
            "payee": "",
            "due_on": "2026-12-01",
            "purpose": "The heat, before the cold comes.",
        },
    )
    html = response.content.decode()
    page = summed_up(html)
    assert [text for _href, text in page.links] == ["Need", "Who is paid"]
    assert "The heat, before the cold comes." in html and 'value="120' in html


def test_each_input_in_error_points_at_its_own_error_and_hint(client_for, coach):
    html = (
        client_for(coach)
        .post(reverse("partnerships:new"), {"family_name": "", "referred_on": "someday"})
        .content.decode()
    )
    page = summed_up(html)
    for name in ("family_name", "referred_on"):
        described = page.described[f"id_{name}"].split()
        assert f"id_{name}_error" in described
        assert page.text_of[f"id_{name}_error"]  # the error itself, not an empty box
    # The family name's hint is read with it too, once.
    assert page.described["id_family_name"].split() == [
        "id_family_name_helptext",
        "id_family_name_error",
    ]


def test_a_group_of_choices_is_linked_by_its_first_choice_and_its_fieldset_points_at_the_error():
    class Choices(forms.Form):
        when = forms.ChoiceField(
            choices=[("am", "Morning"), ("pm", "Evening")], widget=forms.RadioSelect
        )
        days = forms.MultipleChoiceField(
            choices=[("MO", "Monday"), ("TU", "Tuesday")], widget=forms.CheckboxSelectMultiple
        )
        note = forms.CharField(label="Note")

    form = Choices(data={"note": "x"})
    assert [(f["target"], f["label"]) for f in error_summary(form)["fields"]] == [
        ("id_when_0", "When"),
        ("id_days_0", "Days"),
    ]
    html = render_to_string("core/form.html", {"form": form})
    page = summed_up(html)
    assert '<fieldset aria-describedby="id_when_error">' in html
    assert page.text_of["id_when_error"] == "This field is required."


def test_a_password_is_the_one_thing_to_type_again():
    class WithPassword(forms.Form):
        email = forms.EmailField(label="Email")
        password = forms.CharField(label="Password", widget=forms.PasswordInput)

    form = WithPassword(data={"email": "", "password": "secret"})
    html = render_to_string("core/form.html", {"form": form})
    assert "Nothing you typed was lost, except the password: type it again." in html
    assert "secret" not in html
    # Left empty, it lost nothing.
    html = render_to_string("core/form.html", {"form": WithPassword(data={"email": ""})})
    assert "Please fix what is marked below. Nothing you typed was lost.</p>" in html


def test_a_refused_sign_in_says_only_that_the_pair_does_not_match(client, coach):
    html = client.post(
        reverse("accounts:sign_in"), {"username": coach.email, "password": "wrong"}
    ).content.decode()
    summary = html.split('class="form-errors"')[1].split("</div>")[0]
    assert "do not match an account" in summary and "<a " not in summary
    assert "has-error" not in html  # neither half is marked as the wrong one
    empty = client.post(reverse("accounts:sign_in"), {"username": "", "password": ""})
    page = summed_up(empty.content.decode())
    assert [text for _href, text in page.links] == ["Email", "Password"]


def test_the_directory_import_without_a_file_links_to_the_file_picker(client_for, coach):
    # A browser sends the form's CSRF token beside the missing file.
    sent = {"csrfmiddlewaretoken": "token"}
    html = client_for(coach).post(reverse("directory:manage"), sent).content.decode()
    page = summed_up(html)
    assert page.links == [("#id_file", "HSDS file")]
    assert page.described["id_file"].split() == ["id_file_helptext", "id_file_error"]


def test_an_empty_journal_post_links_to_what_to_write(client_for, birth_parent, agreed):
    html = (
        client_for(birth_parent)
        .post(reverse("journal:post_new", args=[agreed.pk]), {"text": ""})
        .content.decode()
    )
    page = summed_up(html)
    assert page.links == [("#id_text", "What happened")]
