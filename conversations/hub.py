"""What conversations tell the layers below through their registries."""

from django.http import Http404

from agreements.selectors import Sharing
from conversations.models import Message
from conversations.selectors import conversation_for


def hears_voice_note(user, recording, sharing: Sharing) -> bool:
    """Whoever may open the conversation the message is in."""
    message = Message.objects.filter(recording=recording).only("conversation_id").first()
    if message is None:
        return False
    try:
        conversation_for(user, message.conversation_id)
    except Http404:
        return False
    return True
