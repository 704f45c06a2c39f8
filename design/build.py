"""Build the app's stylesheet, fonts and icons from the pinned npm packages (`make design`).

What it writes under static/village/ is committed, so `make run` needs no Node.js: this
runs only when the design changes or a package is updated (design/package.json pins
each version; package-lock.json pins what npm downloads)."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
USWDS = MODULES / "@uswds" / "uswds"
FONTS = MODULES / "@fontsource" / "atkinson-hyperlegible"
OUT = HERE.parent / "static" / "village"

# The icons the templates use, by the name they use (core.templatetags.village.icon).
ICONS = [
    # the tabs and the staff's menu (home/navigation.py, templates/base.html)
    "home",
    "calendar_today",
    "photo_camera",
    "forum",
    "more_horiz",
    "menu",
    "close",
    "expand_more",
    "translate",
    # the More page (home/templates/home/more.html)
    "send",
    "groups",
    "school",
    "support",
    "settings",
    "notifications",
    "lock",
    "logout",
    # the kinds of dates (schedule/kinds.py)
    "favorite",
    "account_balance",
    "event",
    "backpack",
    # the transition plan's checklist (transition/templates/transition/plan.html)
    "check",
    # a recording being made (voice/_player.html)
    "hourglass_empty",
]
FONT_FILES = ["atkinson-hyperlegible-latin-400-normal", "atkinson-hyperlegible-latin-700-normal"]


def version(package: Path) -> str:
    return json.loads((package / "package.json").read_text())["version"]


def compile_css() -> Path:
    css = OUT / "village.css"
    # The compiler from our own pinned node_modules, on our own sources.
    subprocess.run(  # noqa: S603
        [
            MODULES / ".bin" / "sass",
            "--no-source-map",
            "--style=compressed",
            "--quiet-deps",
            f"--load-path={USWDS / 'packages'}",
            HERE / "village.scss",
            css,
        ],
        check=True,
    )
    banner = (
        f"/* Village: built by design/build.py from @uswds/uswds {version(USWDS)} (public "
        f"domain, see LICENSES/uswds.md) and design/*.scss; Atkinson Hyperlegible "
        f"{version(FONTS)} (SIL OFL 1.1, see LICENSES/atkinson-hyperlegible.txt). */\n"
    )
    css.write_text(banner + css.read_text().lstrip("\ufeff"))
    return css


def copy_images(css: Path) -> None:
    """Copy the system's images that the stylesheet points at, and no others."""
    shutil.rmtree(OUT / "img", ignore_errors=True)
    for ref in sorted(set(re.findall(r'url\("?img/([^")]+)"?\)', css.read_text()))):
        target = OUT / "img" / ref
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(USWDS / "dist" / "img" / ref, target)


def copy_fonts() -> None:
    shutil.rmtree(OUT / "fonts", ignore_errors=True)
    (OUT / "fonts").mkdir()
    for name in FONT_FILES:
        shutil.copyfile(FONTS / "files" / f"{name}.woff2", OUT / "fonts" / f"{name}.woff2")


def build_sprite() -> None:
    """One SVG of <symbol>s, so an icon is <svg><use href="icons.svg#home"></svg>: one
    cached request for every icon on every page, and no inline SVG in the HTML."""
    symbols = []
    for name in ICONS:
        svg = (USWDS / "dist" / "img" / "usa-icons" / f"{name}.svg").read_text()
        view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
        body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1).strip()
        symbols.append(f'<symbol id="{name}" viewBox="{view_box}">{body}</symbol>')
    (OUT / "icons.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"
    )


def copy_licences() -> None:
    licences = OUT / "LICENSES"
    licences.mkdir(exist_ok=True)
    shutil.copyfile(USWDS / "LICENSE.md", licences / "uswds.md")
    shutil.copyfile(FONTS / "LICENSE", licences / "atkinson-hyperlegible.txt")


def main() -> int:
    missing = [
        name for name in ICONS if not (USWDS / "dist/img/usa-icons" / f"{name}.svg").exists()
    ]
    if missing:
        sys.exit(f"No such USWDS icon: {', '.join(missing)}")
    css = compile_css()
    copy_images(css)
    copy_fonts()
    build_sprite()
    copy_licences()
    print(f"Wrote {css.relative_to(HERE.parent)} ({css.stat().st_size:,} bytes), fonts, icons.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
