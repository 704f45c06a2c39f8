"""How large the generated program is, as explicit figures: the generators and the summary
read the same ones, so what is printed is what was made.

Two profiles: `scaled(n)`, BENCH_SCALE times a program of 40 coaches (`make bench`, whose
pages are measured on that shape: two children a partnership, three calendar events, two
assistance requests), and `STATEWIDE` (`make bench-data`), a state's program for the load
tests, whose ratios are a state's rather than a multiple of the bench's."""

import os
from typing import NamedTuple


class Figures(NamedTuple):
    coaches: int
    #: Given to the coaches in turn: partnerships // coaches each, the caseload.
    partnerships: int
    #: Spread evenly over the partnerships: 2.5 a partnership is two and three by turns.
    children: int
    #: Stored rows, recurring ones counted once: three a partnership at least (weekly
    #: family time, fortnightly counseling, a hearing), the rest one-off dates around today.
    events: int
    #: Spread evenly over the partnerships, like the children.
    assistance_requests: int
    #: Shared journal posts, BUSY_PARTNERSHIP_POSTS of them in the first partnership.
    posts: int
    #: Directory services (50,000 is a state's 2-1-1 directory).
    services: int
    audit: int
    submissions: int
    profile_entries: int
    gatherings: int
    finance: int = 0
    #: Every parent can sign in (the load tests act as many of them), not only the first
    #: partnership's two.
    parent_accounts: bool = False
    busy_child_entries: int = 3_000
    busy_partnership_posts: int = 2_000
    busy_gathering_replies: int = 2_000

    @property
    def per_coach(self) -> int:
        return self.partnerships // self.coaches


def scaled(scale: int) -> Figures:
    """`scale` times the program `make bench` measures (RESULTS.md's figures at 1)."""
    coaches = 40 * scale
    partnerships = coaches * 30
    return Figures(
        coaches=coaches,
        partnerships=partnerships,
        children=partnerships * 2,
        events=partnerships * 3,
        assistance_requests=partnerships * 2,
        posts=50_000 * scale,
        services=50_000 * scale,
        audit=50_000 * scale,
        submissions=20_000 * scale,
        profile_entries=100_000 * scale,
        gatherings=120 * scale,
    )


#: A state's program: 270 coaches with 30 partnerships each, 2.5 children, 25 journal
#: posts, 12.5 calendar events and 2.5 assistance requests a partnership; the 2-1-1
#: directory; a year of audit entries and interest forms at that size.
STATEWIDE = Figures(
    coaches=270,
    partnerships=8_100,
    children=20_250,
    events=101_250,
    assistance_requests=20_250,
    posts=202_500,
    services=50_000,
    audit=250_000,
    submissions=40_000,
    profile_entries=200_000,
    gatherings=360,
    finance=3,
    parent_accounts=True,
)

SCALE = int(os.environ.get("BENCH_SCALE", "1"))
FIGURES = scaled(SCALE)


def spread(total: int, among: int, index: int) -> int:
    """How many of `total` things the `index`th of `among` holders has, all holding the
    same number give or take one, the extra ones spread out (2, 3, 2, 3 for 2.5 each)."""
    return (index + 1) * total // among - index * total // among
