"""Every page each demo persona can reach, crawled link by link.

Nobody should be shown an action they cannot take: from the home page, every same-site
link and every form a persona is shown must lead somewhere they may go. Links are
followed breadth-first; a GET form is submitted as it stands; a POST form is not
submitted, but its address must not answer 404 or 403 to a GET (a view that only takes
POST redirects or answers 405, which is fine).
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from home.tests.test_access import PERSONAS, clients, demo  # noqa: F401 (fixtures)

MOST_URLS_PER_PERSONA = 400
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


def crawl(client):
    """Every dead end the client meets, as (where it was shown, url, status)."""
    dead_ends = []
    seen = {"/"}
    queue = deque([("start", "/")])
    post_only_checked = set()
    while queue and len(seen) <= MOST_URLS_PER_PERSONA:
        shown_on, url = queue.popleft()
        response = client.get(url, follow=True)
        if response.status_code >= 400:
            dead_ends.append((shown_on, url, response.status_code))
            continue
        if any(
            urlsplit(hop).netloc not in ("", "testserver") for hop, _ in response.redirect_chain
        ):
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page_url = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            page_url += "?" + response.request["QUERY_STRING"]
        parser = LinksAndForms()
        parser.feed(response.content.decode())
        for method, action in parser.forms:
            target = same_site_path(page_url, action)
            if target is None:
                continue
            if method == "get":
                if target not in seen:
                    seen.add(target)
                    queue.append((page_url, target))
            elif target not in post_only_checked:
                post_only_checked.add(target)
                status = client.get(target).status_code
                if status in (403, 404):
                    dead_ends.append((page_url, f"POST {target}", status))
        for href in parser.links:
            target = same_site_path(page_url, href)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((page_url, target))
    return dead_ends


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_no_persona_is_shown_a_link_or_button_that_leads_nowhere(clients, persona):  # noqa: F811
    dead_ends = crawl(clients[persona])
    assert dead_ends == [], "\n".join(
        f"{status} {url} (shown on {shown_on})" for shown_on, url, status in dead_ends
    )
