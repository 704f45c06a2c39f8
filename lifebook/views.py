import io
import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_entry_create
from core.pdf import pdf_bytes
from core.roles import is_casework
from core.storage import open_stored
from lifebook import selectors, services
from lifebook.forms import PartnerCopyForm, PickForm
from partnerships.models import Stage

LAYOUTS = ("4x6", "sheet")


def _back(child, anchor=""):
    response = redirect("lifebook:book", child.pk)
    response["Location"] += anchor
    return response


def book(request, child):
    """What is in the child's book, who chose it, whether each home has seen the choice,
    and the shared posts still to choose from."""
    shelf = selectors.shelf_of(request.user, child)
    chosen = selectors.picks_of(shelf)
    may, why = selectors.may_print(shelf, request.user)
    return render(
        request,
        "lifebook/book.html",
        {
            "shelf": shelf,
            "child": child,
            "partnership": shelf.partnership,
            "chosen": chosen,
            "to_choose": [] if shelf.frozen else selectors.still_to_choose(shelf, chosen),
            "milestones": selectors.milestones(shelf),
            "may_print": may,
            "why_not": why,
            "birth_seen": shelf.seen_by("birth"),
            "partner_seen": shelf.seen_by("partner"),
            "i_have_seen": shelf.seen_by(shelf.side),
            "may_offer": is_casework(request.user)
            and shelf.partnership.stage == Stage.POST_REUNIFICATION
            and not shelf.offered,
            "copy_form": PartnerCopyForm(
                initial={"answer": shelf.book.partner_copy if shelf.book else ""}
            )
            if shelf.side == "birth" and shelf.offered
            else None,
        },
    )


def _change(request, child, change, done: str, anchor=""):
    shelf = selectors.shelf_of(request.user, child)
    form = PickForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a post from the list."))
        return _back(child)
    try:
        changed = change(actor=request.user, shelf=shelf, post_id=form.cleaned_data["post"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if changed:
            messages.success(request, done)
    return _back(child, anchor)


@require_POST
def pick(request, child):
    return _change(
        request,
        child,
        services.pick_add,
        _("Added to the life book. The other home sees it too."),
        "#chosen",
    )


@require_POST
def unpick(request, child):
    return _change(request, child, services.pick_remove, _("Taken out of the life book."))


@require_POST
def seen(request, child):
    shelf = selectors.shelf_of(request.user, child)
    try:
        services.book_seen(actor=request.user, shelf=shelf)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Thank you: the other home knows the choice looks good to you.")
        )
    return _back(child, "#print")


@require_POST
def offer(request, child):
    shelf = selectors.shelf_of(request.user, child)
    try:
        services.book_offer(actor=request.user, shelf=shelf)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Offered: the family can download the life book now."))
    return _back(child, "#print")


@require_POST
def partner_copy(request, child):
    shelf = selectors.shelf_of(request.user, child)
    form = PartnerCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return _back(child, "#print")
    try:
        services.partner_copy_answer(
            actor=request.user, shelf=shelf, answer=form.cleaned_data["answer"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Saved your answer."))
    return _back(child, "#print")


def _printable(request, child):
    shelf = selectors.shelf_of(request.user, child)
    may, why = selectors.may_print(shelf, request.user)
    if not may:
        messages.info(request, why)
        return shelf, _back(child, "#print")
    return shelf, None


def _photo_files(chosen) -> dict[str, tuple[bytes, str]]:
    """Each chosen photo's print-sized file, read from private storage for this PDF."""
    files = {}
    for entry in chosen:
        for photo in entry.photos:
            with open_stored(photo.large.storage, photo.large.name) as stored:
                kind = mimetypes.guess_type(photo.large.name)[0] or "image/jpeg"
                files[f"photo-{photo.pk}"] = (stored.read(), kind)
    return files


def _language(request, shelf) -> str:
    asked = request.GET.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return selectors.family_language(shelf)


def _pdf_response(request, shelf, template, context, files, name):
    pdf = pdf_bytes(request, template, context, files=files)
    if pdf is None:
        messages.error(request, _("This server cannot make PDF files right now."))
        return _back(shelf.child, "#print")
    audit_entry_create(
        actor=request.user,
        action=Action.VIEWED,
        record=shelf.book or shelf.child,
        fields=[name],
    )
    return FileResponse(
        io.BytesIO(pdf), as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf"
    )


def book_pdf(request, child):
    """The life book, in the family's language (or the one asked for)."""
    shelf, refused = _printable(request, child)
    if refused:
        return refused
    chosen = selectors.picks_of(shelf)
    language = _language(request, shelf)
    today = timezone.localdate()
    with translation.override(language):
        context = {
            "shelf": shelf,
            "child": shelf.child,
            "about": selectors.about_me_then_and_now(shelf, today),
            "milestones": selectors.milestones(shelf),
            "chosen": chosen,
            "today": today,
            "language": language,
        }
        return _pdf_response(
            request, shelf, "lifebook/book_pdf.html", context, _photo_files(chosen), "life-book"
        )


def photos_pdf(request, child):
    """The chosen photos for printing: one 4×6 in print a page, or four to a letter sheet."""
    shelf, refused = _printable(request, child)
    if refused:
        return refused
    layout = request.GET.get("layout", "4x6")
    if layout not in LAYOUTS:
        layout = "4x6"
    chosen = selectors.picks_of(shelf)
    photos = [photo for entry in chosen for photo in entry.photos]
    context = {"photos": photos, "layout": layout, "child": shelf.child}
    return _pdf_response(
        request, shelf, "lifebook/photos_pdf.html", context, _photo_files(chosen), "photos"
    )
