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
