"""Every icon the app names is in the sprite design/build.py writes, which carries only
the icons the app uses: a name missing from it would draw nothing, silently."""

import re
from pathlib import Path

from django.conf import settings

from home.navigation import parent_tabs, volunteer_tabs
from schedule.kinds import ICONS as KIND_ICONS

BASE = Path(settings.BASE_DIR)


def test_every_icon_a_template_the_tabs_or_a_kind_names_is_in_the_sprite():
    sprite = set(
        re.findall(r'<symbol id="([a-z_]+)"', (BASE / "static/village/icons.svg").read_text())
    )
    named = {tab.icon for tab in parent_tabs() + volunteer_tabs()} | set(KIND_ICONS.values())
    for template in BASE.glob("**/templates/**/*.html"):
        if "node_modules" not in template.parts and ".venv" not in template.parts:
            named |= set(re.findall(r'\{% icon "([a-z_]+)"', template.read_text()))
    assert len(named) > 15
    assert named - sprite == set()
