from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements.selectors import sharing_for
from audit.models import Action
from audit.services import audit_entry_create
from core.audio import MAX_AUDIO_BYTES
from core.forms import add_errors
from core.once import once
from core.ranges import ranged_file_response
from core.uploads import accepts_upload
from voice import selectors, services
from voice.forms import RecordingForm, ReturnForm, TranscriptForm
from voice.models import FOR_A_CHILD, Purpose, Recording


def _child_of(partnership, request):
    """The child and purpose a song or comfort recording is for, from the link that led
    here: (None, None) when the link says neither."""
    purpose = request.GET.get("purpose", "")
    child_id = request.GET.get("child", "")
    if not purpose and not child_id:
        return None, None
    child = next((c for c in partnership.children.all() if str(c.pk) == child_id), None)
    if purpose not in FOR_A_CHILD or child is None:
        raise Http404
    return purpose, child


@accepts_upload(MAX_AUDIO_BYTES)
def recording_new(request, partnership):
    purpose, child = _child_of(partnership, request)
    if child is None:
        # What there is to record, for each child.
        return render(
            request,
            "voice/choose.html",
            {"partnership": partnership, "purposes": [Purpose(p) for p in FOR_A_CHILD]},
        )
    sharing = sharing_for(partnership)
    form = RecordingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made, _made = once(
                form.sent_key,
                user=request.user,
                model=Recording,
                make=lambda: services.recording_create(
                    actor=request.user,
                    sharing=sharing,
                    purpose=purpose,
                    child=child,
                    upload=data["audio"],
                    transcript=data["transcript"],
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your recording will be ready in a moment."))
            # A recording sent twice that has since been removed: back to the profile.
            if made is None:
                return redirect("aboutme:profile", child.pk)
            return redirect(made)
    return render(
        request,
        "voice/new.html",
        {"form": form, "child": child, "purpose": Purpose(purpose), "partnership": partnership},
        status=400 if form.is_bound else 200,
    )


def recording(request, recording):
    """The recording's own page: while the worker makes it, a note that polls itself."""
    if request.htmx:
        return render(request, "voice/_player.html", {"recording": recording, "polled": True})
    return render(
        request,
        "voice/recording.html",
        {
            "recording": recording,
            "words_form": TranscriptForm(initial={"transcript": recording.transcript}),
            "return_form": ReturnForm(),
            "is_author": recording.author_id == request.user.pk,
            "is_team": recording.sharing.side_of_user(request.user) is None,
        },
    )


def audio(request, recording):
    if not recording.playable:
        raise Http404
    # One audit entry a playing or saving, not one for each part a player asks for as it
    # seeks (the rule leaves it to this view, core/access.py).
    if request.headers.get("Range", "bytes=0-").startswith("bytes=0-"):
        audit_entry_create(
            actor=request.user, action=Action.VIEWED, record=recording, fields=["audio"]
        )
    return ranged_file_response(
        request,
        recording.audio,
        content_type="audio/mp4",
        filename=f"recording-{recording.pk}.m4a",
        download=request.GET.get("save") == "1",
    )


def words(request, recording):
    form = TranscriptForm(request.POST or None, initial={"transcript": recording.transcript})
    if request.method == "POST" and form.is_valid():
        if services.recording_transcript_set(
            actor=request.user, recording=recording, transcript=form.cleaned_data["transcript"]
        ):
            messages.success(request, _("The words are saved."))
        else:
            messages.info(request, _("Nothing had changed, so nothing new was saved."))
        return redirect(recording)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("The words"), "back": recording.get_absolute_url()},
        status=400 if form.is_bound else 200,
    )


def remove(request, recording):
    if request.method != "POST":
        return redirect(recording)
    services.recording_remove(actor=request.user, recording=recording)
    messages.success(request, _("Removed. Nobody can hear it any more."))
    if recording.child_id:
        return redirect("aboutme:profile", recording.child_id)
    return redirect("home:home")


def review(request):
    return render(
        request,
        "voice/review.html",
        {"recordings": selectors.review_queue(request.user), "return_form": ReturnForm()},
    )


def share(request, recording):
    if request.method == "POST":
        try:
            services.recording_share(actor=request.user, recording=recording)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Shared with the other home."))
    return redirect("voice:review")


def return_(request, recording):
    if request.method != "POST":
        return redirect("voice:review")
    form = ReturnForm(request.POST)
    if form.is_valid():
        services.recording_return(
            actor=request.user, recording=recording, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Returned to its author with your note."))
    else:
        messages.error(request, _("Say why it goes back, so the author knows what to change."))
    return redirect("voice:review")
