"""Every service that writes to the database writes an audit entry too.

Scope: the public functions (no leading underscore) of each app's `services*.py`, where
the program's changes live by convention. A write that is not a person's change of a
record (a notice delivered, a reminder sent by the worker's sweep, a "seen" mark) lives
in a module named for what it is (notices/delivery.py, gatherings/reminders.py,
aboutme/seen.py), whose docstring says why it is not audited; this test does not look
there, so moving a person's change out of services.py to escape it is a review question.

The reading is static (ast), so it is a heuristic, kept small on purpose:
- A write is a call of `.save()` (not `save=False`, a file's storage), `.delete()`,
  `.create()`, `.bulk_create()`, `.bulk_update()`, `.get_or_create()`,
  `.update_or_create()`; `.update()` with keyword arguments only (a queryset's, not a
  dict's `update(other)`); `.add/.set/.remove/.clear()` on an attribute (a related
  manager, `post.children.set(...)`, not a local set's `seen.add(x)`).
- Writes and audits are followed through the calls a function makes, however nested
  (lambdas for on_commit included): to the module's own functions and to functions
  imported from the project's modules (`from x import f`, `from pkg import module` then
  `module.f`), transitively.
- An audit is a call of audit.services' audit_entry_create, audited_create or
  audited_update, or of core.services.record_change_announce (which the trail receives,
  for the layers that may not import it); the writes inside audit.services are the trail
  itself.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create"}
WRITES |= {"update_or_create"}
RELATED_WRITES = {"add", "set", "remove", "clear"}
AUDITS = {
    ("audit.services", "audit_entry_create"),
    ("audit.services", "audited_create"),
    ("audit.services", "audited_update"),
    # For notices, which stands beside audit: the trail's receiver writes the entry.
    ("core.services", "record_change_announce"),
    # A security event (a factor added, sessions ended): the trail's receiver writes it.
    ("core.security", "security_event_announce"),
}


def services_modules(root: Path = ROOT) -> list[str]:
    """Dotted names of every top-level app's services*.py."""
    return sorted(
        f"{path.parent.name}.{path.stem}"
        for path in root.glob("*/services*.py")
        if not path.parent.name.startswith(".")
    )


def _is_write(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in WRITES:
        return not any(
            k.arg == "save" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in call.keywords
        )
    if func.attr == "update":
        return not call.args and bool(call.keywords)
    if func.attr in RELATED_WRITES:
        return isinstance(func.value, ast.Attribute)
    return False


class Module:
    """One parsed module: its functions and what its names were imported from."""

    def __init__(self, name: str, source: str):
        self.name = name
        tree = ast.parse(source)
        self.functions = {
            node.name: node
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        # Function-local imports count too (`from notices.services import notify` inside
        # a function, to break an import cycle).
        self.imports: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"


class Analysis:
    """Which functions write, and which write an audit entry, transitively.

    `sources` stands in for files on disk (a module name to its text)."""

    def __init__(self, sources: dict[str, str] | None = None, root: Path = ROOT):
        self.root = root
        self.sources = sources or {}
        self.modules: dict[str, Module | None] = {}
        self.facts: dict[tuple[str, str], tuple[bool, bool]] = {}

    def module(self, name: str) -> Module | None:
        if name not in self.modules:
            source = self.sources.get(name)
            if source is None:
                parts = name.split(".")
                for path in (
                    self.root.joinpath(*parts).with_suffix(".py"),
                    self.root.joinpath(*parts, "__init__.py"),
                ):
                    if path.is_file():
                        source = path.read_text()
                        break
            self.modules[name] = None if source is None else Module(name, source)
        return self.modules[name]

    def _resolve(self, module: Module, func: ast.expr) -> tuple[str, str] | None:
        """The (module, function) a call's callee names, if it is the project's."""
        if isinstance(func, ast.Name):
            if func.id in module.functions:
                return module.name, func.id
            dotted = module.imports.get(func.id)
            if dotted:
                owner, _dot, name = dotted.rpartition(".")
                return owner, name
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            dotted = module.imports.get(func.value.id)
            if dotted and self.module(dotted) is not None:
                return dotted, func.attr
        return None

    def facts_of(self, owner: str, name: str) -> tuple[bool, bool]:
        """(writes, audits) for one function; (False, False) for what is not ours."""
        key = (owner, name)
        if key in AUDITS:
            return False, True
        if key in self.facts:
            return self.facts[key]
        self.facts[key] = (False, False)  # a call cycle adds nothing new
        module = self.module(owner)
        node = module.functions.get(name) if module else None
        if node is None or owner == "audit.services":
            return self.facts[key]
        writes = audits = False
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            writes = writes or _is_write(call)
            target = self._resolve(module, call.func)
            if target is not None:
                callee_writes, callee_audits = self.facts_of(*target)
                writes, audits = writes or callee_writes, audits or callee_audits
        self.facts[key] = (writes, audits)
        return writes, audits

    def unaudited_writers(self, modules: list[str]) -> list[str]:
        found = []
        for owner in modules:
            module = self.module(owner)
            for name in module.functions if module else ():
                if name.startswith("_") or owner == "audit.services":
                    continue
                writes, audits = self.facts_of(owner, name)
                if writes and not audits:
                    found.append(f"{owner}.{name}")
        return found


def test_every_service_that_writes_writes_an_audit_entry():
    modules = services_modules()
    assert "partnerships.services" in modules  # the glob found the apps
    assert Analysis().unaudited_writers(modules) == []


PLANTED = """
from audit.models import Action
from audit.services import audit_entry_create
from planted.helpers import keep

def thing_save(*, actor, thing):
    thing.save()

def thing_tag(*, actor, thing, tag):
    thing.tags.add(tag)

def thing_keep(*, actor, thing):
    keep(thing)

def thing_close(*, actor, thing):
    Thing.objects.filter(pk=thing.pk).update(closed=True)
    _changed(actor, thing)

def _changed(actor, thing):
    audit_entry_create(actor=actor, action=Action.CHANGED, record=thing, fields=["closed"])

def thing_names(*, things):
    names, seen = {}, set()
    for thing in things:
        names.update({thing.pk: thing.name})
        seen.add(thing.pk)
    return names
"""

HELPERS = """
def keep(thing):
    Keep.objects.create(thing=thing)
"""


def test_a_planted_writer_without_an_audit_entry_is_caught():
    analysis = Analysis(sources={"planted.services": PLANTED, "planted.helpers": HELPERS})
    assert analysis.unaudited_writers(["planted.services"]) == [
        "planted.services.thing_save",
        "planted.services.thing_tag",
        "planted.services.thing_keep",
    ]


def test_the_writers_found_today_are_the_known_ones():
    """The reading finds writes through helpers in other modules (a sanity check that
    the heuristic sees something: these are audited, so they pass)."""
    analysis = Analysis()
    assert analysis.facts_of("partnerships.services", "partnership_refer") == (True, True)
    assert analysis.facts_of("intake.services", "submission_assign") == (True, True)
    assert analysis.facts_of("families.selectors", "nonexistent") == (False, False)
