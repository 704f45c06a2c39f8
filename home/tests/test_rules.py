"""The access rules load every URL's record, and no view loads one by hand.

A rule's `Load` (core/access.py) is the only way a view gets the record its URL names: the
middleware loads it scoped to the person asking and announces the reading to the audit
trail. These tests make that a property of the code, not a habit.
"""

import ast
import inspect
from pathlib import Path

from django.utils.module_loading import import_string

from core.access import RULES, Load
from home.tests.test_access import all_url_patterns, clients  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[2]
# Django's own password-reset and invitation links carry a user id and a token that
# Django's token check reads; they name no record of ours.
TOKEN_LINKS = {"uidb64", "token"}


def keyed_urls():
    """(view name, pattern) for every URL that names one record by a key in its path."""
    for name, pattern in all_url_patterns():
        keys = set(pattern.pattern.converters)
        if keys and not keys <= TOKEN_LINKS:
            yield name, pattern


def test_every_url_that_names_a_record_has_a_rule_that_loads_it():
    unloaded = {name for name, _ in keyed_urls() if RULES[name].load is None}
    assert unloaded == set(), "URLs whose record no rule loads"


def test_each_view_takes_the_record_its_rule_loads_and_never_its_key():
    for name, pattern in keyed_urls():
        load = RULES[name].load
        (key,) = [load.key] if load.key else pattern.pattern.converters
        assert key in pattern.pattern.converters, f"{name}'s URL has no argument {key!r}"
        parameters = inspect.signature(inspect.unwrap(pattern.callback)).parameters
        assert load.name in parameters, f"{name}'s view takes no argument {load.name!r}"
        assert key not in parameters, f"{name}'s view still takes the key {key!r}"


def test_every_loader_named_by_a_rule_takes_the_person_and_the_key():
    for name, rule in RULES.items():
        if rule.load is None:
            continue
        loader = import_string(rule.load.selector)
        assert len(inspect.signature(loader).parameters) == 2, name


def loader_names() -> set[str]:
    return {rule.load.selector.rsplit(".", 1)[1] for rule in RULES.values() if rule.load}


def hand_loads(source: str, loaders: set[str]) -> list[tuple[int, str]]:
    """Calls in a views module to a rule's loader, or to get_object_or_404."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in loaders or called == "get_object_or_404":
                found.append((node.lineno, called))
    return found


def test_no_view_loads_a_record_by_hand_that_a_rule_loads():
    loaders = loader_names()
    offenders = []
    for views in sorted(ROOT.glob("*/views*.py")):
        offenders += [(str(views), *call) for call in hand_loads(views.read_text(), loaders)]
    assert offenders == []


def test_a_view_that_loads_its_record_by_hand_is_caught():
    planted = """
def contact_done(request, contact_id):
    contact = selectors.contact_for(request.user, contact_id)
    other = get_object_or_404(Contact, pk=contact_id)
"""
    assert hand_loads(planted, loader_names()) == [(3, "contact_for"), (4, "get_object_or_404")]


def test_a_load_audits_unless_the_rule_says_why_not():
    assert Load("a.b", "c").audit is True
    assert Load("a.b", "c").unaudited().audit is False


# A recording's sound is audited by its view once a playing, not by the rule once for each
# range a player asks for as it seeks (core/access.py).
AUDITED_BY_THE_VIEW = {"voice:audio"}


def test_every_record_a_rule_loads_is_read_audited_unless_it_says_why_not(clients):  # noqa: F811
    from audit.models import LIST, Action, AuditEntry
    from home.tests.test_access import expected_to_reach, url_cases

    checked = 0
    for view_name, url, record in url_cases():
        load = RULES[view_name].load
        if load is None or record is None or record[0] == "secret":
            continue
        persona = next((p for p in clients if expected_to_reach(p, view_name, record)), None)
        if persona is None:
            continue
        # A record's reading; a list the page also shows is its own entry (decision 0022).
        reads = AuditEntry.objects.filter(action=Action.VIEWED, path=url).exclude(record_id=LIST)
        before = reads.count()
        response = clients[persona].get(url)
        after = reads.count()
        where = f"{persona} GET {url} ({view_name}) answered {response.status_code}"
        audited = load.audit or view_name in AUDITED_BY_THE_VIEW
        assert (after > before) if audited else (after == before), where
        checked += 1
    assert checked > 20
