import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import add_errors
from core.once import once_for
from core.pdf import pdf_bytes
from core.roles import is_casework
from letters import selectors, services
from letters.forms import LetterForm
from letters.models import Letter
from letters.text import letter_context


def _parents(request, partnership):
    parents = partnership.birth_family.parents.order_by("pk")
    return parents if is_casework(request.user) else parents.filter(user=request.user)


def letters(request, partnership):
    """A partnership's letters: the birth parent's own, or all of them for the team."""
    return render(
        request,
        "letters/letters.html",
        {"partnership": partnership, "letters": selectors.letters_of(request.user, partnership)},
    )


def letter_new(request, partnership):
    form = LetterForm(request.POST or None, parents=_parents(request, partnership))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "person"}
        try:
            made, _fresh = once_for(
                form,
                user=request.user,
                model=Letter,
                make=lambda: services.letter_create(
                    actor=request.user,
                    partnership=partnership,
                    person=form.cleaned_data["person"],
                    data=data,
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if made is None:
                return redirect("letters:letters", partnership.pk)
            return redirect(made)
    return render(request, "letters/letter_form.html", {"form": form, "partnership": partnership})


def letter(request, letter):
    """The letter as it prints. Until the parent approves it, it says it is a draft and
    offers her the approval; once approved, it prints and downloads."""
    mine = letter.person.user_id == request.user.pk
    return render(
        request,
        "letters/letter.html",
        {**letter_context(letter), "may_approve": mine and not letter.approved},
    )


def approve(request, letter):
    if request.method != "POST":
        return redirect(letter)
    try:
        services.letter_approve(actor=request.user, letter=letter)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Approved. You and your coach can print it now."))
    return redirect(letter)


def letter_pdf(request, letter):
    """An approved letter as a PDF (the rule's selector refuses a draft)."""
    context = letter_context(letter)
    pdf = pdf_bytes(request, "letters/letter_document.html", context)
    if pdf is None:
        return render(request, "letters/letter.html", {**context, "no_pdf": True}, status=503)
    day = timezone.localdate(letter.approved_at).isoformat()
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=f"letter-{day}.pdf",
        content_type="application/pdf",
    )
