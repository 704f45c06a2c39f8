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


def eventually(page, script: str, arg=None, seconds: float = 10):
    """The truthy answer of an asynchronous `script`, asked again until it gives one
    (wait_for_function takes a promise itself for a truthy answer)."""
    for _ in range(int(seconds * 10)):
        answer = page.evaluate(script, arg)
        if answer:
            return answer
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def kept(page, path: str) -> None:
    """Wait until the worker has kept `path` (it keeps after answering)."""
    eventually(page, _KEPT, path)


def wait_until_nothing_is_kept(page) -> None:
    eventually(page, "caches.keys().then(names => names.length === 0)")


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
