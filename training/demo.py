"""The demo program's training: the six modules, and who has finished which."""

from datetime import date, timedelta

from django.contrib.auth.models import Group

from training.models import Completion, Module, Page

MODULES = [
    (
        "Principles of partnership",
        ("birth_parent", "partner_parent"),
        True,
        [
            (
                "Two homes, one team",
                "The children love both of you. A partnership is two homes agreeing to put "
                "that love first: to speak well of each other in front of the children, and "
                "to keep them out of grown-up worries.\n\nYou do not have to be friends. "
                "You do have to be on the same side.",
            ),
            (
                "What the agreement is for",
                "Your partnership agreement says what each home shares: phone numbers or "
                "messages in Village only, photos, school news, quiet hours. Start small; "
                "you can share more as trust grows.",
            ),
            (
                "When it gets hard",
                "Call your coach before you send the angry message. Most hard moments are "
                "about the children missing someone, not about you.",
            ),
        ],
    ),
    (
        "Healthy communication",
        ("birth_parent", "partner_parent"),
        False,
        [
            (
                "Say what you saw",
                '"Sofi ate all her eggs and asked for more" tells the other home more '
                'than "she is fine". Small true details build trust.',
            ),
            (
                "Ask, don't assume",
                'If something worries you, ask a question first: "How does she usually '
                'fall asleep?" works better than "you are doing bedtime wrong".',
            ),
        ],
    ),
    (
        "Setting boundaries",
        ("birth_parent", "partner_parent"),
        False,
        [
            (
                "Yes, no, and not yet",
                "Every home needs limits: times you do not answer, topics for the coach, "
                "things you are not ready to share. Saying them early keeps them kind.",
            ),
        ],
    ),
    (
        "Trauma-informed parenting",
        ("partner_parent",),
        False,
        [
            (
                "Behavior is a message",
                "A child who hides food or will not sleep is often telling you about "
                "before. Respond to the need under the behavior.",
            ),
            (
                "Routines that travel",
                "Keep the birth family's routines where you can: the song, the breakfast, "
                "the words for bedtime. Sameness feels safe.",
            ),
        ],
    ),
    (
        "Working your service plan",
        ("birth_parent",),
        False,
        [
            (
                "One step at a time",
                "Your case plan breaks each goal into steps with dates. Mark each step "
                "when it is done; your coach sees it and it goes into the court summary.",
            ),
        ],
    ),
    (
        "The reunification transition",
        ("birth_parent", "partner_parent"),
        False,
        [
            (
                "Going home is a change too",
                "Even happy moves are hard for children. Plan the last visit, the goodbye, "
                "and how the partner home can stay in the children's life.",
            ),
        ],
    ),
]


def load_training(today: date, *, shared, home_again) -> None:
    """The program's six modules; Jenna has finished three, Ana the first, Keisha all
    of hers."""
    made = {}
    for order, (title, roles, required, pages) in enumerate(MODULES, start=1):
        module = Module.objects.create(title=title, order=order, required_before_active=required)
        module.roles.set(Group.objects.filter(name__in=roles))
        for number, (page_title, body) in enumerate(pages, start=1):
            Page.objects.create(module=module, order=number, title=page_title, body=body)
        made[title] = module
    ana = shared.birth_family.parents.select_related("user").get().user
    jenna = shared.partner_home.parents.select_related("user").get().user
    keisha = home_again.birth_family.parents.select_related("user").get().user
    for user, titles, days_ago in [
        (
            jenna,
            ["Principles of partnership", "Healthy communication", "Trauma-informed parenting"],
            80,
        ),
        (ana, ["Principles of partnership"], 75),
        (
            keisha,
            [
                "Principles of partnership",
                "Healthy communication",
                "Setting boundaries",
                "Working your service plan",
                "The reunification transition",
            ],
            300,
        ),
    ]:
        for title in titles:
            Completion.objects.create(
                module=made[title], user=user, completed_on=today - timedelta(days=days_ago)
            )
