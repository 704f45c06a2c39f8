"""The journal in a family's records (decision 0019): every post and reply of the
family's partnerships, with their photos (the files too). On closing, the posts stay as
dated rows (the figures count them) and their words, earlier versions and photos go,
the photos' files from storage once the closure has committed."""

from django.utils.translation import gettext_lazy

from families.models import BirthFamily
from families.records import Closing, Part, Section, files_of, register, rows_of
from journal.models import Photo, Post, ReadMark, Revision


def _export(family: BirthFamily) -> list[Section]:
    photos = Photo.objects.filter(post__partnership__birth_family=family).order_by("pk")
    return [
        Section(
            title=gettext_lazy("Journal"),
            slug="journal",
            columns=[
                "id",
                "partnership",
                "reply_to",
                "side",
                "author",
                "text",
                "status",
                "return_reason",
                "created_at",
                "published_at",
            ],
            rows=rows_of(
                Post.objects.filter(partnership__birth_family=family).order_by("created_at", "pk"),
                [
                    "pk",
                    "partnership_id",
                    "reply_to_id",
                    "side",
                    "author__email",
                    "text",
                    "status",
                    "return_reason",
                    "created_at",
                    "published_at",
                ],
            ),
            note=gettext_lazy("Only its author changes a post."),
        ),
        Section(
            title=gettext_lazy("Earlier words of posts"),
            slug="journal_revisions",
            columns=["post", "text", "replaced_at"],
            rows=rows_of(
                Revision.objects.filter(post__partnership__birth_family=family).order_by("pk"),
                ["post_id", "text", "replaced_at"],
            ),
        ),
        Section(
            title=gettext_lazy("Photos"),
            slug="photos",
            columns=["id", "post", "description", "width", "height"],
            rows=rows_of(photos, ["pk", "post_id", "description", "width", "height"]),
            files=files_of(photos, "large", folder="photos"),
        ),
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    posts = Post.objects.filter(partnership__birth_family=family)
    closing.empty(posts, "text", "return_reason")
    closing.delete(Revision.objects.filter(post__in=posts))
    closing.delete(Photo.objects.filter(post__in=posts), "large", "small")
    closing.delete(ReadMark.objects.filter(partnership__birth_family=family))


register(Part(name="journal", export=_export, close=_close))
