"""Photograph every persona's main pages, at a phone's and a laptop's width, in English
and Spanish, into docs/screenshots/ (`make screenshots`).

The demo program is loaded into a throwaway SQLite database in a temporary folder and
served in-process; the developer's village.sqlite3 and media are never touched."""

import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings
from django.urls import reverse

from core.roles import Language
from core.tests.browser import CHROMIUM, CHROMIUM_ARGS, finish_sign_in, switch_language
from families.models import Child
from home.demo import DEMO_PASSWORD, load_demo
from partnerships.models import Partnership

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"
LANGUAGES = ["en", "es"]
WIDTHS = [360, 1280]
# Long pages are cut here, so each picture stays a few dozen kilobytes.
MAX_HEIGHT = {360: 2400, 1280: 1600}
COLORS = 64
#: The demo's life book has a cover, All About Me, the milestones and two journal pages.
LIFE_BOOK_PAGES = 5

# A page is (its name in the file name, its URL name, which demo record the URL needs).
PARTNERSHIP, CHILD = "partnership", "child"
PERSONAS = {
    "visitor": (
        None,
        [
            ("overview", "home:home", None),
            ("interest", "intake:interest", None),
            ("resources", "directory:search", None),
        ],
    ),
    "birth-parent": (
        "birth.parent@example.org",
        [
            ("home", "home:home", None),
            ("calendar", "schedule:agenda", None),
            ("journal", "journal:feed", PARTNERSHIP),
            ("about-me", "aboutme:profile", CHILD),
            ("messages", "conversations:inbox", None),
        ],
    ),
    "partner-parent": (
        "partner.parent@example.org",
        [
            ("home", "home:home", None),
            ("journal", "journal:feed", PARTNERSHIP),
            ("life-book", "lifebook:book", CHILD),
        ],
    ),
    "coach": (
        "coach@example.org",
        [
            ("home", "home:home", None),
            ("partnership", "partnerships:detail", PARTNERSHIP),
            ("calendar", "schedule:agenda", None),
            ("interest-forms", "intake:queue", None),
        ],
    ),
    "director": (
        "director@example.org",
        [
            ("home", "home:home", None),
            ("partnerships", "partnerships:list", None),
            ("audit", "audit:search", None),
        ],
    ),
    "finance": (
        "finance@example.org",
        [
            ("home", "home:home", None),
            ("financial-help", "assistance:index", None),
        ],
    ),
    "volunteer": (
        "volunteer@example.org",
        [
            ("home", "home:home", None),
            ("gatherings", "gatherings:list", None),
        ],
    ),
}


def page_path(url_name, needs, records) -> str:
    """The page's path; records maps PARTNERSHIP and CHILD to the demo's ids."""
    if needs == PARTNERSHIP:
        return reverse(url_name, kwargs={"partnership_id": records[PARTNERSHIP]})
    if needs == CHILD:
        return reverse(url_name, kwargs={"child_id": records[CHILD]})
    return reverse(url_name)


def file_name(persona, page, language, width) -> str:
    return f"{persona}-{page}-{language}-{width}.png"


def index() -> str:
    """docs/screenshots/README.md: which picture shows which persona's page."""
    lines = [
        "# Screenshots",
        "",
        "Every persona's main pages in the demo program, at 360 px (a phone) and 1280 px",
        "(a laptop), in English and Spanish. `make screenshots` writes them again from a",
        "throwaway database; long pages are cut at the bottom.",
        "",
        "| persona | page | English | Spanish |",
        "|---|---|---|---|",
    ]
    for persona, (_, pages) in PERSONAS.items():
        for name, *_ in pages:
            cells = [
                " · ".join(
                    f"[{width} px]({file_name(persona, name, language, width)})" for width in WIDTHS
                )
                for language in LANGUAGES
            ]
            lines.append(f"| {persona} | {name} | {cells[0]} | {cells[1]} |")
    lines += [
        "",
        "## Sofía's life book",
        "",
        "The demo's life book as Ana downloads it, each page drawn by `pdftoppm -r 50`, and",
        "the chosen photos four to a letter-size sheet.",
        "",
        "| page | English | Spanish |",
        "|---|---|---|",
    ]
    for number in range(1, LIFE_BOOK_PAGES + 1):
        cells = [
            f"[page {number}](lifebook-sofia-{language}-{number}.png)" for language in LANGUAGES
        ]
        lines.append(f"| {number} | {cells[0]} | {cells[1]} |")
    lines += ["", "[The photo sheet](lifebook-sofia-photo-sheet-1.png)"]
    return "\n".join(lines) + "\n"


