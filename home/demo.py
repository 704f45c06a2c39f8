"""The demo program: a deterministic story that shows what Village is for.

Two mothers share Sofía and Mateo: Ana, who is working her case plan, and Jenna, whose
home they have lived in since spring. A second family, Keisha and her son Jalen, went home
three months ago and is in the year after. A third, Rosa Delgado's, was only just referred.
Dates are counted back from the day the demo is loaded, so the story is always current.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Role
from assistance.demo import load_assistance
from directory.demo import load_directory
from families.models import (
    BirthFamily,
    Child,
    HomeKind,
    PartnerHome,
    PermanencyEvent,
    PermanencyKind,
    Person,
    Placement,
)
from gatherings.demo import load_gatherings
from partnerships.models import Partnership, Stage, StageChange
from referrals.demo import load_referrals

DEMO_PASSWORD = "village-demo"  # noqa: S105 - printed on purpose, demo mode only

DEMO_LOGINS = [
    ("director@example.org", _("Program director (also coaches one family)")),
    ("coach@example.org", _("Family coach")),
    ("finance@example.org", _("Finance")),
    ("birth.parent@example.org", _("Birth parent: Ana, mother of Sofía and Mateo")),
    ("partner.parent@example.org", _("Partner parent: Jenna, caring for Sofía and Mateo")),
    ("outsider.parent@example.org", _("Birth parent in a different partnership: Keisha")),
    ("volunteer@example.org", _("Community volunteer")),
]


def _user(email, roles, person_data, password=DEMO_PASSWORD):
    user = get_user_model().objects.create_user(
        email=email, password=password, language=person_data.get("language", Language.ENGLISH)
    )
    user.groups.set(Group.objects.filter(name__in=roles))
    Person.objects.create(user=user, email=email, **person_data)
    return user


def _stages(partnership, actor, history):
    for stage, day in history:
        StageChange.objects.create(
            partnership=partnership, stage=stage, changed_on=day, changed_by=actor
        )
    partnership.stage, partnership.stage_since = history[-1]
    partnership.save(update_fields=["stage", "stage_since"])


def demo_is_loaded() -> bool:
    return get_user_model().objects.filter(email="director@example.org").exists()


@transaction.atomic
def load_demo(today: date | None = None) -> None:
    today = today or timezone.localdate()

    def ago(days):
        return today - timedelta(days=days)

    director = _user(
        "director@example.org",
        [Role.DIRECTOR, Role.COACH],
        {"first_name": "Diane", "last_name": "Whitaker", "pronouns": "she/her"},
    )
    coach = _user(
        "coach@example.org",
        [Role.COACH],
        {
            "first_name": "Marisol",
            "last_name": "Vega",
            "pronouns": "she/her",
            "language": Language.SPANISH,
            "phone": "+15125550142",
        },
    )
    coach.language = Language.ENGLISH
    coach.save(update_fields=["language"])
    _user("finance@example.org", [Role.FINANCE], {"first_name": "Tom", "last_name": "Nguyen"})
    _user(
        "volunteer@example.org",
        [Role.VOLUNTEER],
        {"first_name": "Ruth", "last_name": "Ellison", "preferred_name": "Miss Ruth"},
    )

    # The shared partnership: Ana and Jenna, around Sofía and Mateo.
    ana = _user(
        "birth.parent@example.org",
        [Role.BIRTH_PARENT],
        {
            "first_name": "Ana",
            "last_name": "Morales",
            "language": Language.SPANISH,
            "phone": "+15125550117",
            "texts_ok": True,
            "preferred_contact": "text",
        },
    )
    ana.language = Language.ENGLISH  # she reads English on her phone; her Spanish is a tap away
    ana.save(update_fields=["language"])
    morales = BirthFamily.objects.create(name="Morales family")
    morales.parents.add(ana.person)
    sofia = Child.objects.create(
        birth_family=morales,
        first_name="Sofía",
        last_name="Morales",
        preferred_name="Sofi",
        birth_date=ago(7 * 365 + 40),
    )
    mateo = Child.objects.create(
        birth_family=morales,
        first_name="Mateo",
        last_name="Morales",
        birth_date=ago(10 * 365 + 200),
    )
    jenna = _user(
        "partner.parent@example.org",
        [Role.PARTNER_PARENT],
        {
            "first_name": "Jenna",
            "last_name": "Carter",
            "pronouns": "she/her",
            "phone": "+15125550188",
        },
    )
    carter = PartnerHome.objects.create(
        name="Carter home", kind=HomeKind.FOSTER, address="1418 Pecan Street, Austin, TX 78702"
    )
    carter.parents.add(jenna.person)
    for child in (sofia, mateo):
        PermanencyEvent.objects.create(
            child=child,
            kind=PermanencyKind.ENTERED_CARE,
            occurred_on=ago(160),
            recorded_by=coach,
        )
        Placement.objects.create(
            child=child, partner_home=None, started_on=ago(160), ended_on=ago(151)
        )
        Placement.objects.create(child=child, partner_home=carter, started_on=ago(151))
    shared = Partnership.objects.create(
        birth_family=morales, partner_home=carter, coach=coach, stage_since=ago(120)
    )
    shared.children.set([sofia, mateo])
    _stages(
        shared,
        coach,
        [(Stage.REFERRED, ago(120)), (Stage.INTRODUCED, ago(104)), (Stage.ACTIVE, ago(75))],
    )

    # The year after: Keisha and Jalen are home; her aunt Denise was the kin home.
    keisha = _user(
        "outsider.parent@example.org",
        [Role.BIRTH_PARENT],
        {"first_name": "Keisha", "last_name": "Brown", "phone": "+15125550163"},
    )
    brown = BirthFamily.objects.create(name="Brown family")
    brown.parents.add(keisha.person)
    jalen = Child.objects.create(
        birth_family=brown, first_name="Jalen", last_name="Brown", birth_date=ago(6 * 365 + 90)
    )
    denise = Person.objects.create(
        first_name="Denise", last_name="Okafor", preferred_name="Aunt Dee"
    )
    okafor = PartnerHome.objects.create(
        name="Okafor home", kind=HomeKind.KIN, address="77 Riverside Drive, Austin, TX 78704"
    )
    okafor.parents.add(denise)
    PermanencyEvent.objects.create(
        child=jalen, kind=PermanencyKind.ENTERED_CARE, occurred_on=ago(400), recorded_by=director
    )
    Placement.objects.create(
        child=jalen, partner_home=okafor, started_on=ago(400), ended_on=ago(90)
    )
    PermanencyEvent.objects.create(
        child=jalen,
        kind=PermanencyKind.REUNIFIED,
        occurred_on=ago(90),
        recorded_by=director,
        note="Home for good, in time for the first day of first grade.",
    )
    home_again = Partnership.objects.create(
        birth_family=brown, partner_home=okafor, coach=director, stage_since=ago(380)
    )
    home_again.children.set([jalen])
    _stages(
        home_again,
        director,
        [
            (Stage.REFERRED, ago(380)),
            (Stage.INTRODUCED, ago(365)),
            (Stage.ACTIVE, ago(340)),
            (Stage.TRANSITION_HOME, ago(130)),
            (Stage.POST_REUNIFICATION, ago(90)),
        ],
    )

    # Only referred: Rosa's caseworker sent her to the program last week.
    rosa = Person.objects.create(
        first_name="Rosa", last_name="Delgado", language=Language.SPANISH, phone="+15125550199"
    )
    delgado = BirthFamily.objects.create(name="Delgado family")
    delgado.parents.add(rosa)
    luis = Child.objects.create(
        birth_family=delgado, first_name="Luis", last_name="Delgado", birth_date=ago(3 * 365 + 10)
    )
    PermanencyEvent.objects.create(
        child=luis, kind=PermanencyKind.ENTERED_CARE, occurred_on=ago(21), recorded_by=coach
    )
    referred = Partnership.objects.create(birth_family=delgado, coach=coach, stage_since=ago(9))
    referred.children.set([luis])
    _stages(referred, coach, [(Stage.REFERRED, ago(9))])

    # A home that has finished training and waits to be matched.
    PartnerHome.objects.create(name="Ramírez home", kind=HomeKind.FOSTER)

    _agreements_and_profiles(ago, coach, director, ana, jenna, keisha, shared, home_again)
    _journal(coach, director, ana, jenna, keisha, shared, home_again)
    _conversations(coach, director, ana, jenna, keisha, shared, home_again)
    _calendar(today, coach, director, shared, home_again)
    _contacts(today, coach, director, shared, home_again)
    _intake(today, coach)
    load_assistance(
        today,
        coach=coach,
        director=director,
        finance=get_user_model().objects.get(email="finance@example.org"),
        shared=shared,
        home_again=home_again,
    )
    services = load_directory(today)
    load_referrals(
        today,
        coach=coach,
        director=director,
        shared=shared,
        home_again=home_again,
        services=services,
    )
    load_gatherings(
        today,
        coach=coach,
        director=director,
        jenna=jenna,
        ana=ana,
        keisha=keisha,
        services=services,
    )


def _agreements_and_profiles(ago, coach, director, ana, jenna, keisha, shared, home_again):
    """Both homes agreed what to share: Ana her phone, Jenna messages in Village only and
    never her address. Visits are supervised for now. Ana has started Sofi's and Mateo's
    profiles; Jenna added what she has learned about Mateo's math."""
    from datetime import time

    from aboutme.models import Author, Entry, Seen
    from agreements.models import (
        Acknowledgment,
        AgreementVersion,
        Consent,
        CourtRestriction,
        HomeTerms,
        Purpose,
        RestrictionKind,
    )

    def agreement(partnership, drafted_by, readers, **partner_terms):
        version = AgreementVersion.objects.create(
            partnership=partnership, number=1, drafted_by=drafted_by
        )
        HomeTerms.objects.create(version=version, side="birth", share_phone=True)
        HomeTerms.objects.create(version=version, side="partner", **partner_terms)
        for reader in readers:
            Acknowledgment.objects.create(version=version, user=reader)

    agreement(shared, coach, [ana, jenna], quiet_from=time(21), quiet_until=time(7))
    agreement(home_again, director, [keisha], share_phone=True)
    for person, partnership, purposes in (
        (ana.person, shared, Purpose.values),
        (jenna.person, shared, [Purpose.OTHER_HOME, Purpose.PHOTOS]),
        (keisha.person, home_again, Purpose.values),
    ):
        for purpose in purposes:
            Consent.objects.create(
                partnership=partnership, person=person, purpose=purpose, given=True
            )
    CourtRestriction.objects.create(
        partnership=shared,
        kind=RestrictionKind.SUPERVISED,
        starts_on=ago(150),
        recorded_by=coach,
    )

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


