"""A parent's text that is not a keyword goes to their coach (texts.replies): it lands in
their conversation with the coach as a message from them, and the coach hears of it as
of any message. The reply says only that it arrived."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agreements.selectors import sharing_for
from conversations.models import Kind, Message
from conversations.services import conversation_start, message_send
from core.once import once
from partnerships.selectors import partnerships_of_parent


def message_by_text(user, text: str, key: str) -> str:
    # A parent with more than one open partnership: the newest, the one most likely
    # to be what they are writing about. Rare; the coaches see it either way.
    partnership = partnerships_of_parent(user).order_by("-pk").first()
    if partnership is None:
        return _("Thank you. To write to your coach, please sign in to Village.")
    sharing = sharing_for(partnership)
    try:
        conversation = conversation_start(actor=user, sharing=sharing, kind=Kind.COACH)
        # The provider's id of the text as the once-key: a webhook sent again is one message.
        once(
            key,
            user=user,
            model=Message,
            make=lambda: message_send(
                actor=user, conversation=conversation, sharing=sharing, text=text
            ),
        )
    except ValidationError:
        return _("Thank you. To write to your coach, please sign in to Village.")
    return _("Thank you. Your coach will see your message in Village.")
