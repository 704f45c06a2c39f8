"""What the attack suite knows of the site, all of it found rather than listed: every URL
with a record of the demo's own partnership ("ours"), every persona allowed to open it,
and every `<form method="post">` those pages show, parsed from the HTML the way a browser
(or an attacker) reads it.

A new form is attacked as soon as a page shows it: nothing here names a form.
"""

import contextlib
import html.parser
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.db import connection, models
from django.db.models import Q, Value
from django.db.models.functions import Cast, Length
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from accounts.models import User
from accounts.testing import second_factor_shown
from gatherings.models import Registration
from home.demo import DEMO_PASSWORD
from home.tests.test_access import PERSONAS, all_url_patterns, expected_to_reach, records
from schedule.models import FeedToken

#: Input types that carry text a person types.
TEXT_TYPES = {"text", "search", "email", "tel", "url", "password", "textarea", ""}


@dataclass
class Field:
    name: str
    kind: str  # an <input>'s type, or "textarea", "select", "multiple"
    value: str = ""  # what the page filled in (for a choice: the one chosen, or "")
    options: list[str] = field(default_factory=list)  # a choice's values, in page order
    maxlength: int | None = None
    required: bool = False


@dataclass
class Form:
    action: str  # the path it posts to, query included
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def view_name(self) -> str | None:
        try:
            return resolve(urlsplit(self.action).path).view_name
        except Resolver404:
            return None

    def as_page_sends_it(self) -> dict[str, str | list[str]]:
        """The post a browser makes when the form is sent as shown."""
        data = {}
        for name, spec in self.fields.items():
            if spec.kind == "multiple":
                data[name] = [spec.value] if spec.value else []
            elif spec.kind == "checkbox":
                if spec.value:
                    data[name] = spec.value
            elif spec.kind != "file":
                data[name] = spec.value
        return data


