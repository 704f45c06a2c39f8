"""The demo program's profiles: Ana has started Sofi's and Mateo's "All About Me"; Jenna
added what she has learned about Mateo's math, and has seen what is new."""

from datetime import timedelta

from django.utils import timezone

from aboutme.models import Author, Entry, Seen


def load_aboutme(*, coach, ana, jenna, shared):
    sofia, mateo = shared.children.order_by("birth_date").reverse()
    now = timezone.now()

    def wrote(child, topic, author, user, text, days_ago, language="en"):
        entry = Entry.objects.create(
            child=child, topic=topic, author=author, text=text, language=language, written_by=user
        )
        Entry.objects.filter(pk=entry.pk).update(written_at=now - timedelta(days=days_ago))

    wrote(
        sofia,
        "names",
        Author.BIRTH,
        ana,
        "Sofía. Everyone calls her Sofi; her brother calls her Fifi.",
        40,
    )
    wrote(
        sofia,
        "song",
        Author.BIRTH,
        ana,
        "Duérmete, Sofi, la luna te cuida,\nmamá te quiere toda la vida.\n"
        "Mañana hay sol y pan con canela,\nduérmete, Sofi, mi estrellita bella.",
        30,
        language="es",
    )
    # Sofi's breakfast as Ana first wrote it, and as it is now: her life book shows both.
    wrote(sofia, "breakfast", Author.BIRTH, ana, "Pan dulce and warm milk, in her blue cup.", 38)
    wrote(
        sofia,
        "breakfast",
        Author.BIRTH,
        ana,
        "Oatmeal with cinnamon and banana, in the blue bowl. Pan dulce on Sundays.",
        12,
    )
    wrote(
        sofia,
        "bedtime",
        Author.BIRTH,
        ana,
        "Bath at 7:30, two stories, and the hall light left on.",
        30,
    )
    wrote(
        sofia,
        "comfort",
        Author.BIRTH,
        ana,
        "Conejita, her stuffed rabbit. When she cries, rub her back in small circles.",
        29,
    )
    wrote(
        mateo,
        "breakfast",
        Author.BIRTH,
        ana,
        "Huevos rancheros on Sundays; cereal with banana on school days.",
        28,
    )
    wrote(mateo, "allergies", Author.BIRTH, ana, "Penicillin gives him a rash.", 28)
    wrote(
        mateo,
        "school",
        Author.PARTNER,
        jenna,
        "Fourth grade with Mr. Hale. Math is the hard part: fractions click when we "
        "bake and he measures the flour.",
        6,
    )
    wrote(
        mateo,
        "own_words",
        Author.COACH,
        coach,
        "I like soccer and drawing dragons. Math is hard but I am getting better.",
        12,
    )
    for child in (sofia, mateo):
        Seen.objects.create(user=jenna, child=child, seen_at=now - timedelta(days=10))
