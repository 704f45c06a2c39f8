"""The demo program's journal: Jenna's photo of the children making cards for mama, Ana's
thanks, one post of Ana's waiting for the coach, and Keisha's first day of school in her
own journal."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from core.images import make_safe
from journal.models import Photo, Post, Reaction, Status


def _drawing(sky, table, *heads) -> bytes:
    """A simple picture drawn for the demo: heads around a table, a card on it."""
    picture = Image.new("RGB", (800, 600), sky)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 400, 800, 600), fill=table)
    for x, colour in heads:
        draw.ellipse((x, 200, x + 140, 340), fill=colour)
        draw.rectangle((x + 20, 330, x + 120, 420), fill=colour)
    draw.rectangle((330, 430, 470, 520), fill="#fff4d6", outline="#c0392b", width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _paper(background, ink, *marks) -> bytes:
    """A sheet of paper photographed for the demo, at print size: a child's drawing or a
    certificate, drawn as simple shapes."""
    picture = Image.new("RGB", (1600, 1200), "#f4efe6")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((150, 100, 1450, 1100), fill=background, outline=ink, width=12)
    for box, colour in marks:
        draw.ellipse(box, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def load_journal(*, ana, jenna, keisha, shared, home_again):
    now = timezone.now()

    def posted(partnership, author, side, text, hours_ago, *, picture=None, alt="", **more):
        post = Post.objects.create(
            partnership=partnership,
            author=author,
            side=side,
            text=text,
            status=more.pop("status", Status.PUBLISHED),
            published_at=now - timedelta(hours=hours_ago),
            **more,
        )
        Post.objects.filter(pk=post.pk).update(created_at=now - timedelta(hours=hours_ago))
        if picture:
            safe = make_safe(SimpleUploadedFile("demo.jpg", picture, "image/jpeg"))
            Photo.objects.create(
                post=post,
                large=safe.large,
                small=safe.small,
                width=safe.width,
                height=safe.height,
                description=alt,
            )
        return post

    cards = posted(
        shared,
        jenna,
        "partner",
        "There they are at the breakfast table, making cards for mama. Sofi drew the two of "
        "you at the park; Mateo wrote the words himself.",
        26,
        picture=_drawing("#fde2c8", "#8d6e63", (140, "#6d4c41"), (520, "#a1887f")),
        alt="Two children at a breakfast table, with a card between them.",
    )
    cards.children.set(shared.children.all())
    thanks = posted(
        shared,
        ana,
        "birth",
        "¡Qué lindas! Gracias por esta foto. La tengo en mi celular.",
        20,
        reply_to=cards,
    )
    Reaction.objects.create(post=cards, user=ana, kind="heart")
    Reaction.objects.create(post=thanks, user=jenna, kind="heart")
    posted(
        shared,
        ana,
        "birth",
        "Mateo, I heard about your math quiz. I am so proud of you. Te quiero mucho.",
        2,
        status=Status.WAITING,
    )
    school = posted(
        home_again,
        keisha,
        "birth",
        "First day of first grade. Jalen picked the dinosaur backpack.",
        90 * 24,
        picture=_drawing("#d6eaf8", "#5d6d7e", (330, "#4e342e")),
        alt="A boy with a backpack.",
    )
    school.children.set(home_again.children.all())
    # Sofi's own news for her life book (lifebook/demo.py): her drawing, her certificate,
    # and two posts nobody chose for it.
    sofia = shared.children.order_by("-birth_date").first()
    for author, side, text, hours_ago, picture, alt in (
        (
            jenna,
            "partner",
            "Sofi drew your family for you: mama, Mateo, Sofi and Conejita under a big sun. "
            "She asked me to send it before anything else.",
            74,
            _paper(
                "#ffffff",
                "#1565c0",
                ((300, 300, 500, 500), "#fdd835"),
                ((700, 600, 850, 950), "#8d6e63"),
            ),
            "Sofi's drawing: her family and Conejita the rabbit under a yellow sun.",
        ),
        (
            jenna,
            "partner",
            "Reader of the Month in Ms. Park's class! Twenty books in October.",
            50,
            _paper("#fffbe6", "#b8860b", ((700, 700, 900, 900), "#daa520")),
            "Sofi's certificate, Reader of the Month, with a gold star.",
        ),
        (jenna, "partner", "Sofi rode her bike without training wheels today!", 100, None, ""),
        (ana, "birth", "Sofi, I loved your singing on Tuesday. Pronto, mi amor.", 120, None, ""),
    ):
        news = posted(shared, author, side, text, hours_ago, picture=picture, alt=alt)
        news.children.set([sofia])
