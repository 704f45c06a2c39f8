import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.bounds import words_in
from core.forms import add_errors
from core.once import once
from core.pagination import paginate
from core.roles import is_casework
from core.throttle import client_address
from core.uploads import MAX_DOCUMENT_BYTES, accepts_upload, private_file_response
from core.visitor_forms import new_started
from gatherings import selectors, services
from gatherings.calendar import calendar_for
from gatherings.forms import (
    ChangeReplyForm,
    GatheringForm,
    GuestReplyForm,
    MemberReplyForm,
    ResourceForm,
    WalkInForm,
)
from gatherings.models import Gathering, Registration, Resource, Status

#: Replies on one page of the organizer's view; names listed at the door before typing.
REPLIES_PER_PAGE, DOOR_LIST = 100, 100
#: The most characters of a name searched for at the door.
DOOR_SEARCH = 80
#: Gatherings on one page of the list. A state's program plans sixty at a time: the whole
#: list, with a parent's replies to each, cost 70 ms of template a visit.
LIST_PAGE = 20


def gathering_list(request):
    past = request.GET.get("when") == "past" and is_casework(request.user)
    page, query = paginate(request, selectors.gathering_list(request.user, past=past), LIST_PAGE)
    mine = []
    if request.user.is_authenticated:
        mine = list(selectors.upcoming_replies(request.user)[: selectors.REPLIES_SHOWN + 1])
    return render(
        request,
        "gatherings/list.html",
        {
            "page": page,
            "query": query,
            "past": past,
            "mine": mine[: selectors.REPLIES_SHOWN],
            "more_replies": len(mine) > selectors.REPLIES_SHOWN,
        },
    )


def _reply_form(request, gathering, data=None):
    if request.user.is_authenticated:
        return MemberReplyForm(data, gathering=gathering, user=request.user)
    return GuestReplyForm(data, gathering=gathering)


def _gathering_page(request, gathering, form=None, status=200):
    reply = selectors.reply_of(request.user, gathering)
    if reply is not None and reply.status == Status.CANCELLED:
        reply = None
    open_for_replies = not gathering.cancelled and not gathering.started
    if form is None and reply is None and open_for_replies:
        form = _reply_form(request, gathering)
    return render(
        request,
        "gatherings/gathering.html",
        {
            "gathering": gathering,
            "reply": reply,
            "form": form if open_for_replies else None,
        },
        status=status,
    )


def gathering_detail(request, gathering):
    return _gathering_page(request, gathering)


@require_POST
def reply(request, gathering):
    """A reply from the gathering's page; errors show there with everything kept."""
    form = _reply_form(request, gathering, request.POST)
    guest = isinstance(form, GuestReplyForm)
    if guest and form.is_robot():
        return redirect(gathering)  # a robot learns nothing
    if guest and form.too_fast():
        form.add_error(None, _("That was very fast. Please check your answers and send again."))
    elif form.is_valid():
        try:
            if guest:  # a guest's form carries its one-time key in its signed stamp
                made = services.registration_make(
                    gathering=gathering,
                    data=form.reply_data(),
                    ip=client_address(request),
                    nonce=form.nonce(),
                )
            else:
                made, _fresh = once(
                    form.sent_key,
                    user=request.user,
                    model=Registration,
                    make=lambda: services.registration_make(
                        gathering=gathering, data=form.reply_data(), user=request.user
                    ),
                )
        except services.AlreadyReceived as sent:
            return redirect(sent.registration)
        except services.StaleForm:
            form.data = form.data.copy()
            form.data["started"] = new_started()
            form.add_error(
                None, _("This form was already used. Please check it and send it again.")
            )
            return _gathering_page(request, gathering, form, status=400)
        except services.TooManyReplies:
            form.add_error(
                None,
                _(
                    "We received several replies from this connection. Please call us, or try "
                    "again in an hour."
                ),
            )
            return _gathering_page(request, gathering, form, status=429)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Closed, or replied already: the page will not show the form, so say it there.
                messages.error(request, error.messages[0])
                return redirect(gathering)
            add_errors(form, error)
        else:
            if made is None:  # the same form sent again, its reply since gone
                return redirect(gathering)
            if made.status == Status.CONFIRMED:
                messages.success(request, _("You have a place. We sent you the details."))
            elif made.status == Status.WAITING:
                messages.success(
                    request,
                    _(
                        "It is full, so you are on the wait-list. If a place opens, it is yours "
                        "and we will tell you."
                    ),
                )
            return redirect(made)
    if guest:
        form.refresh_started_if_unusable()
    return _gathering_page(request, gathering, form, status=400)


