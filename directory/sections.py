"""Sections other apps add to a listing's page. Apps that build on the directory (the
referral form) stand beside it, not below it, so the directory cannot ask them for their
part: they register a section from their AppConfig.ready(), and the page shows whatever
is registered, each section rendered from its own template."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string

from core.roles import is_casework
from directory.models import Service


@dataclass(frozen=True)
class ServiceSection:
    template: str
    #: The section's own context for this viewer and listing, or None to leave it out.
    context: Callable[[HttpRequest, Service], dict | None]


_SECTIONS: dict[str, ServiceSection] = {}


def service_section_register(
    *, name: str, template: str, context: Callable[[HttpRequest, Service], dict | None]
) -> None:
    """Add a section to every listing's page, after those registered before it. By name,
    so registering again replaces it rather than showing it twice."""
    _SECTIONS[name] = ServiceSection(template=template, context=context)


def service_page_context(
    request: HttpRequest, service: Service, *, given: dict[str, dict] | None = None
) -> dict:
    """What directory/service.html needs. `given` holds a section's context by its name,
    used instead of asking the section: the app's own view showing the page again with
    its form as the person filled it in."""
    page = {"service": service, "team": is_casework(request.user)}
    sections = []
    for name, section in _SECTIONS.items():
        own = (given or {}).get(name) or section.context(request, service)
        if own is not None:
            sections.append(render_to_string(section.template, {**page, **own}, request))
    return {**page, "sections": sections}