def _drawing(sky, table, *heads) -> bytes:
    """A simple picture drawn for the demo: heads around a table, a card on it."""
    import io

    from PIL import Image, ImageDraw

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


def _journal(coach, director, ana, jenna, keisha, shared, home_again):
    """Jenna's photo of the children making cards for mama, Ana's thanks, one post of
    Ana's waiting for the coach, and Keisha's first day of school in her own journal."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from journal.models import Photo, Post, Reaction, Status
    from journal.photos import make_safe

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


def _conversations(coach, director, ana, jenna, keisha, shared, home_again):
    """Ana and Jenna talk about the school play; Keisha checks in with her coach."""
    from conversations.models import Conversation, Kind, Message

    homes = Conversation.objects.create(partnership=shared, kind=Kind.HOMES)
    for author, text in (
        (jenna, "Mateo has a part in the school play on the 12th. He asked if you can come."),
        (ana, "¡Sí! Le voy a preguntar a Marisol si se puede. Thank you for telling me."),
    ):
        Message.objects.create(conversation=homes, author=author, text=text)
    check_in = Conversation.objects.create(partnership=home_again, kind=Kind.COACH, parent=keisha)
    Message.objects.create(
        conversation=check_in,
        author=keisha,
        text="Jalen's first week went well. Can we talk about after-school care?",
    )
    Message.objects.create(
        conversation=check_in, author=director, text="So glad! I will call you Thursday at 4."
    )


def _contacts(today, coach, director, shared, home_again):
    """The icebreaker where Ana and Jenna first met, a call with Ana about her housing
    application (the follow-up is due today), and the director's visit to Keisha."""
    from caseplan.models import Contact

    ana, jenna = shared.birth_family.parents.get(), shared.partner_home.parents.get()
    keisha = home_again.birth_family.parents.get()
    for partnership, by, people, fields in [
        (
            shared,
            coach,
            [ana, jenna],
            {
                "kind": "icebreaker",
                "medium": "in_person",
                "happened_on": today - timedelta(days=60),
                "minutes": 75,
                "notes": "Met at the library. Ana brought Sofi's blanket; Jenna showed "
                "photos of the children's room. Both cried a little, then laughed.",
            },
        ),
        (
            shared,
            coach,
            [ana],
            {
                "kind": "check_in",
                "medium": "phone",
                "happened_on": today - timedelta(days=3),
                "minutes": 20,
                "notes": "Ana's housing application is in. She is nervous about the hearing.",
                "follow_up_on": today,
            },
        ),
        (
            home_again,
            director,
            [keisha],
            {
                "kind": "check_in",
                "medium": "in_person",
                "happened_on": today - timedelta(days=10),
                "minutes": 45,
                "notes": "Jalen is sleeping through the night again.",
            },
        ),
    ]:
        contact = Contact.objects.create(partnership=partnership, coach=by, **fields)
        contact.people.set(people)
    _case_plan(today, coach, director, shared, home_again)
    _year_after(today, director, home_again)
    _training(today, director, shared, home_again)
    _court_summaries(today, coach, director, shared, home_again)


