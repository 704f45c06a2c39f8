from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.selectors import sharing_for
from core.audio import MAX_AUDIO_BYTES
from core.forms import add_errors
from core.images import MAX_UPLOAD_BYTES
from core.once import once
from core.pagination import paginate
from core.storage import stored_response
from core.uploads import accepts_upload, private
from journal import selectors, services
from journal.forms import EditForm, PostForm, ReactionForm, ReplyForm, ReturnForm, ReviewSettingForm
from journal.models import EMOJI, Post, ReactionKind
from notices.badges import STEADY, kept_part
from partnerships.selectors import exchange_partnerships

#: A feed shown again after a form with errors tags nothing new: the reading that did was
#: the page before.
SEEN = object()


def _feed_page(request, partnership, sharing, form=None, status=200, read_before=SEEN):
    """The journal: a form to share a moment (`form` when shown again with what the
    person typed), and a page of posts."""
    sharing.reader = request.user
    is_staff_view = sharing.side_of_user(request.user) is None

    def compose(form) -> dict:
        return {
            "partnership": partnership,
            "form": form or PostForm(children=partnership.children.all()),
            "is_staff_view": is_staff_view,
            "posts_wait": selectors.posts_wait_for_review(partnership),
        }

    def posts() -> dict:
        feed = selectors.feed(request.user, sharing)
        page, query = paginate(request, feed, selectors.FEED_PAGE)
        # What others shared since the reader last opened the journal is new to them, this once.
        for post in page.object_list:
            post.is_new = (
                read_before is not SEEN
                and post.author_id != request.user.pk
                and post.published_at is not None
                and (read_before is None or post.published_at > read_before)
            )
        return {
            "partnership": partnership,
            "sharing": sharing,
            "page": page,
            "query": query,
            "reactions": _reactions(),
        }

    # The posts are kept for the reader a minute (decision 0048): a post, reply or
    # reaction reaches them through a notice or a form about the partnership, either of
    # which writes them afresh. Kept by what was new to the reader when they were written.
    asked = request.GET.get("page", "")
    since = "seen" if read_before is SEEN else (read_before.isoformat() if read_before else "")
    parts = ("journal", str(partnership.pk), asked if asked.isdigit() else "", since)
    shown = kept_part(
        request, *parts, template="journal/_posts.html", context=posts, area="journal"
    )
    # Scrolling to the end asks htmx for the next page: only its posts are sent.
    if request.htmx and asked.isdigit() and int(asked) > 1:
        return HttpResponse(shown)
    if form is None:
        # Kept through the journal's own changes (posts, replies, read marks), which the
        # form does not show; whether posts wait, the one it does, makes everything of
        # the partnership's readers stale when it changes (services.review_setting_set).
        parts = ("journal-compose", str(partnership.pk))
        writing = kept_part(
            request,
            *parts,
            template="journal/_compose.html",
            context=lambda: compose(None),
            area=STEADY,
        )
    else:  # what the person typed, and why it was refused: never kept
        writing = render_to_string("journal/_compose.html", compose(form), request)
    context = {
        "partnership": partnership,
        "sharing": sharing,
        "posts": shown,
        "compose": writing,
        "is_staff_view": is_staff_view,
    }
    return render(request, "journal/feed.html", context, status=status)


def _reactions() -> list[tuple[str, str, str]]:
    """Each reaction's kind, name and emoji, the names translated once for the page
    rather than at each of its posts' buttons."""
    return [(kind, str(label), EMOJI[kind]) for kind, label in ReactionKind.choices]


