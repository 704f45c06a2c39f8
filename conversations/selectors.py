"""Reads of conversations, scoped to the person asking and to the agreement."""

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from agreements.selectors import Sharing, sharing_for, sharing_for_many
from conversations.models import Conversation, Kind, Message, ReadMark
from core.roles import is_casework
from partnerships.models import Partnership
from partnerships.selectors import exchange_partnership_for, exchange_partnerships, with_people

THREAD_LENGTH = 100


def homes_may_talk(sharing: Sharing) -> str:
    """Why the two homes may not message each other here, or "" when they may."""
    if sharing.no_contact:
        return _("A court order is in force: the homes do not message each other.")
    if sharing.acknowledged is None:
        return _("Messages between the homes open once both have acknowledged the agreement.")
    return ""


def _theirs(user, prefix: str = "") -> Q:
    """A parent's conversations are their own with the coach and the one between the
    homes; the team's, every one of their partnerships'."""
    if is_casework(user):
        return Q()
    return Q(**{f"{prefix}kind": Kind.HOMES}) | Q(**{f"{prefix}parent": user})


def readable(user, sharing: dict[int, Sharing]) -> Q:
    """The conversations of these partnerships the person may open, as a filter: the
    team all of them, a parent their own with the coach; the one between the homes only
    while the agreement lets the homes talk. `conversation_for` applies the same rules to
    one conversation."""
    may = Q(partnership__in=list(sharing)) & _theirs(user)
    closed = [pk for pk, rules in sharing.items() if homes_may_talk(rules)]
    return may & ~Q(kind=Kind.HOMES, partnership__in=closed)


def inbox(user) -> list[tuple[Partnership, Sharing, list[Conversation], str]]:
    """Each partnership the person is part of, with its conversations they may read, each
    with its last message's text (`preview`), whether that message is a voice note
    (`preview_voice`) and whether others wrote since the person last opened it
    (`unread`). A fixed number of queries, whatever the conversations."""
    partnerships = list(with_people(exchange_partnerships(user)))
    sharing = sharing_for_many(partnerships)
    newest = Message.objects.filter(conversation=OuterRef("pk")).order_by("-sent_at", "-pk")
    read_at = ReadMark.objects.filter(conversation=OuterRef("pk"), user=user).values("read_at")
    conversations = (
        Conversation.objects.filter(readable(user, sharing))
        .select_related("parent__person")
        .annotate(
            last=Max("messages__sent_at"),
            last_from_others=Max("messages__sent_at", filter=~Q(messages__author=user)),
            read_at=Subquery(read_at[:1]),
            preview=Subquery(newest.values("text")[:1]),
            preview_voice=Exists(newest.filter(recording__isnull=False)[:1]),
        )
        .annotate(
            unread=Q(last_from_others__isnull=False)
            & (Q(read_at__isnull=True) | Q(last_from_others__gt=F("read_at")))
        )
        .order_by("-last", "pk")
    )
    by_partnership: dict[int, list[Conversation]] = {p.pk: [] for p in partnerships}
    for conversation in conversations:
        by_partnership[conversation.partnership_id].append(conversation)
    return [
        (p, sharing[p.pk], by_partnership[p.pk], homes_may_talk(sharing[p.pk]))
        for p in partnerships
    ]


def unread_candidates(user) -> QuerySet[Message]:
    """Messages others wrote in the person's conversations since they last opened each:
    more than they may read (the agreement is not applied yet), for a cheap first look at
    whether there is anything new at all."""
    read_at = ReadMark.objects.filter(conversation=OuterRef("conversation"), user=user)
    return (
        Message.objects.filter(conversation__partnership__in=exchange_partnerships(user))
        .filter(_theirs(user, "conversation__"))
        .exclude(author=user)
        .annotate(read_at=Subquery(read_at.values("read_at")[:1]))
        .filter(Q(read_at__isnull=True) | Q(sent_at__gt=F("read_at")))
    )


def unread_messages(user, sharing: dict[int, Sharing]) -> int:
    """How many messages are new to the person in the conversations their inbox lists
    (`readable`). One query, whatever the conversations and messages. `sharing` holds
    the person's exchange partnerships."""
    if not sharing:
        return 0
    return (
        unread_candidates(user)
        .filter(conversation__in=Conversation.objects.filter(readable(user, sharing)))
        .count()
    )


def conversation_for(user, conversation_id: int) -> Conversation:
    conversation = (
        Conversation.objects.filter(
            pk=conversation_id, partnership__in=with_people(exchange_partnerships(user))
        )
        .select_related("parent__person")
        .first()
    )
    if conversation is None:
        raise Http404
    sharing = sharing_for(exchange_partnership_for(user, conversation.partnership_id))
    if not is_casework(user):
        if conversation.kind == Kind.COACH and conversation.parent_id != user.pk:
            raise Http404
        if conversation.kind == Kind.HOMES and (
            homes_may_talk(sharing) or sharing.side_of_user(user) is None
        ):
            raise Http404
    conversation.sharing = sharing
    return conversation


def messages_of(conversation: Conversation) -> list[Message]:
    """The newest messages, oldest first, with their authors: two queries."""
    newest = list(
        conversation.messages.select_related("author__person", "recording").order_by(
            "-sent_at", "-pk"
        )[:THREAD_LENGTH]
    )
    return list(reversed(newest))