def _court_summaries(today, coach, director, shared, home_again):
    """Marisol's summary for Ana's permanency review, and the one that helped bring
    Jalen home."""
    from caseplan.models import CourtSummary
    from caseplan.summary import summary_draft

    for partnership, by, name, hearing_on, words in [
        (
            shared,
            coach,
            "Marisol Vega",
            today + timedelta(days=23),
            "Ana comes to family time on time and prepared; Sofi runs to her. She has "
            "finished eight of ten parenting classes and applied for housing.",
        ),
        (
            home_again,
            director,
            "Program director",
            today - timedelta(days=100),
            "Keisha has met every goal of her service plan. Jalen is ready to go home.",
        ),
    ]:
        draft = summary_draft(partnership, hearing_on=hearing_on, today=today, coach_name=name)
        text = draft.replace(
            "[Write a few sentences on the family's progress, in your own words.]", words
        )
        CourtSummary.objects.create(
            partnership=partnership, hearing_on=hearing_on, text=text, created_by=by
        )


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


def _training(today, director, shared, home_again):
    """The program's six modules; Jenna has finished three, Ana the first, Keisha all
    of hers."""
    from django.contrib.auth.models import Group

    from training.models import Completion, Module, Page

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


def _year_after(today, director, home_again):
    """Keisha and Jalen have been home 90 days: three check-ins done (childcare got
    shaky at 60 days: she needs after-school care), the 90-day one due today."""
    from aftercare.models import FollowUp
    from aftercare.services import follow_ups_schedule

    follow_ups_schedule(
        actor=director, partnership=home_again, reunified_on=today - timedelta(days=90)
    )
    steady = dict.fromkeys(("housing", "work", "childcare", "school", "support"), "steady")
    for days, how, needs in [
        (83, steady, ""),
        (60, steady, ""),
        (30, steady | {"childcare": "worry"}, "After-school care for Jalen on bakery days."),
    ]:
        FollowUp.objects.filter(partnership=home_again, due_on=today - timedelta(days=days)).update(
            done_on=today - timedelta(days=days), done_by=director, needs=needs, **how
        )


