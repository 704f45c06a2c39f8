"""The pages the load benchmarks ask for, and who asks: the statewide program's people
(bench/sessions.py), each signed in once, their records found by their place in the
generation (the first child, whose profile and journal are the busiest, and its
partnership)."""

from dataclasses import dataclass, field

from bench.sessions import personas, session_cookie, users_in_role
from families.models import Child

#: Where each kind of person goes in a day, in order, again and again.
COACH_DAY = ("/", "/calendar/", "/partnerships/", "/intake/", "/resources/?q=food", "/")
PARENT_DAY = ("/", "/calendar/", "/messages/", "/gatherings/", "/")
DIRECTOR_DAY = ("/", "/partnerships/", "/assistance/report/", "/intake/figures/", "/audit/")


@dataclass(frozen=True)
class Page:
    url: str
    who: str
    cookie: str


@dataclass
class Route:
    who: str
    cookie: str
    pages: list[Page]
    post_url: str = ""
    extra: dict = field(default_factory=dict)


def busiest():
    child = Child.objects.order_by("pk").first()
    return child, child.partnerships.get()


def pages_to_load() -> list[Page]:
    """The trivial anonymous page first, then the heavy pages of each kind of person."""
    people = personas()
    cookies = {name: session_cookie(user) for name, user in people.items()}
    child, shared = busiest()
    wanted = [
        ("/", "visitor"),
        ("/", "coach"),
        ("/calendar/", "coach"),
        ("/calendar/?view=month", "coach"),
        (f"/partnerships/{shared.pk}/", "coach"),
        ("/intake/", "coach"),
        ("/resources/?need=childcare&language=es&near=78702&miles=5", "coach"),
        ("/", "birth parent"),
        ("/calendar/", "birth parent"),
        (f"/journal/{shared.pk}/", "birth parent"),
        (f"/about-me/{child.pk}/", "birth parent"),
        ("/", "partner parent"),
        ("/", "director"),
    ]
    return [Page(url, who, cookies.get(who, "")) for url, who in wanted]


def day_routes(count: int) -> list[Route]:
    """`count` people: the director, the two parents of the busiest partnership, and as
    many coaches and other parents as make up the rest, half and half."""
    people = personas()
    child, shared = busiest()

    def route(who, user, urls, **kwargs):
        cookie = session_cookie(user)
        return Route(who, cookie, [Page(url, who, cookie) for url in urls], **kwargs)

    routes = [
        route("director", people["director"], DIRECTOR_DAY),
        route(
            "birth parent",
            people["birth parent"],
            (*PARENT_DAY, f"/journal/{shared.pk}/", f"/about-me/{child.pk}/"),
            post_url=f"/journal/{shared.pk}/new/",
        ),
        route(
            "partner parent",
            people["partner parent"],
            (*PARENT_DAY, f"/journal/{shared.pk}/", f"/about-me/{child.pk}/"),
        ),
    ]
    rest = max(0, count - len(routes))
    coaches = users_in_role("coach", (rest + 1) // 2)
    known = {user.pk for user in people.values()}
    parents = [u for u in users_in_role("birth_parent", rest) if u.pk not in known]
    routes += [route("coach", user, COACH_DAY) for user in coaches]
    routes += [route("parent", user, PARENT_DAY) for user in parents[: rest - len(coaches)]]
    return routes[:count]
