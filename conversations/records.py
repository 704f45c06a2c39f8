"""Messages in a family's records (decision 0019): every message of the family's
partnerships, with the coach and between the homes. On closing, the words go; who wrote
and when stay."""

from django.utils.translation import gettext_lazy

from conversations.models import Message, ReadMark
from families.models import BirthFamily
from families.records import Closing, Part, Section, register, rows_of


def _export(family: BirthFamily) -> list[Section]:
    return [
        Section(
            title=gettext_lazy("Messages"),
            slug="messages",
            columns=["conversation", "kind", "author", "text", "sent_at"],
            rows=rows_of(
                Message.objects.filter(conversation__partnership__birth_family=family).order_by(
                    "sent_at", "pk"
                ),
                ["conversation_id", "conversation__kind", "author__email", "text", "sent_at"],
            ),
            note=gettext_lazy("A message is kept as it was sent."),
        )
    ]


def _close(family: BirthFamily, *, actor, closing: Closing) -> None:
    mine = {"conversation__partnership__birth_family": family}
    closing.empty(Message.objects.filter(**mine), "text")
    closing.delete(ReadMark.objects.filter(**mine))


register(Part(name="conversations", export=_export, close=_close))