def _case_plan(today, coach, director, shared, home_again):
    """Ana's goals: a home with a room for the children (the court's), the parenting
    class (the court's, nearly done), and her own: getting her driver's license back.
    Unsupervised visits are the next milestone; Keisha's family is home."""
    from caseplan.models import Goal, Milestone, Step

    def goal(partnership, by, area, title, source, steps):
        made = Goal.objects.create(
            partnership=partnership, area=area, title=title, source=source, created_by=by
        )
        for text, owner, due, done, note in steps:
            Step.objects.create(
                goal=made,
                text=text,
                owner=owner,
                due_on=today + timedelta(days=due) if due is not None else None,
                done_on=today - timedelta(days=done) if done is not None else None,
                progress_note=note,
            )

    goal(
        shared,
        coach,
        "housing",
        "A two-bedroom home with room for Sofi and Mateo",
        "court",
        [
            ("Send the housing authority application", "parent", -5, 4, "Sent on Thursday!"),
            ("Visit two apartments on the east side", "both", 10, None, ""),
            ("Ask the fund about the deposit", "coach", 14, None, ""),
        ],
    )
    goal(
        shared,
        coach,
        "parenting",
        "Finish the 10-week parenting class",
        "court",
        [
            ("Attend classes 1 to 8", "parent", -3, 3, "Loved the one on bedtime routines."),
            ("Attend classes 9 and 10", "parent", 12, None, ""),
        ],
    )
    goal(
        shared,
        coach,
        "other",
        "Get my driver's license back",
        "own",
        [
            ("Pay the reinstatement fee", "parent", 30, None, ""),
        ],
    )
    goal(
        home_again,
        director,
        "work",
        "Keep the job at the bakery",
        "own",
        [
            ("Talk with the manager about the morning shift", "parent", None, 20, ""),
        ],
    )
    Milestone.objects.create(
        partnership=home_again,
        kind="reunification",
        reached_on=today - timedelta(days=40),
        recorded_by=director,
    )