def shrink(png: bytes, width: int) -> bytes:
    """Cut the page at MAX_HEIGHT and keep COLORS colors: the gallery is committed."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT[width])))
    out = io.BytesIO()
    image.quantize(colors=COLORS).save(out, format="PNG", optimize=True)
    return out.getvalue()


class Command(BaseCommand):
    help = "Write screenshots of every persona's main pages to docs/screenshots/."
    # The checks would open the developer's database before it is swapped for the temp one.
    requires_system_checks = []

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory(prefix="village-screenshots-") as folder:
            self._use_database(Path(folder) / "village.sqlite3")
            with override_settings(
                MEDIA_ROOT=Path(folder) / "media",
                ALLOWED_HOSTS=["127.0.0.1", "localhost"],
                STORAGES={
                    **settings.STORAGES,
                    "staticfiles": {
                        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
                    },
                },
            ):
                call_command("migrate", verbosity=0, interactive=False)
                load_demo()
                records = self._demo_records()
                server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
                server.daemon = True
                server.start()
                server.is_ready.wait()
                if server.error:
                    raise server.error
                try:
                    written = self._photograph(f"http://127.0.0.1:{server.port}", records)
                finally:
                    server.terminate()
                    connections.close_all()
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} screenshots to {OUT}."))

    def _use_database(self, path):
        """Point the default database at a new file before anything connects to it; the
        server's threads open their own connections from the same settings."""
        connections.close_all()
        connections["default"].settings_dict["NAME"] = str(path)
        settings.DATABASES["default"]["NAME"] = str(path)

    def _demo_records(self):
        sofia = Child.objects.get(first_name="Sofía")
        shared = Partnership.objects.get(children=sofia)
        return {PARTNERSHIP: shared.pk, CHILD: sofia.pk}

    def _photograph(self, base_url, records) -> int:
        from playwright.sync_api import sync_playwright

        # The ORM is done with by now; Playwright's event loop would make Django refuse it.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for old in OUT.glob("*.png"):
            old.unlink()
        OUT.mkdir(parents=True, exist_ok=True)
        written = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for persona, (email, pages) in PERSONAS.items():
                for language in LANGUAGES:
                    # The browser's own locale too, for its date fields' placeholders.
                    context = browser.new_context(
                        viewport={"width": WIDTHS[0], "height": 740}, locale=f"{language}-US"
                    )
                    page = context.new_page()
                    if email:
                        self._sign_in(page, base_url, email)
                    self._switch_language(page, base_url, language)
                    for name, url_name, needs in pages:
                        page.goto(base_url + page_path(url_name, needs, records))
                        for width in WIDTHS:
                            png = self._picture(page, width)
                            target = OUT / file_name(persona, name, language, width)
                            target.write_bytes(shrink(png, width))
                            written += 1
                            self.stdout.write(f"  {target.name}")
                    context.close()
            written += self._life_book(browser, base_url, records)
            browser.close()
        (OUT / "README.md").write_text(index())
        return written

    def _life_book(self, browser, base_url, records) -> int:
        """Sofía's life book and photo sheet as Ana downloads them, each page a small
        picture made by pdftoppm (poppler-utils), when the machine has it."""
        import shutil
        import subprocess

        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            self.stderr.write("No pdftoppm here: the life book's pages are not photographed.")
            return 0
        context = browser.new_context()
        page = context.new_page()
        self._sign_in(page, base_url, "birth.parent@example.org")
        child = {"child_id": records[CHILD]}
        downloads = [
            (f"lifebook-sofia-{language}", reverse("lifebook:pdf", kwargs=child), language, 50)
            for language in LANGUAGES
        ]
        downloads.append(
            ("lifebook-sofia-photo-sheet", reverse("lifebook:photos", kwargs=child), "", 30)
        )
        written = 0
        with tempfile.TemporaryDirectory(prefix="village-life-book-") as folder:
            for name, path, language, resolution in downloads:
                query = f"?lang={language}" if language else "?layout=sheet"
                response = page.request.get(base_url + path + query)
                if response.status != 200:
                    raise CommandError(f"{path} answered {response.status}.")
                pdf = Path(folder) / f"{name}.pdf"
                pdf.write_bytes(response.body())
                subprocess.run(  # noqa: S603 — our own file, pdftoppm found on the PATH
                    [pdftoppm, "-r", str(resolution), "-png", str(pdf), str(OUT / name)],
                    check=True,
                )
                written += len(list(OUT.glob(f"{name}-*.png")))
        context.close()
        return written

    def _picture(self, page, width):
        """The page as tall as it is (up to MAX_HEIGHT), in one screen: a phone's tab bar
        then sits at the bottom of the picture, where it is on the phone, not across the
        middle of a long page as a full-page capture would leave it."""
        page.set_viewport_size({"width": width, "height": 740})
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": width, "height": max(740, min(height, MAX_HEIGHT[width]))})
        return page.screenshot(animations="disabled")

    def _sign_in(self, page, base_url, email):
        page.goto(base_url + reverse("accounts:sign_in"))
        # By the fields' names: the page speaks the browser's language, English or Spanish.
        page.locator("main form input[name='username']").fill(email)
        page.locator("main form input[name='password']").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type='submit']").click()
        finish_sign_in(page, email)
        if reverse("accounts:sign_in") in page.url:
            raise CommandError(f"{email} could not sign in.")

    def _switch_language(self, page, base_url, language):
        """The language switch at the top of every page, as a person would use it: it also
        sets a signed-in person's account language."""
        page.goto(base_url + reverse("home:home"))
        if page.locator("html").get_attribute("lang") == language:
            return
        switch_language(page, Language(language).label)
