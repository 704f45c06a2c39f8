"""Driving the real Chromium at /usr/bin/chromium through Playwright, for browser tests."""

import json
import os
from pathlib import Path

CHROMIUM = os.environ.get("VILLAGE_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# As root in a container Chromium needs --no-sandbox; the rest keep it off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core in the page; return the violations of the given impact.

    axe is added as a script tag, which the page's CSP would refuse, so browser contexts
    that run it are made with bypass_csp; the CSP itself is checked separately."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def describe(violations) -> str:
    return json.dumps(violations, indent=1, ensure_ascii=False)


def page_overflows(page) -> bool:
    """True when the page scrolls sideways: it does not fit the screen."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
