"""What an "All About Me" profile asks, after QPI's two versions: one for young children,
one for older children and teens, who add their own words.

Topics are code, not data: their labels are translated like every other string, so each
reader sees them in their own language whatever language the answers were written in.
A topic with a `kind` is only shared with the other home when the agreement shares it.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: From this age a child gets the older version of the profile.
OLDER_FROM_AGE = 9

ALL, YOUNG, OLDER = "all", "young", "older"


@dataclass(frozen=True)
class Topic:
    code: str
    label: Promise
    help: Promise
    kind: str = ""  # an agreements.InfoKind, or "" for what always flows
    ages: str = ALL


TOPICS = [
    Topic("names", _("Name and nicknames"), _("What the family calls them, and why.")),
    Topic(
        "own_words", _("In my own words"), _("What they want to say, in their words."), ages=OLDER
    ),
    Topic("breakfast", _("Favorite breakfast"), _("Just how they like it.")),
    Topic("foods_loved", _("Foods loved"), _("Meals and snacks that make them happy.")),
    Topic(
        "foods_refused",
        _("Foods refused"),
        _("What they will not eat, and anything they must not."),
    ),
    Topic("bedtime", _("Sleep and bedtime routine"), _("Bath, story, lights, what time.")),
    Topic("song", _("The special song"), _("The words, so the other home can sing it too.")),
    Topic(
        "comfort", _("Comfort items and what soothes"), _("A blanket, a toy, a way of being held.")
    ),
    Topic("fears", _("Fears"), _("What scares them, and what helps.")),
    Topic(
        "favorites",
        _("Favorite movie, toys and activities"),
        _("What they watch, play and love to do."),
        kind="activities",
    ),
    Topic(
        "friends",
        _("Friends, phone and social media"),
        _("Who they talk to, and the family's rules."),
        ages=OLDER,
    ),
    Topic("care", _("Hair, skin and clothing care"), _("Products, styles, how to do it gently.")),
    Topic("allergies", _("Allergies"), _("Foods, medicines, anything else."), kind="health"),
    Topic("medicines", _("Medicines"), _("Name, dose and when."), kind="health"),
    Topic("doctors", _("Doctors and dentist"), _("Who they see, and for what."), kind="health"),
    Topic(
        "school",
        _("School and how it is going"),
        _("Teacher, subjects, what is hard and what is going well."),
        kind="school",
    ),
    Topic("goals", _("Hopes and goals"), _("What they are working toward."), ages=OLDER),
    Topic(
        "faith",
        _("Faith, culture and language"),
        _("Prayers, traditions, the languages spoken at home."),
    ),
    Topic("people", _("Important people and pets"), _("Who they miss and love to hear about.")),
]
TOPIC_BY_CODE = {topic.code: topic for topic in TOPICS}
TOPIC_CHOICES = [(topic.code, topic.label) for topic in TOPICS]


def is_older(child, today: date) -> bool:
    return child.age_on(today) >= OLDER_FROM_AGE


def topics_for(child, today: date) -> list[Topic]:
    version = OLDER if is_older(child, today) else YOUNG
    return [topic for topic in TOPICS if topic.ages in (ALL, version)]
