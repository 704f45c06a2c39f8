"""Reads of conversations, scoped to the person asking and to the agreement."""

from django.db.models import F, Max, OuterRef, Q, Subquery
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


def inbox(user) -> list[tuple[Partnership, Sharing, list[Conversation], str]]:
    """Each partnership the person is part of, with its conversations they may read, each
    with its last message's text (`preview`) and whether others wrote since the person
    last opened it (`unread`). A fixed number of queries, whatever the conversations."""
    partnerships = list(with_people(exchange_partnerships(user)))
    sharing = sharing_for_many(partnerships)
    newest = Message.objects.filter(conversation=OuterRef("pk")).order_by("-sent_at", "-pk")
    read_at = ReadMark.objects.filter(conversation=OuterRef("pk"), user=user).values("read_at")
    conversations = (
        Conversation.objects.filter(partnership__in=partnerships)
        .select_related("parent__person")
        .annotate(
            last=Max("messages__sent_at"),
            last_from_others=Max("messages__sent_at", filter=~Q(messages__author=user)),
            read_at=Subquery(read_at[:1]),
            preview=Subquery(newest.values("text")[:1]),
        )
        .annotate(
            unread=Q(last_from_others__isnull=False)
            & (Q(read_at__isnull=True) | Q(last_from_others__gt=F("read_at")))
        )
        .order_by("-last", "pk")
    )
    if not is_casework(user):
        conversations = conversations.filter(Q(kind=Kind.HOMES) | Q(parent=user))
    by_partnership: dict[int, list[Conversation]] = {p.pk: [] for p in partnerships}
    for conversation in conversations:
        rules = sharing[conversation.partnership_id]
        if conversation.kind == Kind.HOMES and homes_may_talk(rules):
            continue
        by_partnership[conversation.partnership_id].append(conversation)
    return [
        (p, sharing[p.pk], by_partnership[p.pk], homes_may_talk(sharing[p.pk]))
        for p in partnerships
    ]


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
