"""Every page each demo persona can reach, crawled link by link.

Nobody should be shown an action they cannot take: from the home page, every same-site
link and every form a persona is shown must lead somewhere they may go. Links are
followed breadth-first; a GET form is submitted as it stands; a POST form is not
submitted, but its address must not answer 404 or 403 to a GET (a view that only takes
POST redirects or answers 405, which is fine).
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from home.tests.test_access import PERSONAS, clients  # noqa: F401 (a fixture)

MOST_URLS_PER_PERSONA = 400
MOST_URLS_PER_VIEW = 12
MOST_QUERIES_PER_PAGE = 4
NOT_FOLLOWED = ("/static/", "/media/")


class LinksAndForms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.forms = []  # (method, action)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            method = (attributes.get("method") or "get").lower()
            self.forms.append((method, attributes.get("action") or ""))


def same_site_path(page_url, href):
    """The path and query that href leads to on this site, or None when it leaves it."""
    absolute, _fragment = urldefrag(urljoin("http://testserver" + page_url, href))
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    if parts.path.startswith(NOT_FOLLOWED) or "sign-out" in parts.path:
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


class Frontier:
    """The URLs still to visit, bounded: a calendar's "next month" never ends, and a page
    repeated for every record shows the same links, so each view is visited for a few of
    its records and each page for a few of its queries."""

    def __init__(self, start):
        self.queue = deque([("start", start)])
        self.seen = {start}
        self.per_page = Counter()
        self.per_view = Counter()

    def add(self, shown_on, url, redirected=False):
        if url in self.seen or len(self.seen) >= MOST_URLS_PER_PERSONA:
            return
        if redirected:  # where a visited link leads is always visited
            self.seen.add(url)
            self.queue.appendleft((shown_on, url))
            return
        path = urlsplit(url).path
        try:
            view = resolve(path).view_name
        except Resolver404:
            view = None  # visited all the same: it is a dead end to report
        if self.per_page[path] >= MOST_QUERIES_PER_PAGE or (
            view and self.per_view[view] >= MOST_URLS_PER_VIEW
        ):
            return
        self.per_page[path] += 1
        self.per_view[view] += 1
        self.seen.add(url)
        self.queue.append((shown_on, url))


def crawl(client):
    """Every dead end the client meets, as (where it was shown, url, status)."""
    dead_ends = []
    frontier = Frontier("/")
    post_only_checked = set()
    while frontier.queue:
        shown_on, url = frontier.queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            dead_ends.append((shown_on, url, response.status_code))
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            # Followed within the site only, as if it were a link on the page shown.
            if (target := same_site_path(url, response["Location"])) is not None:
                frontier.add(shown_on, target, redirected=True)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page_url = url
        parser = LinksAndForms()
        parser.feed(response.content.decode())
        for method, action in parser.forms:
            target = same_site_path(page_url, action)
            if target is None:
                continue
            if method == "get":
                frontier.add(page_url, target)
            elif target not in post_only_checked:
                post_only_checked.add(target)
                status = client.get(target).status_code
                if status in (403, 404):
                    dead_ends.append((page_url, f"POST {target}", status))
        for href in parser.links:
            if (target := same_site_path(page_url, href)) is not None:
                frontier.add(page_url, target)
    return dead_ends


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_no_persona_is_shown_a_link_or_button_that_leads_nowhere(clients, persona):  # noqa: F811
    dead_ends = crawl(clients[persona])
    assert dead_ends == [], "\n".join(
        f"{status} {url} (shown on {shown_on})" for shown_on, url, status in dead_ends
    )
