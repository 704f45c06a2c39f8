from django import template

from journal.selectors import reaction_counts as counts_of

register = template.Library()


@register.simple_tag
def reaction_counts(post) -> dict[str, int]:
    return counts_of(post)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def shows_photo(sharing, post) -> bool:
    """Whether the reader (the request's user, kept on the sharing by the view) sees the
    post's photos: the agreement must share photos and the author must have consented."""
    return sharing.shows_photos(
        sharing.reader, author=getattr(post.author, "person", None), side=post.side
    )
