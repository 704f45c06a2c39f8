"""The tab bar counts what is new to each person in their messages and their journal:
only what others wrote, only what the inbox and the journal would show them, back to none
once they open it, and in a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import CourtRestriction, RestrictionKind
from conversations.models import Conversation, Message
from home.testing import partnership_for
from journal.models import Post, Status

pytestmark = pytest.mark.django_db

BADGE = re.compile(
    r'<span class="tab-count"><span aria-hidden="true">([^<]+)</span>'
    r'<span class="visually-hidden"> ([^<]+)</span></span>'
)


def badges(client) -> dict[str, str]:
    """The tab bar's badges on the home page, by the tab's address: the number shown."""
    html = client.get(reverse("home:home")).content.decode()
    tabbar = html[html.index('class="tabbar"') : html.index("</nav>", html.index('class="tabbar"'))]
    found = {}
    for tab in re.findall(r'<li><a href="([^"]+)".*?</a></li>', tabbar):
        link = re.search(rf'<li><a href="{re.escape(tab)}".*?</a></li>', tabbar).group(0)
        badge = BADGE.search(link)
        if badge:
            found[tab] = badge.group(1)
    return found


def messages_badge(client) -> str | None:
    return badges(client).get(reverse("conversations:inbox"))


def journal_badge(client) -> str | None:
    return badges(client).get(reverse("journal:mine"))


def write(conversation, author, times=1):
    for i in range(times):
        Message.objects.create(conversation=conversation, author=author, text=f"Note {i}")


def share(partnership, author, side, *, status=Status.PUBLISHED, times=1):
    for i in range(times):
        Post.objects.create(
            partnership=partnership,
            author=author,
            side=side,
            text=f"Post {i}",
            status=status,
            published_at=timezone.now() if status == Status.PUBLISHED else None,
        )


def no_contact(partnership, coach):
    CourtRestriction.objects.create(
        partnership=partnership,
        kind=RestrictionKind.NO_CONTACT,
        starts_on=timezone.localdate() - timedelta(days=1),
        recorded_by=coach,
    )


def test_new_messages_from_others_count_on_the_messages_tab_and_ones_own_do_not(
    client_for, coach, birth_parent, partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    write(conversation, birth_parent, times=2)
    assert messages_badge(client_for(birth_parent)) is None
    write(conversation, coach, times=3)
    assert messages_badge(client_for(birth_parent)) == "3"


def test_the_messages_count_goes_back_to_none_once_the_conversation_is_opened(
    client_for, coach, birth_parent, partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    write(conversation, coach, times=2)
    mother = client_for(birth_parent)
    assert messages_badge(mother) == "2"
    mother.get(conversation.get_absolute_url())
    assert messages_badge(mother) is None
    write(conversation, coach)
    assert messages_badge(mother) == "1"


def test_one_parent_reading_the_homes_conversation_leaves_it_unread_for_the_other_and_the_coach(
    client_for, coach, birth_parent, partner_parent, agreed
):
    conversation = Conversation.objects.create(partnership=agreed, kind="homes")
    write(conversation, partner_parent, times=2)
    client_for(birth_parent).get(conversation.get_absolute_url())
    assert messages_badge(client_for(birth_parent)) is None
    assert messages_badge(client_for(partner_parent)) is None  # her own words
    html = client_for(coach).get(reverse("home:home")).content.decode()
    # The coach's menu says how many are new to them, in words too.
    assert "2 unread" in html
    write(conversation, birth_parent)
    assert messages_badge(client_for(partner_parent)) == "1"


def test_messages_between_the_homes_under_a_no_contact_order_are_never_counted(
    client_for, coach, birth_parent, partner_parent, agreed
):
    conversation = Conversation.objects.create(partnership=agreed, kind="homes")
    write(conversation, partner_parent, times=2)
    assert messages_badge(client_for(birth_parent)) == "2"
    no_contact(agreed, coach)
    assert messages_badge(client_for(birth_parent)) is None


def test_another_parents_conversation_with_the_coach_never_counts(
    client_for, coach, birth_parent, partner_parent, outsider, partnership, other_partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    write(conversation, coach, times=2)
    assert messages_badge(client_for(partner_parent)) is None
    assert messages_badge(client_for(outsider)) is None


def test_new_posts_from_the_other_home_count_on_the_journal_tab_until_it_is_opened(
    client_for, birth_parent, partner_parent, agreed
):
    share(agreed, birth_parent, "birth", times=2)
    assert journal_badge(client_for(birth_parent)) is None  # her own posts
    father = client_for(partner_parent)
    assert journal_badge(father) == "2"
    father.get(reverse("journal:feed", args=[agreed.pk]))
    assert journal_badge(father) is None
    # Reading it did not read it for the coach's or anyone else's count.
    share(agreed, birth_parent, "birth")
    assert journal_badge(client_for(partner_parent)) == "1"


def test_posts_waiting_for_review_and_posts_the_agreement_hides_are_never_counted(
    client_for, coach, birth_parent, partner_parent, partnership
):
    share(partnership, birth_parent, "birth", status=Status.WAITING, times=2)
    # No acknowledged agreement: the other home does not read the birth home's words.
    share(partnership, birth_parent, "birth", times=2)
    assert journal_badge(client_for(partner_parent)) is None
    share(partnership, coach, "coach")
    assert journal_badge(client_for(partner_parent)) == "1"


def test_posts_from_a_parent_under_a_no_contact_order_are_never_counted(
    client_for, coach, birth_parent, partner_parent, agreed
):
    share(agreed, birth_parent, "birth", times=3)
    assert journal_badge(client_for(partner_parent)) == "3"
    no_contact(agreed, coach)
    assert journal_badge(client_for(partner_parent)) is None


def test_a_count_past_99_reads_99_plus_and_says_the_number_in_words(
    client_for, coach, birth_parent, partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    Message.objects.bulk_create(
        Message(conversation=conversation, author=coach, text="Hi") for _ in range(120)
    )
    html = client_for(birth_parent).get(reverse("home:home")).content.decode()
    shown = '<span aria-hidden="true">99+</span>'
    assert shown + '<span class="visually-hidden"> 120 unread</span>' in html


def test_the_badges_words_are_spanish_for_a_parent_who_reads_spanish(
    client_for, coach, birth_parent, partnership
):
    birth_parent.language = "es"
    birth_parent.save(update_fields=["language"])
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    write(conversation, coach, times=1)
    html = client_for(birth_parent).get(reverse("home:home")).content.decode()
    assert '<span class="visually-hidden"> 1 sin leer</span>' in html


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_counts_take_one_query_when_nothing_is_new(client_for, birth_parent, partnership):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    write(conversation, birth_parent)  # her own words: nothing new to her
    with CaptureQueriesContext(connection) as captured:
        assert client_for(birth_parent).get(reverse("home:home")).status_code == 200
    asked = [q["sql"] for q in captured if "journal_readmark" in q["sql"]]
    assert len(asked) == 1
    assert "conversations_readmark" in asked[0]  # both asked at once


def test_the_counts_run_the_same_queries_for_3_or_30_conversations_and_posts(
    client_for, coach, birth_parent, partner_parent, agreed
):
    def more(n):
        for _ in range(n):
            other = partnership_for(coach=coach, birth_parent=birth_parent)
            conversation = Conversation.objects.create(
                partnership=other, kind="coach", parent=birth_parent
            )
            write(conversation, coach, times=2)
            share(other, coach, "coach", times=2)
        share(agreed, partner_parent, "partner", times=n)

    client = client_for(birth_parent)
    more(3)
    few = queries_for(client, reverse("schedule:agenda"))
    assert messages_badge(client) == "6"
    more(27)
    assert queries_for(client, reverse("schedule:agenda")) == few
    assert messages_badge(client) == "60"
    assert journal_badge(client) == "90"


# --- Counts kept a minute (notices/badges.py, decision 0045) ------------------------------


@pytest.fixture
def kept(settings):
    """Production's minute: the suite counts afresh on every page (test_settings)."""
    settings.BADGE_SECONDS = 60


