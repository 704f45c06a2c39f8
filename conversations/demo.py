"""The demo program's messages: Ana and Jenna talk about the school play; Keisha checks in
with her coach."""

from conversations.models import Conversation, Kind, Message


def load_conversations(*, director, ana, jenna, keisha, shared, home_again):
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
