from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notices import push, selectors, services
from notices.forms import (
    BodyTooLarge,
    DeviceRemoveForm,
    PreferencesForm,
    SubscriptionForm,
    json_body,
)
from notices.services import preferences_of, preferences_set


def preferences(request):
    form = PreferencesForm(request.POST or None, initial=preferences_of(request.user.pk))
    if request.method == "POST" and form.is_valid():
        preferences_set(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})


def devices(request):
    """The browsers that show this person's notices, and turning it on for this one
    (notices/static/notices/push.js)."""
    context = {
        "enabled": push.enabled(),
        "public_key": settings.VAPID_PUBLIC_KEY,
        "devices": selectors.devices_of(request.user),
        "this_device": request.session.get(services.SESSION_DEVICE),
    }
    return render(request, "notices/devices.html", context)


@require_POST
def device_subscribe(request):
    """The subscription push.js sends, as JSON, with the CSRF token in its header."""
    if not push.enabled():
        return JsonResponse({"error": "push is off"}, status=404)
    try:
        form = SubscriptionForm.from_json(json_body(request))
    except BodyTooLarge:
        return JsonResponse({"error": "too large"}, status=413)
    if not form.is_valid():
        return JsonResponse({"error": "not a subscription"}, status=400)
    agent = request.headers.get("User-Agent", "")
    device, created = services.device_subscribe(
        user=request.user, label=push.label_of(agent), **form.cleaned_data
    )
    request.session[services.SESSION_DEVICE] = device.pk
    if created:
        messages.success(request, _("Notifications are on for this device."))
    return JsonResponse({"device": device.pk}, status=201 if created else 200)


@require_POST
def device_remove(request):
    form = DeviceRemoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    device = selectors.device_of(request.user, form.cleaned_data["device"])
    services.device_remove(user=request.user, device=device)
    messages.success(request, _("That device will show no more notifications."))
    return redirect("notices:devices")