def test_the_counts_are_reused_within_the_minute_when_no_notice_announced_anything(
    kept, client_for, coach, birth_parent, partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    mother = client_for(birth_parent)
    assert messages_badge(mother) is None
    # Written straight to the table: nothing told her, so her page keeps its counts.
    write(conversation, coach, times=2)
    assert messages_badge(mother) is None
    with CaptureQueriesContext(connection) as captured:
        mother.get(reverse("home:more"))
    assert not any("conversations_message" in q["sql"] for q in captured.captured_queries)


def test_a_message_sent_to_a_parent_shows_on_her_next_page_at_once(
    kept, client_for, coach, birth_parent, partnership, django_capture_on_commit_callbacks
):
    from agreements.selectors import sharing_for
    from conversations.services import message_send

    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    mother = client_for(birth_parent)
    assert messages_badge(mother) is None
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            actor=coach,
            conversation=conversation,
            sharing=sharing_for(partnership),
            text="The visit moved to Thursday.",
        )
    assert messages_badge(mother) == "1"


def test_opening_the_conversation_clears_a_kept_count_at_once(
    kept, client_for, coach, birth_parent, partnership
):
    conversation = Conversation.objects.create(
        partnership=partnership, kind="coach", parent=birth_parent
    )
    write(conversation, coach, times=2)
    mother = client_for(birth_parent)
    assert messages_badge(mother) == "2"
    mother.get(conversation.get_absolute_url())
    assert messages_badge(mother) is None


def test_a_no_contact_order_recorded_clears_a_kept_count_at_once(
    kept, client_for, coach, birth_parent, partner_parent, agreed
):
    from agreements.services import restriction_add

    conversation = Conversation.objects.create(partnership=agreed, kind="homes")
    write(conversation, partner_parent, times=2)
    mother = client_for(birth_parent)
    assert messages_badge(mother) == "2"
    restriction_add(
        actor=coach,
        partnership=agreed,
        kind=RestrictionKind.NO_CONTACT,
        starts_on=timezone.localdate() - timedelta(days=1),
    )
    assert messages_badge(mother) is None
