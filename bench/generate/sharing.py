"""What the two families share: their agreement, the children's All About Me profiles and
the journal."""

from typing import NamedTuple

from django.utils import timezone

from aboutme.models import Entry
from aboutme.topics import TOPICS
from accounts.models import Role
from agreements.models import Acknowledgment, AgreementVersion, Consent, HomeTerms
from bench.generate.people import BIRTH_PARENT, PARTNER_PARENT, People, accounts_make
from bench.generate.rows import rows_insert, rows_made
from bench.scale import Figures
from journal.models import Post, Reaction


class Writers(NamedTuple):
    """Who writes as each side, by partnership: the user's id."""

    birth: list
    partner: list
    coach: list


def profiles_generate(*, figures: Figures, people: People):
    """A partner parent with an account and an acknowledged agreement in the first
    partnership, every child's profile written a little, and one child's profile edited
    thousands of times."""
    total = figures.partnerships
    partnership = people.partnerships[0]
    (parent,) = accounts_make([PARTNER_PARENT], role=Role.PARTNER_PARENT, password=people.password)
    home_parent = people.parents[total]  # the first partner home's parent
    home_parent.user = parent
    home_parent.save(update_fields=["user"])
    (writer,) = accounts_make([BIRTH_PARENT], role=Role.BIRTH_PARENT, password=people.password)
    mother = people.parents[0]
    mother.user = writer
    mother.save(update_fields=["user"])
    version = AgreementVersion.objects.create(partnership=partnership, number=1, drafted_by=writer)
    for side in ("birth", "partner"):
        HomeTerms.objects.create(version=version, side=side)
    for reader in (parent, writer):
        Acknowledgment.objects.create(version=version, user=reader)
    Consent.objects.create(partnership=partnership, person=mother, purpose="other_home", given=True)
    writers = writers_of(figures=figures, people=people, parent=parent, writer=writer)
    children, partnership_of = people.children, partnership_of_child(people)
    busy = children[0]
    rows_insert(
        Entry,
        (
            Entry(
                child=busy,
                topic=TOPICS[i % len(TOPICS)].code,
                author="birth",
                text=f"Version {i} of what she loves.",
                language="en",
                written_by=writer,
            )
            for i in range(figures.busy_child_entries)
        ),
    )
    sides = ["birth", "partner", "coach"]
    rows_insert(
        Entry,
        (
            Entry(
                child=children[c],
                topic=TOPICS[i % len(TOPICS)].code,
                author=sides[i % 3],
                text="A few words.",
                language="es",
                written_by_id=getattr(writers, sides[i % 3])[partnership_of[c]],
            )
            for i in range(figures.profile_entries)
            for c in [i % len(children)]
        ),
    )
    posts_generate(figures=figures, people=people, writers=writers, parent=parent)
    return parent


def writers_of(*, figures: Figures, people: People, parent, writer) -> Writers:
    """Each partnership's parents and coach, when the parents have accounts; otherwise
    the first birth parent for every side, as the bench has always written."""
    total = figures.partnerships
    if not figures.parent_accounts:
        return Writers(*([writer.pk] * total,) * 3)
    return Writers(
        birth=[writer.pk] + [p.user_id for p in people.parents[1:total]],
        partner=[parent.pk] + [p.user_id for p in people.parents[total + 1 :]],
        coach=[p.coach_id for p in people.partnerships],
    )


def partnership_of_child(people: People) -> list[int]:
    """The index of each child's partnership."""
    return [n for n, mine in enumerate(people.children_of) for _ in mine]


def posts_generate(*, figures: Figures, people: People, writers: Writers, parent):
    """A journal of thousands of shared posts with reactions and replies in the first
    partnership, and posts spread over all the others, written by each home in turn when
    the parents have accounts."""
    busy = figures.busy_partnership_posts
    others = people.partnerships[1:]
    sides = ["birth", "partner"] if figures.parent_accounts else ["birth"]

    def shared(i):
        n = 0 if i < busy else 1 + i % len(others)
        side = sides[i % len(sides)]
        return Post(
            partnership_id=people.partnerships[n].pk,
            author_id=getattr(writers, side)[n],
            side=side,
            text=f"Moment number {i}: the children at the park.",
            status="published",
            # Shared when written, as post_create shares a post that needs no review: the
            # unread counts and the journal's read mark go by it.
            published_at=timezone.now(),
        )

    mine = rows_made(Post, (shared(i) for i in range(busy)))
    spread = rows_insert(Post, (shared(i) for i in range(busy, figures.posts)))
    rows_insert(
        Post,
        (
            Post(
                partnership_id=people.partnerships[0].pk,
                reply_to=post,
                author=parent,
                side="partner",
                text="Thank you!",
                status="published",
                published_at=timezone.now(),
            )
            for post in mine
        ),
    )
    rows_insert(Reaction, (Reaction(post=post, user=parent, kind="heart") for post in mine))
    return len(mine) + spread