@never_cache
def registration(request, registration):
    """A reply opened from its link: see it, change it, cancel it; after the event, what
    was shared with those who came. Never kept by a shared computer's browser cache."""
    form = None
    active = registration.status in (Status.CONFIRMED, Status.WAITING)
    open_for_changes = active and not registration.gathering.cancelled
    open_for_changes = open_for_changes and not registration.gathering.started
    if request.method == "POST" and not open_for_changes:
        messages.error(request, _("Replies to this event are closed, so nothing was changed."))
        return redirect(registration)
    if open_for_changes:
        form = ChangeReplyForm.for_reply(
            registration, request.POST if request.method == "POST" else None
        )
        if request.method == "POST" and form.is_valid():
            try:
                changed = services.registration_change(
                    registration=registration, data=form.cleaned_data, actor=_actor(request)
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                if changed:
                    messages.success(request, _("Your reply is changed."))
                return redirect(registration)
    return render(
        request,
        "gatherings/registration.html",
        {
            "reply": registration,
            "gathering": registration.gathering,
            "form": form,
            "resources": selectors.resources_for(registration),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _actor(request):
    """Who opens or changes a reply through its link: the signed-in person, else nobody
    we know."""
    return request.user if request.user.is_authenticated else None


def registration_cancel(request, registration):
    if request.method != "POST":
        return redirect(registration)
    try:
        services.registration_cancel(registration=registration, actor=_actor(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your reply is cancelled. Thank you for letting us know."))
    return redirect(registration)


def registration_file(request, registration, resource_id):
    """A handout shared after the event, for someone who came."""
    return _file_response(selectors.shared_handout(registration, resource_id))


def resource_file(request, resource):
    """A handout, for the team."""
    return _file_response(resource)


def _file_response(resource: Resource):
    return private_file_response(
        resource.file, content_type=resource.content_type, name=f"handout-{resource.pk}"
    )


def gathering_ics(request, gathering):
    return _ics(calendar_for([gathering]), f"gathering-{gathering.pk}.ics")


def feed(request):
    """Every listed gathering, for a phone's calendar to subscribe to."""
    return _ics(calendar_for(selectors.feed_gatherings()), "gatherings.ics")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def gathering_new(request):
    return _gathering_form(request, None)


def gathering_edit(request, gathering):
    return _gathering_form(request, gathering)


def _gathering_form(request, gathering: Gathering | None):
    # A copy: the form must not change the gathering before the service compares them.
    instance = copy.copy(gathering) if gathering is not None else Gathering()
    form = GatheringForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in GatheringForm.Meta.fields}
        try:
            if gathering is None:
                gathering, _made = once(
                    form.sent_key,
                    user=request.user,
                    model=Gathering,
                    make=lambda: services.gathering_create(actor=request.user, data=data),
                )
                if gathering is None:  # the same form sent again, its gathering since gone
                    return redirect("gatherings:list")
                told = _("Saved.")
            else:
                changed = services.gathering_change(
                    actor=request.user, gathering=gathering, data=data
                )
                told = (
                    _("Saved. Everyone who replied is told.")
                    if set(changed) & set(services.TOLD_FIELDS)
                    else _("Saved.")
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, told)
            return redirect("gatherings:organize", gathering.pk)
    if gathering is None:
        title, back = _("New gathering"), reverse("gatherings:list")
    else:
        title = _("Change %(title)s") % {"title": gathering.title}
        back = reverse("gatherings:organize", args=[gathering.pk])
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


@require_POST
def gathering_cancel(request, gathering):
    services.gathering_cancel(actor=request.user, gathering=gathering)
    messages.success(request, _("Cancelled. Everyone who replied is told."))
    return redirect("gatherings:organize", gathering.pk)


def organize(request, gathering):
    """The organizer's view: numbers for the room, the childcare and the food."""
    return _organize_page(request, gathering, ResourceForm())


def _organize_page(request, gathering: Gathering, resource_form, status=200):
    page, query = paginate(request, selectors.replies_to(gathering), REPLIES_PER_PAGE)
    return render(
        request,
        "gatherings/organize.html",
        {
            "gathering": gathering,
            "page": page,
            "query": query,
            "count": selectors.headcount(selectors.for_headcount(gathering)),
            "resources": list(selectors.resources_of(gathering)),
            "resource_form": resource_form,
        },
        status=status,
    )


def check_in(request, gathering):
    """The door, on a phone: find a name, tap; or add someone who just came."""
    if request.method == "POST":
        chosen = selectors.reply_at_door(gathering, request.POST.get("registration", ""))
        error = ""
        try:
            services.registration_check_in(
                actor=request.user, registration=chosen, undo=request.POST.get("undo") == "1"
            )
        except ValidationError as refused:
            error = refused.messages[0]
            if not request.htmx:
                messages.error(request, error)
        if request.htmx:
            # The row, and the count at the top out of band, without reloading the page.
            context = {
                "reply": chosen,
                "gathering": gathering,
                "here": selectors.adults_here(gathering),
                "oob": True,
                "error": error,
            }
            return render(request, "gatherings/_arrival.html", context)
        return redirect(
            reverse("gatherings:check_in", args=[gathering.pk]) + _search_suffix(request)
        )
    search = words_in(request.GET, "q", DOOR_SEARCH)
    if request.htmx:
        return render(request, "gatherings/_arrivals.html", _arrivals(gathering, search))
    return _door_page(request, gathering, WalkInForm(), search=search)


def _door_page(request, gathering: Gathering, walk_in_form, *, search="", status=200):
    return render(
        request,
        "gatherings/check_in.html",
        {
            **_arrivals(gathering, search),
            "walk_in_form": walk_in_form,
            "here": selectors.adults_here(gathering),
            "door_open": services.door_is_open(gathering),
        },
        status=status,
    )


def _arrivals(gathering: Gathering, search: str) -> dict:
    """The door's list, at most DOOR_LIST names: a large training is found by typing."""
    arrivals = selectors.arrivals(gathering, search=search)
    total = arrivals.count()
    return {
        "gathering": gathering,
        "arrivals": arrivals[:DOOR_LIST],
        "search": search,
        "total": total,
        "more": total > DOOR_LIST,
    }


def _search_suffix(request) -> str:
    search = words_in(request.POST, "q", DOOR_SEARCH)  # as the door's search box reads it
    return "?" + urlencode({"q": search}) if search else ""


@require_POST
def walk_in(request, gathering):
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            once(
                form.sent_key,
                user=request.user,
                make=lambda: services.walk_in_add(
                    actor=request.user, gathering=gathering, data=form.cleaned_data
                ),
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("%(name)s is checked in.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("gatherings:check_in", gathering.pk)
    return _door_page(request, gathering, form, status=400)


@require_POST
@accepts_upload(MAX_DOCUMENT_BYTES)
def resource_share(request, gathering):
    form = ResourceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            once(
                form.sent_key,
                user=request.user,
                make=lambda: services.resource_share(
                    actor=request.user, gathering=gathering, **form.cleaned_data
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Shared. Everyone who came is told."))
            return redirect("gatherings:organize", gathering.pk)
    return _organize_page(request, gathering, form, status=400)


def attendance(request):
    """Who comes to gatherings: for coaches to see who is connected and who is not."""
    page, query = paginate(request, selectors.who_comes(), 100)
    return render(request, "gatherings/attendance.html", {"page": page, "query": query})