class _FormParser(html.parser.HTMLParser):
    """The post forms of a page: their fields as a browser would send them."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                action = urljoin(self.page_url, attrs.get("action") or self.page_url)
                parts = urlsplit(action)
                self._form = Form(parts.path + (f"?{parts.query}" if parts.query else ""))
            return
        form = self._form
        if form is None:
            return
        if tag == "option":
            if self._select is not None:
                value = attrs.get("value") or ""
                self._select.options.append(value)
                if "selected" in attrs or (
                    self._select.kind == "select" and not self._select.value
                ):
                    self._select.value = value
            return
        if "name" not in attrs:
            return
        if tag in ("input", "button"):
            self._input(form, tag, attrs)
        elif tag == "textarea":
            self._textarea = form.fields[attrs["name"]] = Field(
                attrs["name"], "textarea", "", maxlength=_int(attrs.get("maxlength"))
            )
            self._textarea.required = "required" in attrs
        elif tag == "select":
            kind = "multiple" if "multiple" in attrs else "select"
            self._select = form.fields[attrs["name"]] = Field(
                attrs["name"], kind, required="required" in attrs
            )

    def _input(self, form, tag, attrs):
        kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        name, value = attrs["name"], attrs.get("value", "")
        if kind in ("submit", "image", "reset", "button"):
            kind = "radio"  # which named button was pressed: one of its values
            if tag == "button" and (attrs.get("type") or "submit") != "submit":
                return
        known = form.fields.get(name)
        if kind in ("radio", "checkbox"):
            if known is None:
                known = form.fields[name] = Field(name, kind, options=[])
            elif known.kind == "checkbox":
                known.kind = "multiple"  # several boxes of one name: a multiple choice
            known.options.append(value or "on")
            if "checked" in attrs or (known.kind == "radio" and not known.value):
                known.value = value or "on"
            known.required = known.required or "required" in attrs
            return
        form.fields[name] = Field(
            name,
            kind,
            value,
            maxlength=_int(attrs.get("maxlength")),
            required="required" in attrs,
        )

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def post_forms(page_url: str, content: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(content)
    return parser.forms


# Who shows each form, found once per test process: (persona, page's view name, which
# record). Only names, never ids: ids differ between tests on PostgreSQL.
_SHOWN_ON: dict[str, tuple[str, str, str | None]] = {}
_PAGE_ORDER = ["director", "birth_parent", "partner_parent", "finance", "volunteer", "coach"]
_PAGE_ORDER += [p for p in PERSONAS if p not in _PAGE_ORDER]


def signed_in_clients(**client_options) -> dict[str, Client]:
    clients = {}
    for persona, email in PERSONAS.items():
        client = Client(**client_options)
        if email:
            assert signed_in_as(client, email)
        clients[persona] = client
    return clients


def own_url_cases():
    """(view name, url, which record) for every URL, with a record that the demo's own
    partnership holds ("ours") or anyone may read ("listed"), and real secrets."""
    samples = records()
    secret = Registration.objects.filter(cancelled_at=None).order_by("pk").first().secret
    feed = FeedToken.objects.get_or_create(
        user=User.objects.get(email=PERSONAS["birth_parent"]),
        revoked_at=None,
        defaults={"secret": "attack-suite-feed-secret-0123456789"},
    )[0].secret
    for view_name, pattern in all_url_patterns():
        params = list(pattern.pattern.converters)
        if not params:
            yield view_name, reverse(view_name), None
        elif view_name == "schedule:feed":
            yield view_name, reverse(view_name, kwargs={"secret": feed}), None
        elif "secret" in params:
            if view_name.startswith("gatherings:registration"):
                kwargs = {p: samples[p]["listed"] for p in params if p != "secret"}
                yield view_name, reverse(view_name, kwargs={"secret": secret, **kwargs}), None
        elif set(params) <= {"uidb64", "token"}:
            continue  # a reset's or invitation's link: tested with real tokens elsewhere
        elif params == ["passkey_id"]:
            continue  # the demo holds no passkey; accounts/tests/test_factors.py
        else:
            (param,) = params
            for which, pk in samples[param].items():
                if which != "theirs":
                    yield view_name, reverse(view_name, kwargs={param: pk}), (param, which)


def personas_for(view_name, record):
    return [p for p in _PAGE_ORDER if expected_to_reach(p, view_name, record)]


def readers_of(view_name, record):
    """Who a page is read as to find its forms: the first of the staff who may (the
    director sees most), the first of the others (a parent's page has forms the staff's
    has not), and a visitor too when visitors may. A page read as everyone who may open
    it would make the crawl three times as long, for the same forms."""
    allowed = personas_for(view_name, record)
    staff = [p for p in allowed if p in ("director", "finance", "coach")][:1]
    others = [p for p in allowed if p not in ("director", "finance", "coach")]
    return staff + others[:1] + (["anonymous"] if "anonymous" in others[1:] else [])


def shown_on() -> dict[str, tuple[str, str, str | None]]:
    """For every view a post form is sent to: who sees that form, on which page."""
    if _SHOWN_ON:
        return _SHOWN_ON
    clients = signed_in_clients()
    for view_name, url, record in own_url_cases():
        for persona in readers_of(view_name, record):
            response = clients[persona].get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in post_forms(url, response.content.decode()):
                if form.view_name:
                    _SHOWN_ON.setdefault(
                        form.view_name, (persona, view_name, record[1] if record else None)
                    )
    return _SHOWN_ON


def find_form(client: Client, action_view: str, *, missing_ok=False, cases=None) -> Form | None:
    """The form posting to `action_view`, read afresh from the page that shows it.
    `cases`: own_url_cases() listed once, for a test whose posts add records."""
    persona, page_view, which = shown_on()[action_view]
    for view_name, url, record in cases or own_url_cases():
        if view_name == page_view and (record[1] if record else None) == which:
            response = client.get(url)
            for form in post_forms(url, response.content.decode()):
                if form.view_name == action_view:
                    return form
    if missing_ok:
        return None  # an earlier post changed the record: a check-in done is not moved
    raise AssertionError(f"{action_view}'s form is no longer on {page_view}")


# What no field may hold, whatever was posted: text of the fuzzer's huge length, a
# character-limited text over its limit (SQLite stores it; PostgreSQL fails), a date
# outside any sensible range.
HUGE = 100_000
EARLIEST, LATEST = date(1900, 1, 1), date(2200, 1, 1)


def _offending(model):
    q = Q()
    for f in model._meta.concrete_fields:
        if isinstance(f, models.CharField) and f.max_length and not f.choices:
            q |= Q(GreaterThan(Length(f.attname), f.max_length))
        elif isinstance(f, models.TextField):
            q |= Q(GreaterThanOrEqual(Length(f.attname), HUGE))
        elif isinstance(f, models.DateTimeField):
            aware = timezone.make_aware
            q |= Q(**{f"{f.attname}__lt": aware(datetime(1900, 1, 2))})
            q |= Q(**{f"{f.attname}__gt": aware(datetime(2199, 12, 31))})
        elif isinstance(f, models.DateField):
            q |= Q(**{f"{f.attname}__lt": EARLIEST}) | Q(**{f"{f.attname}__gt": LATEST})
    return q


_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


@contextlib.contextmanager
def tables_written():
    """The tables the block inserts into or updates, by name, filled in as it runs."""
    written = set()

    def note(execute, sql, params, many, context):
        if match := _WRITE.match(sql):
            written.add(match[1])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        yield written


def invalid_rows(tables=None) -> list[tuple[str, object]]:
    """Every stored row holding what no field may hold, as (model, pk), in one query;
    only in `tables` when given."""
    queries = []
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "contenttypes", "auth"):
            continue
        if tables is not None and model._meta.db_table not in tables:
            continue
        q = _offending(model)
        if q:
            label = model._meta.label
            queries.append(
                model._base_manager.filter(q)
                .order_by()
                .annotate(
                    attack_label=Value(label, output_field=models.CharField()),
                    attack_key=Cast("pk", models.CharField()),
                )
                .values_list("attack_label", "attack_key")
            )
    if not queries:
        return []
    # Each model's check as its own SELECT, all in one round trip.
    parts, params = [], []
    for number, query in enumerate(queries):
        sql, query_params = query.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS attack_{number}")
        params += query_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def row_counts() -> dict[str, int]:
    """How many rows every table holds, in one query: to see that nothing changed."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    )
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def plausible_date(days=7) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def signed_in_as(client, email) -> bool:
    """Sign the client in by password, and its second factor shown as the code page
    would: staff reach no page without one."""
    if not client.login(username=email, password=DEMO_PASSWORD):
        return False
    second_factor_shown(client, User.objects.get(email=email))
    return True
