from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements.selectors import sharing_for
from conversations import selectors, services
from conversations.forms import MessageForm
from conversations.models import Kind, Message
from core.audio import MAX_AUDIO_BYTES
from core.forms import add_errors
from core.once import once
from core.uploads import accepts_upload


def inbox(request):
    return render(request, "conversations/inbox.html", {"rows": selectors.inbox(request.user)})


def start(request, partnership):
    if request.method != "POST":
        return redirect("conversations:inbox")
    kind = request.POST.get("kind")
    if kind not in Kind.values:
        return redirect("conversations:inbox")
    try:
        conversation = services.conversation_start(
            actor=request.user, sharing=sharing_for(partnership), kind=kind
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("conversations:inbox")
    return redirect(conversation.get_absolute_url())


@accepts_upload(MAX_AUDIO_BYTES)
def thread(request, conversation):
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            once(
                form.sent_key,
                user=request.user,
                model=Message,
                make=lambda: services.message_send(
                    actor=request.user,
                    conversation=conversation,
                    sharing=conversation.sharing,
                    text=form.cleaned_data["text"],
                    voice=form.cleaned_data["voice"],
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Sent."))
            return redirect(conversation.get_absolute_url())
    thread = selectors.messages_of(conversation)
    if thread:
        read_before = services.conversation_read(
            user=request.user, conversation=conversation, up_to=thread[-1].sent_at
        )
        # What others wrote since they last read it is new to them, this once.
        for message in thread:
            message.is_new = message.author_id != request.user.pk and (
                read_before is None or message.sent_at > read_before
            )
    return render(
        request,
        "conversations/thread.html",
        {
            "conversation": conversation,
            "partnership": conversation.sharing.partnership,
            "thread": thread,
            "form": form,
        },
    )
