"""Looking into a browser's service worker and caches from a test."""

from contextlib import contextmanager

from django.urls import reverse

_KEPT = """async path => {
    const url = location.origin + path;
    for (const name of await caches.keys()) {
        if (await (await caches.open(name)).match(url, {ignoreVary: true})) return true;
    }
    return false;
}"""


def worker_in_control(page) -> None:
    """The service worker runs and controls the page (the first page a browser opens is
    not controlled until it is opened again)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("!!navigator.serviceWorker.controller")


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


def kept(page, path: str) -> None:
    """Wait until the worker has kept `path` (it keeps after answering)."""
    page.wait_for_function(_KEPT, arg=path, timeout=10_000)


def wait_until_nothing_is_kept(page) -> None:
    page.wait_for_function("caches.keys().then(names => names.length === 0)", timeout=10_000)


def sign_out(page) -> None:
    page.goto(page.base_url + reverse("home:more"))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


@contextmanager
def open_offline(page):
    page.context.set_offline(True)
    try:
        yield page
    finally:
        page.context.set_offline(False)
