"""What the journal tells the layers below through their registries."""

from agreements.selectors import Sharing
from journal.models import Post
from journal.selectors import posts_wait_for_review, visible_posts
from partnerships.models import Partnership


def review_first(*, partnership: Partnership) -> list[bool]:
    return [posts_wait_for_review(partnership)]


def hears_voice_note(user, recording, sharing: Sharing) -> bool:
    return (
        Post.objects.filter(recording=recording, partnership=sharing.partnership)
        .filter(visible_posts(user, sharing))
        .exists()
    )