def _calendar(today, coach, director, shared, home_again):
    """Supervised family time every Tuesday for a month now: two went well, then Mateo
    had a fever, and last week's is waiting for the coach to say how it went. The next
    court review, Ana's counseling (hers alone), and Keisha's 30-day check-in after
    reunification."""
    from datetime import datetime, time

    from schedule.models import Attendance, Event

    zone = timezone.get_current_timezone()
    # On a Tuesday, today's family time is the next one and last week's waits to be recorded.
    next_tuesday = today + timedelta(days=(1 - today.weekday()) % 7)
    first_tuesday = next_tuesday - timedelta(weeks=4)
    family_time = Event.objects.create(
        partnership=shared,
        kind="visit",
        title="Family time",
        starts_at=datetime.combine(first_tuesday, time(16), tzinfo=zone),
        minutes=90,
        repeat="FREQ=WEEKLY",
        place="visit_room",
        supervised=True,
        supervisor="Marisol Vega",
        brings_children="Jenna",
        created_by=coach,
    )
    Event.objects.create(
        partnership=shared,
        kind="court",
        title="Permanency review hearing",
        starts_at=datetime.combine(today + timedelta(days=23), time(9, 30), tzinfo=zone),
        minutes=60,
        place="court",
        court_room="Travis County Civil Courthouse, Courtroom 4B",
        hearing_type="Permanency review",
        created_by=coach,
    )
    for weeks_ago, outcome, by, note in [
        (4, "attended", "", "Sofi sang the moon song with Ana."),
        (3, "attended", "", ""),
        (2, "cancelled", "partner", "Mateo had a fever; Jenna called the day before."),
    ]:
        Attendance.objects.create(
            event=family_time,
            occurrence=datetime.combine(next_tuesday - timedelta(weeks=weeks_ago), time(16), zone),
            outcome=outcome,
            by=by,
            note=note,
            recorded_by=coach,
        )
    Event.objects.create(
        partnership=shared,
        kind="appointment",
        title="Counseling",
        attendees="birth",
        starts_at=datetime.combine(next_tuesday + timedelta(days=2), time(11), tzinfo=zone),
        minutes=50,
        repeat="FREQ=WEEKLY;INTERVAL=2",
        place="other",
        place_detail="Eastside Family Counseling",
        created_by=coach,
    )
    Event.objects.create(
        partnership=home_again,
        kind="appointment",
        title="Check-in at home",
        starts_at=datetime.combine(today + timedelta(days=5), time(17), tzinfo=zone),
        minutes=45,
        place="other",
        created_by=director,
    )


def _intake(today, coach):
    """Three forms in the triage queue: one new, one overdue, one already called."""
    from intake.business_days import due_at
    from intake.models import AttemptMethod, ContactAttempt, Holiday, Kind, Source, Submission

    for year in (today.year, today.year + 1):
        Holiday.objects.get_or_create(day=date(year, 1, 1), defaults={"name": "New Year's Day"})
        Holiday.objects.get_or_create(day=date(year, 12, 25), defaults={"name": "Christmas Day"})
    holidays = set(Holiday.objects.values_list("day", flat=True))
    now = timezone.now()

    def received(days_ago, **fields):
        at = now - timedelta(days=days_ago)
        submission = Submission.objects.create(
            due_at=due_at(at, holidays), sender="demo", source=Source.INTEREST, **fields
        )
        Submission.objects.filter(pk=submission.pk).update(received_at=at)
        return submission

    received(
        0,
        kind=Kind.BIRTH_PARENT,
        first_name="Lucía",
        last_name="Paz",
        phone="+15125550131",
        language=Language.SPANISH,
        county="Travis",
        children_ages="2 y 5",
        case_stage="just_removed",
        heard_from="caseworker",
        texts_ok=True,
        best_time="Después de las 5",
    )
    received(
        5,
        kind=Kind.PARTNER_PARENT,
        first_name="Grace",
        last_name="Okoye",
        email="grace.okoye@example.net",
        county="Williamson",
        heard_from="church",
        message="We foster two boys and would love support.",
    )
    called = received(
        3,
        kind=Kind.COMMUNITY,
        first_name="Pastor Ray",
        last_name="Dunn",
        phone="+15125550175",
        county="Travis",
        heard_from="friend",
        voicemail_ok=True,
    )
    attempt = ContactAttempt.objects.create(
        submission=called,
        method=AttemptMethod.CALLED,
        made_by=coach,
        note="Wants to host a gathering at the church hall.",
    )
    Submission.objects.filter(pk=called.pk).update(
        first_contact_at=attempt.made_at, assigned_to=coach
    )
