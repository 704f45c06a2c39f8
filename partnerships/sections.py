"""The partnership page, composed of sections that apps register from their
AppConfig.ready(): the hub shows what the agreement shares and what is on the calendar
without importing either (docs/decisions/0014-layers.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from partnerships.models import Partnership

#: Prepares a section for one viewer: sets what the page reads on the partnership, and
#: may return more context for the section's template.
ContextFn = Callable[..., dict | None]


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    order: int
    context_fn: ContextFn | None = None


_sections: dict[str, Section] = {}


def register(name: str, *, template: str, order: int, context_fn: ContextFn | None = None) -> None:
    """Add a section to the staff's partnership page, shown by `order`, lowest first.
    Registering a name again replaces it, so a second ready() changes nothing."""
    _sections[name] = Section(name=name, template=template, order=order, context_fn=context_fn)


def compose(request: HttpRequest, partnership: Partnership, *, is_staff: bool) -> dict:
    """The context the sections add to the page, with the sections in order.

    Every section is prepared for parents too: their card (partnerships/parent_view.html,
    shared with their home page) reads the same facts, the agreement's sharing and the
    coming dates, from the partnership."""
    context: dict = {}
    sections = sorted(_sections.values(), key=lambda section: (section.order, section.name))
    for section in sections:
        if section.context_fn is not None:
            context.update(section.context_fn(request, partnership, is_staff=is_staff) or {})
    context["sections"] = sections if is_staff else []
    return context