def mine(request):
    """The journal tab: a parent in one partnership goes straight to its journal; one in
    several (or none) to their home page, which lists each."""
    ids = list(exchange_partnerships(request.user).values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return redirect("journal:feed", partnership_id=ids[0])
    return redirect("home:home")


def feed(request, partnership):
    sharing = sharing_for(partnership)
    # Opening the journal reads it: the tab's count of what is new goes back to none.
    read_before = services.journal_read(
        user=request.user,
        partnership=partnership,
        up_to=selectors.newest_shared(partnership),
    )
    return _feed_page(request, partnership, sharing, read_before=read_before)


@accepts_upload(max(MAX_UPLOAD_BYTES, MAX_AUDIO_BYTES))
def post_new(request, partnership):
    if request.method != "POST":
        return redirect("journal:feed", partnership.pk)
    sharing = sharing_for(partnership)
    form = PostForm(request.POST, request.FILES, children=partnership.children.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            post, _made = once(
                form.sent_key,
                user=request.user,
                model=Post,
                make=lambda: services.post_create(
                    actor=request.user,
                    sharing=sharing,
                    text=data["text"],
                    children=data["children"],
                    photo=data["photo"],
                    description=data["description"],
                    voice=data["voice"],
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            # The same form sent twice: the post it made, and the same answer.
            if post is not None and post.status == "waiting":
                messages.success(
                    request, _("Posted. Your coach will look at it before the other home sees it.")
                )
            else:
                messages.success(request, _("Posted."))
            return redirect("journal:feed", partnership.pk)
    return _feed_page(request, partnership, sharing, form, status=400)


def post_detail(request, post):
    post.sharing.reader = request.user
    return render(
        request,
        "journal/post.html",
        {
            "post": post,
            "partnership": post.sharing.partnership,
            "sharing": post.sharing,
            "reply_form": ReplyForm(),
            "is_staff_view": post.sharing.side_of_user(request.user) is None,
            "reactions": _reactions(),
        },
    )


def reply(request, post):
    if request.method != "POST":
        return redirect(post.get_absolute_url())
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            once(
                form.sent_key,
                user=request.user,
                model=Post,
                make=lambda: services.post_create(
                    actor=request.user,
                    sharing=post.sharing,
                    text=form.cleaned_data["text"],
                    reply_to=post,
                ),
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Reply sent."))
    else:
        messages.error(request, _("Write your reply first."))
    return redirect(post.get_absolute_url())


def react(request, post):
    if request.method != "POST":
        return redirect(post.get_absolute_url())
    form = ReactionForm(request.POST)
    if form.is_valid():
        services.reaction_toggle(actor=request.user, post=post, kind=form.cleaned_data["kind"])
    if request.POST.get("back") == "feed":
        return redirect(reverse("journal:feed", args=[post.partnership_id]) + f"#post-{post.pk}")
    return redirect(post.get_absolute_url())


def post_edit(request, post):
    form = EditForm(request.POST or None, initial={"text": post.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Change your post"), "back": post.get_absolute_url()},
    )


def post_withdraw(request, post):
    if request.method != "POST":
        return redirect(post.get_absolute_url())
    services.post_withdraw(actor=request.user, post=post)
    messages.success(request, _("Withdrawn. Nobody sees it in the journal any more."))
    return redirect("journal:feed", post.partnership_id)


def photo_large(request, photo):
    return _photo(request, photo, "large")


def photo_small(request, photo):
    return _photo(request, photo, "small")


def _photo(request, photo, size):
    response = stored_response(
        getattr(photo, size),
        content_type="image/jpeg",
        as_attachment=request.GET.get("save") == "1",
        filename=f"photo-{photo.pk}.jpg",
    )
    # No cache keeps a copy, not even this browser's: it may be a shared computer.
    return private(response)


def review(request):
    return render(
        request,
        "journal/review.html",
        {"posts": selectors.review_queue(request.user), "return_form": ReturnForm()},
    )


def review_approve(request, post):
    if request.method != "POST":
        return redirect("journal:review")
    try:
        services.post_approve(actor=request.user, post=post, sharing=post.sharing)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Shared with the other home."))
    return redirect("journal:review")


def review_return(request, post):
    if request.method != "POST":
        return redirect("journal:review")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.post_return(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Returned to its author with your note."))
    else:
        messages.error(request, _("Say why it goes back, so the author knows what to change."))
    return redirect("journal:review")


def review_setting(request, partnership):
    if request.method != "POST":
        return redirect("journal:feed", partnership.pk)
    form = ReviewSettingForm(request.POST)
    if form.is_valid():
        wait = form.cleaned_data["posts_wait"]
        services.review_setting_set(actor=request.user, partnership=partnership, posts_wait=wait)
        messages.success(
            request,
            _("Posts now wait for you before the other home sees them.")
            if wait
            else _("Posts are now shared without waiting for you."),
        )
    return redirect("journal:feed", partnership.pk)
