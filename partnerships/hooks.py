"""Checks other apps add to the hub's changes. Each may refuse a change by raising a
ValidationError; the hub runs them without knowing which apps they come from."""

from collections.abc import Callable


class Guards:
    """An ordered set of checks, registered once each from an AppConfig.ready()."""

    def __init__(self) -> None:
        self._checks: dict[str, Callable[..., None]] = {}

    def register(self, check: Callable[..., None]) -> Callable[..., None]:
        # Keyed by the check's own name, so a second ready() (tests reload apps) does
        # not run it twice.
        self._checks[f"{check.__module__}.{check.__qualname__}"] = check
        return check

    def run(self, **kwargs) -> None:
        for check in self._checks.values():
            check(**kwargs)


#: Before a partnership changes stage, once the hub's own rules have passed. Checks are
#: called with `partnership` (still in its old stage), `new_stage` and `changed_on`.
before_stage_change = Guards()


class Contributions:
    """Lists that apps above add to one of the hub's results, each function registered
    once from an AppConfig.ready(); the app that asks collects them without knowing whose
    they are."""

    def __init__(self) -> None:
        self._functions: dict[str, Callable[..., list]] = {}

    def register(self, function: Callable[..., list]) -> Callable[..., list]:
        self._functions[f"{function.__module__}.{function.__qualname__}"] = function
        return function

    def collect(self, **kwargs) -> list:
        return [found for function in self._functions.values() for found in function(**kwargs)]


#: The first check-ins of the year after, beyond its fixed schedule (a transition plan's
#: last steps): called with `partnership` and `reunified_on`, each function returns
#: (due_on, about) pairs.
first_check_ins = Contributions()

#: More of a court progress summary's draft (progress on a transition plan): called with
#: `partnership` and `today`, each function returns (title, lines), its lines in the
#: summary's plain text ("- " starts an item).
summary_parts = Contributions()

#: Whether what a home shares waits for the coach before the other home sees it (the
#: journal's review setting, which recordings follow too): called with `partnership`,
#: each function returns [True] or [False].
review_first = Contributions()
