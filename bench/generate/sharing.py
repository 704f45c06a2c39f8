"""What the two families share: their agreement, the children's All About Me profiles and
the journal."""

from django.contrib.auth.models import Group

from aboutme.models import Entry
from aboutme.topics import TOPICS
from accounts.models import Role, User
from agreements.models import Acknowledgment, AgreementVersion, Consent, HomeTerms
from bench.scale import BUSY_CHILD_ENTRIES, BUSY_PARTNERSHIP_POSTS, POSTS, PROFILE_ENTRIES
from journal.models import Post, Reaction
from partnerships.models import Partnership


def profiles_generate(*, partnership, children, home_parent):
    """A partner parent with an account and an acknowledged agreement, every child's
    profile written a little, and one child's profile edited thousands of times."""
    parent = User.objects.create_user(email="bench-parent@example.org", password="x")
    parent.groups.add(Group.objects.get(name=Role.PARTNER_PARENT))
    home_parent.user = parent
    home_parent.save(update_fields=["user"])
    writer = User.objects.create_user(email="bench-birth@example.org", password="x")
    writer.groups.add(Group.objects.get(name=Role.BIRTH_PARENT))
    mother = partnership.birth_family.parents.get()
    mother.user = writer
    mother.save(update_fields=["user"])
    version = AgreementVersion.objects.create(partnership=partnership, number=1, drafted_by=writer)
    for side in ("birth", "partner"):
        HomeTerms.objects.create(version=version, side=side)
    for reader in (parent, writer):
        Acknowledgment.objects.create(version=version, user=reader)
    Consent.objects.create(partnership=partnership, person=mother, purpose="other_home", given=True)
    busy = children[0]
    rows = [
        Entry(
            child=busy,
            topic=TOPICS[i % len(TOPICS)].code,
            author="birth",
            text=f"Version {i} of what she loves.",
            language="en",
            written_by=writer,
        )
        for i in range(BUSY_CHILD_ENTRIES)
    ] + [
        Entry(
            child=children[i % len(children)],
            topic=TOPICS[i % len(TOPICS)].code,
            author=["birth", "partner", "coach"][i % 3],
            text="A few words.",
            language="es",
            written_by=writer,
        )
        for i in range(PROFILE_ENTRIES)
    ]
    Entry.objects.bulk_create(rows, batch_size=5000)
    posts_generate(busy=partnership, parent=parent, writer=writer)
    return parent


def posts_generate(*, busy, parent, writer):
    """A journal of thousands of shared posts with reactions and replies in one
    partnership, and posts spread over all the others."""
    others = list(Partnership.objects.exclude(pk=busy.pk).values_list("pk", flat=True))
    posts = Post.objects.bulk_create(
        [
            Post(
                partnership_id=busy.pk if i < BUSY_PARTNERSHIP_POSTS else others[i % len(others)],
                author=writer,
                side="birth",
                text=f"Moment number {i}: the children at the park.",
                status="published",
            )
            for i in range(POSTS)
        ],
        batch_size=5000,
    )
    mine = posts[:BUSY_PARTNERSHIP_POSTS]
    Post.objects.bulk_create(
        [
            Post(
                partnership_id=busy.pk,
                reply_to=post,
                author=parent,
                side="partner",
                text="Thank you!",
                status="published",
            )
            for post in mine
        ],
        batch_size=5000,
    )
    Reaction.objects.bulk_create(
        [Reaction(post=post, user=parent, kind="heart") for post in mine], batch_size=5000
    )
