"""Every page each persona can reach, in the real browser on a phone: accessible, no wider
than the screen, and light.

home/tests/test_no_dead_ends.py follows every link with the test client to prove none
leads nowhere. This follows them in Chromium at 360×740, as each demo persona and as a
visitor, from the home page, breadth-first, DEPTH links deep, and checks one page for
each URL pattern (resolve(path).route): the same template with another record adds time,
not knowledge. Downloads (calendar feeds, spreadsheets, exports, handouts, photos) are
not pages and are not visited. On each page:

- axe-core finds no serious or critical violation (a moderate or minor one is a warning);
- the page does not scroll sideways at 360 px;
- the page weighs under PAGE_BUDGET: the HTML and everything it loads, except the design
  system's shared files (SHARED), which every page loads and the browser keeps, and
  photos. The shared files have a budget of their own (SHARED_BUDGET), checked once.

The parents crawl again in Spanish, switched with the header's language button.
"""

import time
import warnings
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from core.tests.browser import PHONE, axe_violations, describe, page_overflows, preload_axe
from home.testing import demo_loaded
from home.tests.test_access import PERSONAS
from home.tests.test_no_dead_ends import same_site_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEPTH = 3
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
PAGE_BUDGET = 100 * 1024
SHARED_BUDGET = 250 * 1024
# The design system's files: every page loads them and the browser caches them, so they
# are counted once, against SHARED_BUDGET, not in each page's weight.
SHARED = (
    "/static/village/village.css",
    "/static/village/fonts/",
    "/static/village/icons.svg",
    "/static/village/brand.svg",
    "/static/django_htmx/",  # the htmx script
)
# Links to files rather than pages: a browser downloads them, so they are not visited.
DOWNLOADS = {
    "schedule:feed",
    "gatherings:feed",
    "gatherings:gathering_ics",
    "gatherings:resource_file",
    "gatherings:registration_file",
    "journal:photo_small",
    "journal:photo_large",
    "assistance:document",
    "assistance:report_csv",
    "directory:export_json",
    "directory:export_package",
    "directory:import_report",
    "outcomes:table_csv",
    "outcomes:report_pdf",
    "letters:letter_pdf",
    "lifebook:pdf",
    "lifebook:photos",
}
# A page whose failure lies in templates another change is rewriting at the same time:
# route -> why. Its problems are reported as warnings, not failures, until that lands.
WAITING_ON = {}

CRAWLS = [
    ("director", "en"),
    ("coach", "en"),
    ("finance", "en"),
    ("birth_parent", "en"),
    ("birth_parent", "es"),
    ("partner_parent", "en"),
    ("partner_parent", "es"),
    ("volunteer", "en"),
    ("anonymous", "en"),
]


