from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from aboutme import seen, selectors, services
from aboutme.forms import AboutMeForm
from aboutme.topics import TOPIC_BY_CODE, is_older, topics_for
from agreements.selectors import sharing_for
from audit.models import Action
from audit.services import audit_entry_create
from core.pagination import paginate
from notices.badges import kept_part
from voice.selectors import for_children as recordings_for_children


def _shared(request, child):
    """The partnership the reader shares with the child (its rule loaded and audited the
    child), and what that partnership's agreement lets them see."""
    partnership = selectors.partnership_of_child(request.user, child)
    return partnership, sharing_for(partnership)


def profile(request, child):
    """A child's profile as the reader may read it, what is new to them marked. Kept for
    the reader a minute while nothing is new to them (decision 0048): then the page does
    not depend on when they last looked. New words change its key; a recording or a
    change of what the agreement shares reaches them through a notice or a form about
    the partnership, which writes it afresh."""

    def context() -> dict:
        partnership, sharing = _shared(request, child)
        (shown,) = selectors.profiles(request.user, [child], sharing, news=True)
        recordings = recordings_for_children(request.user, [child], sharing)[child.pk]
        return {
            "profile": shown,
            "partnership": partnership,
            "sharing": sharing,
            "older": is_older(child, timezone.localdate()),
            "recordings": recordings,
            # What the reader has recorded already: the button then offers to record again.
            "recorded": [
                purpose
                for purpose, found in recordings.items()
                if any(r.author_id == request.user.pk for r in found)
            ],
            "records": sharing.side_of_user(request.user) is not None,
        }

    newest, anything_new = selectors.profile_state(request.user, child)
    if anything_new:
        shown = render_to_string("aboutme/_profile.html", context(), request)
    else:  # kept by the newest entry: words written since are always shown
        today = timezone.localdate().isoformat()
        parts = ("aboutme", str(child.pk), str(newest), today)
        shown = kept_part(
            request, *parts, template="aboutme/_profile.html", context=context, area="aboutme"
        )
    seen.about_me_seen(user=request.user, child=child)
    return render(request, "aboutme/profile.html", {"child": child, "shown": shown})


def edit(request, child):
    """Every topic of the child's version at once or, with `?topic=`, that one alone: a
    topic's page saves only its own words and comes back to it on the profile."""
    partnership, sharing = _shared(request, child)
    author = services.author_of(sharing, request.user)
    topics = topics_for(child, timezone.localdate())
    topic = None
    if "topic" in request.GET:
        topic = next((t for t in topics if t.code == request.GET["topic"]), None)
        if topic is None:
            raise Http404
        topics = [topic]
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
        profile_url = reverse("aboutme:profile", args=[child.pk])
        return redirect(f"{profile_url}#topic-{topic.code}" if topic else profile_url)
    return render(
        request,
        "aboutme/edit.html",
        {"child": child, "form": form, "author": author, "sharing": sharing, "topic": topic},
    )


def history(request, child):
    partnership, sharing = _shared(request, child)
    page, query = paginate(request, selectors.history_of(request.user, child, sharing))
    return render(request, "aboutme/history.html", {"child": child, "page": page, "query": query})


def print_one(request, child):
    partnership, sharing = _shared(request, child)
    shown = selectors.profiles(request.user, [child], sharing)
    return render(request, "aboutme/print.html", {"profiles": shown, "partnership": partnership})


def print_all(request, partnership):
    sharing = sharing_for(partnership)
    children = list(partnership.children.all())
    shown = selectors.profiles(request.user, children, sharing)
    # The rule audited the partnership; each child's profile printed is a reading too.
    for child in children:
        audit_entry_create(
            actor=request.user, action=Action.VIEWED, record=child, fields=["about_me"]
        )
    return render(request, "aboutme/print.html", {"profiles": shown, "partnership": partnership})
