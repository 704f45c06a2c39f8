"""The demo's life book: Sofi's, ready to print. Jenna chose the cards at the breakfast
table; Ana chose Sofi's drawing and her certificate; both have seen the choice."""

from django.utils import timezone

from journal.models import Post, Status
from lifebook.models import Book, Pick, Side


def load_lifebook(*, ana, jenna, shared):
    sofia = shared.children.order_by("-birth_date").first()
    with_photos = (
        Post.objects.filter(
            partnership=shared,
            reply_to__isnull=True,
            status=Status.PUBLISHED,
            children=sofia,
            photos__isnull=False,
        )
        .distinct()
        .order_by("published_at", "pk")
    )
    book = Book.objects.create(child=sofia, partnership=shared, changed_at=timezone.now())
    for post in with_photos:
        home, user = (Side.PARTNER, jenna) if "cards" in post.text else (Side.BIRTH, ana)
        Pick.objects.create(book=book, post=post, side=home, picked_by=user)
    version = book.picks.count()
    Book.objects.filter(pk=book.pk).update(
        version=version, birth_seen=version, partner_seen=version
    )
