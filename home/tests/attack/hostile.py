"""What an attacker types into a form, by kind, and how one form is attacked with it."""

from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from home.tests.attack.site import (
    HUGE,
    TEXT_TYPES,
    Form,
    invalid_rows,
    plausible_date,
    tables_written,
)

SCRIPT = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil.example")'
THIRTY_DIGITS = "9" * 30

# Each kind of hostile value, by name: KNOWN_BOUNDS_FINDINGS leaves a kind out of a form's
# attack while its fix is on its way.
HOSTILE = {
    "huge_text": ["x" * HUGE, "é" * 5_000 + "\n" * 5_000],
    "markup": [SCRIPT, FORMULA, "{{ 7*7 }}{% debug %}", "%s%n%x", "' OR 1=1 --"],
    "control": ["\x00", "nul\x00byte", "\r\nX-Injected: 1", "\u202eevil\u202c", "\ud7ff\ufffd"],
    "unicode": ["Zoë 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", "ﷺ" * 50, " ", ""],
    "huge_number": [THIRTY_DIGITS, "-" + THIRTY_DIGITS, "1e309", "NaN", "-1", "0", "2147483648"],
    "extreme_date": ["0001-01-01", "9999-12-31", "2024-02-30", "10000-01-01", "-1-01-01"],
}


def plausible(field) -> str | list[str]:
    """A value a careful person would send: the page's own, else one that fits the type."""
    if field.kind == "multiple":
        options = [o for o in field.options if o]
        return [field.value] if field.value else options[:1]
    if field.value or field.kind in ("hidden", "checkbox", "radio", "select", "password"):
        return field.value
    return {
        "email": "someone@example.test",
        "tel": "555-555-0100",
        "url": "https://example.org/",
        "number": "1",
        "date": plausible_date(),
        "datetime-local": plausible_date() + "T10:00",
        "time": "10:00",
        "textarea": "Something ordinary.",
    }.get(field.kind, "Ordinary")


def hostile_values(field, leave_out=frozenset()):
    """(kind, value) pairs to try in a field: every kind in every field, whatever its
    type says, since a browser's checks are no defence."""
    for kind in sorted(set(HOSTILE) - set(leave_out)):
        for value in HOSTILE[kind]:
            yield kind, value


def strategy_for(form: Form, leave_out=frozenset()):
    """A post to the form, each field either what a person sends or something hostile."""
    fields = {}
    for name, spec in form.fields.items():
        if spec.kind == "file":
            continue  # uploads have their own attack (core/tests, branch uploads)
        good = plausible(spec)
        bad = [value for _kind, value in hostile_values(spec, leave_out)]
        if spec.kind == "multiple":
            choices = st.lists(st.sampled_from(bad + spec.options[:3]), max_size=3)
        else:
            choices = st.sampled_from(bad) | st.text(max_size=40)
        fields[name] = st.just(good) | choices
    return st.fixed_dictionaries(fields)


def explicit_posts(form: Form, leave_out=frozenset()):
    """The same hostile kind in every field at once, one post per kind: each known finding
    shows up the same way on every run, whatever Hypothesis draws besides."""
    base = {name: plausible(spec) for name, spec in form.fields.items() if spec.kind != "file"}
    for kind, values in HOSTILE.items():
        if kind in leave_out:
            continue
        for value in values[:1]:
            post = dict(base)
            for name, spec in form.fields.items():
                if spec.kind in ("file", "hidden"):
                    continue  # hidden fields (form keys, where to go next) are Hypothesis's
                if spec.kind in TEXT_TYPES | {"textarea"} or kind in (
                    "huge_number",
                    "extreme_date",
                ):
                    post[name] = [value] if spec.kind == "multiple" else value
            yield kind, post


def describe(post) -> str:
    def short(value):
        if isinstance(value, list):
            return [short(v) for v in value]
        return value if len(value) < 60 else f"{value[:20]!r}… ({len(value)} characters)"

    return repr({name: short(value) for name, value in post.items()})


def attack(client, form: Form, *, sign_in=None, leave_out=frozenset(), examples=6):
    """Post hostile values to the form: every answer under 500, nothing invalid stored.
    Each post runs in a savepoint rolled back after it, so one post's record never
    changes what the next one meets (and PostgreSQL's transaction stays usable)."""
    where = f"POST {form.action} ({form.view_name})"

    def attempt(post):
        with transaction.atomic():
            if sign_in:
                sign_in()
            with tables_written() as written:
                response = client.post(form.action, post)
            status, error = response.status_code, getattr(response, "exc_info", None)
            assert status < 500, (
                f"{where} answered {status} ({error and error[1]!r}): {describe(post)}"
            )
            # Only the tables the post wrote to are read again: a query per table is dear.
            stored = invalid_rows(written)
            assert not stored, f"{where} stored {stored}: {describe(post)}"
            transaction.set_rollback(True)
        return response

    # Every kind is tried before failing, so that one run names all a form lets through.
    failures = []
    for kind, post in explicit_posts(form, leave_out):
        try:
            attempt(post)
        except AssertionError as failure:
            failures.append(f"[{kind}] {failure}")
    assert not failures, "\n".join(failures)

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(post=strategy_for(form, leave_out))
    def fuzz(post):
        attempt(post)

    fuzz()