def route_of(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None, None
    return match.route, match.view_name


class Crawl:
    """One persona's walk: the pages to visit, breadth-first, one per URL pattern."""

    def __init__(self):
        self.queue = deque([("/", 0, "start")])
        self.routes = {"": "/"}  # every route queued or visited, with its URL

    def add(self, url, depth, shown_on):
        route, view = route_of(urlsplit(url).path)
        if route is None or route in self.routes or view in DOWNLOADS or depth > DEPTH:
            return
        self.routes[route] = url
        self.queue.append((url, depth, shown_on))


def seen_on(page):
    """What the crawl reads on a page: its language and where its links and GET forms go."""
    return page.evaluate(
        """() => ({
            lang: document.documentElement.lang,
            links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
                .concat([...document.forms].filter(form => form.method === 'get')
                    .map(form => form.getAttribute('action') || '')),
        })"""
    )


def weigh(responses, shared=None):
    """The bytes a page cost: each response's body, except photos and the shared files,
    which are weighed into `shared` when it is given."""
    total = 0
    for response in responses:
        path = urlsplit(response.url).path
        if 300 <= response.status < 400:
            continue  # a redirect has no body
        if path.startswith(SHARED):
            if shared is not None:
                shared[path] = len(response.body())
        elif not (
            response.headers.get("content-type", "").startswith("image/")
            and not path.startswith("/static/")
        ):
            total += len(response.body())
    return total


def crawl(page, language):
    """Every page visited, as (path, route, bytes), and every problem found, as text."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    walk = Crawl()
    visited, problems = [], []
    while walk.queue:
        url, depth, shown_on = walk.queue.popleft()
        responses.clear()
        try:
            response = page.goto(page.base_url + url)
        except PlaywrightError as error:  # a download, which is no page
            problems.append(f"{url} (linked from {shown_on}): {error.message.splitlines()[0]}")
            continue
        if response.status >= 400:
            problems.append(f"{url} (linked from {shown_on}) answers {response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            problems.append(f"{url} (linked from {shown_on}) is a file: add it to DOWNLOADS")
            continue
        here = urlsplit(page.url)
        path = here.path + ("?" + here.query if here.query else "")
        route, _view = route_of(here.path)
        if path != url:  # redirected: the page it lands on is the one checked
            if walk.routes.get(route, url) != url:
                continue
            walk.routes[route] = path
        weight = weigh(responses)
        visited.append((path, route, weight))
        shown = seen_on(page)
        found = []
        if weight > PAGE_BUDGET:
            found.append(f"weighs {weight / 1024:.1f} KB, over {PAGE_BUDGET // 1024} KB")
        if page_overflows(page):
            found.append("scrolls sideways at 360 px")
        violations = axe_violations(page, impacts=ALL_IMPACTS)
        if grave := [v for v in violations if v["impact"] in ("serious", "critical")]:
            found.append("axe: " + describe(grave))
        if lesser := [v for v in violations if v["impact"] not in ("serious", "critical")]:
            warnings.warn(f"{path} ({route}): axe: {describe(lesser)}", stacklevel=1)
        if shown["lang"] != language:
            found.append(f"is in {shown['lang']!r}, not {language!r}")
        if page.csp_violations:
            found.append(f"breaks the CSP: {page.csp_violations}")
            page.csp_violations.clear()
        for problem in found:
            text = f"{path} ({route}, linked from {shown_on}): {problem}"
            if route in WAITING_ON:
                warnings.warn(f"{text} [waiting on: {WAITING_ON[route]}]", stacklevel=1)
            else:
                problems.append(text)
        for href in shown["links"]:
            if (target := same_site_path(path, href)) is not None:
                walk.add(target, depth + 1, path)
    return visited, problems


@pytest.mark.parametrize(("persona", "language"), CRAWLS, ids=[f"{p}-{lang}" for p, lang in CRAWLS])
def test_every_page_a_persona_reaches_is_accessible_fits_a_phone_and_is_light(
    sign_in, persona, language
):
    started = time.monotonic()
    page = sign_in(PERSONAS[persona])
    preload_axe(page)  # axe runs on every page of the crawl
    if language == "es":
        with page.expect_navigation():
            page.get_by_role("button", name="Español").click()
    visited, problems = crawl(page, language)
    heaviest = max(visited, key=lambda visit: visit[2])
    print(
        f"\n{persona} ({language}): {len(visited)} pages in {time.monotonic() - started:.0f} s;"
        f" heaviest {heaviest[0]} at {heaviest[2] / 1024:.1f} KB"
    )
    assert len(visited) > 5
    assert problems == [], "\n".join(problems)


def test_the_design_systems_shared_files_stay_under_their_budget(
    chromium, live_server, transactional_db
):
    """What every page shares, loaded once and then cached: the stylesheet, both weights of
    the font, the icon sprite, the brand mark and the htmx script, as a browser with an
    empty cache loads them for its first page."""
    demo_loaded()
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(live_server.url + "/")
    page.evaluate("async () => { await document.fonts.ready; }")
    shared = {}
    weigh(responses, shared)
    context.close()
    total = sum(shared.values())
    print(f"\nshared files: {total / 1024:.1f} KB:", shared)
    for prefix in SHARED:
        assert any(path.startswith(prefix) for path in shared), f"the first page loads no {prefix}"
    assert total < SHARED_BUDGET, f"the shared files weigh {total / 1024:.1f} KB"
