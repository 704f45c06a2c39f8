"""Which browser and system a request came from, read off its User-Agent: enough for a
person to tell their phone from a library's computer, and nothing more is kept. Here in
core because the list of signed-in browsers (accounts) and the devices that show one's
notices (notices) both name a browser this way, and neither may import the other."""

_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)


def device_of(user_agent: str) -> tuple[str, str]:
    """("Chrome", "Android") from a User-Agent: enough for a person to tell their phone
    from a library's computer, and nothing more is kept."""
    agent = user_agent[:500]
    browser = next((name for mark, name in _BROWSERS if mark in agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in agent), "")
    return browser, system
