from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from aboutme import selectors, services
from aboutme.forms import AboutMeForm
from aboutme.topics import TOPIC_BY_CODE, is_older, topics_for
from audit.models import Action
from audit.services import audit_entry_create
from core.pagination import paginate


def _load(request, child_id):
    child = selectors.child_profile_for(request.user, child_id)
    partnership = selectors.partnership_of_child(request.user, child)
    return child, partnership, selectors.sharing_of(partnership)


def _viewed(request, child):
    audit_entry_create(actor=request.user, action=Action.VIEWED, record=child, fields=["about_me"])


def profile(request, child_id):
    child, partnership, sharing = _load(request, child_id)
    (shown,) = selectors.profiles(request.user, [child], sharing, news=True)
    _viewed(request, child)
    services.about_me_seen(user=request.user, child=child)
    return render(
        request,
        "aboutme/profile.html",
        {
            "profile": shown,
            "partnership": partnership,
            "sharing": sharing,
            "older": is_older(child, timezone.localdate()),
        },
    )


def edit(request, child_id):
    child, partnership, sharing = _load(request, child_id)
    author = services.author_of(sharing, request.user)
    topics = topics_for(child, timezone.localdate())
    form = AboutMeForm(
        request.POST or None,
        topics=topics,
        initial=selectors.current_texts(child, author, services.writers_of(sharing, author)),
    )
    if request.method == "POST" and form.is_valid():
        changed = services.about_me_save(
            actor=request.user, child=child, sharing=sharing, texts=form.cleaned_data
        )
        if changed:
            labels = get_text_list([str(TOPIC_BY_CODE[c].label) for c in changed], _("and"))
            messages.success(request, _("Saved: %(topics)s.") % {"topics": labels})
        else:
            messages.info(request, _("Nothing had changed, so nothing new was saved."))
        return redirect("aboutme:profile", child.pk)
    _viewed(request, child)
    return render(
        request,
        "aboutme/edit.html",
        {"child": child, "form": form, "author": author, "sharing": sharing},
    )


def history(request, child_id):
    child, partnership, sharing = _load(request, child_id)
    page, query = paginate(request, selectors.history_of(request.user, child, sharing))
    _viewed(request, child)
    return render(request, "aboutme/history.html", {"child": child, "page": page, "query": query})


def print_one(request, child_id):
    child, partnership, sharing = _load(request, child_id)
    shown = selectors.profiles(request.user, [child], sharing)
    _viewed(request, child)
    return render(request, "aboutme/print.html", {"profiles": shown, "partnership": partnership})


def print_all(request, partnership_id):
    partnership = selectors.partnership_for_print(request.user, partnership_id)
    sharing = selectors.sharing_of(partnership)
    children = list(partnership.children.all())
    shown = selectors.profiles(request.user, children, sharing)
    for child in children:
        _viewed(request, child)
    return render(request, "aboutme/print.html", {"profiles": shown, "partnership": partnership})
