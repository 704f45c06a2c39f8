"""The provider's webhooks: a text to the program's number, and a text's delivery.

Public and without a CSRF token, since Twilio posts them; in their place each request
must carry Twilio's signature of the public address and the posted fields, made with the
account's token. Anything else is refused with 403, changes nothing and is noted in the
audit trail.
"""

import re
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from core.security import SecurityEvent, security_event_announce
from core.throttle import client_address, throttle_hit
from texts import delivery, inbound, services
from texts.backends import UNSUBSCRIBED

#: A provider's id of a text (SM… or MM…, 34 characters): kept only when it looks like one.
SID = re.compile(r"[A-Za-z0-9]{2,64}")
#: E.164, as families.Person keeps phones.
E164 = re.compile(r"\+[1-9][0-9]{6,14}")


def signed(request) -> bool:
    """Whether Twilio signed this request: its public address (the address Twilio was
    given, not the one the proxy passed on) and its fields, with the account's token."""
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = f"{settings.SITE_URL}{request.get_full_path()}"
    return RequestValidator(token).validate(url, request.POST, signature)


def twilio_webhook(view):
    @wraps(view)
    def checked(request):
        if not signed(request):
            name = request.resolver_match.view_name
            # Unsigned posts are limited per address like any public form's (the site's
            # own throttle lets signed webhooks through): past the limit they are still
            # refused, and no longer written to the trail one by one.
            if not throttle_hit(
                scope=f"post:{name}"[:40],
                key=client_address(request),
                limit=settings.PUBLIC_POSTS_PER_HOUR,
            ):
                security_event_announce(
                    event=SecurityEvent.REFUSED, user=None, detail=f"{name} unsigned"
                )
            return HttpResponseForbidden()
        return view(request)

    webhook = csrf_exempt(require_POST(checked))
    webhook.signed_by_provider = True  # core.throttle lets it through (see above)
    return webhook


def twiml(reply: str) -> HttpResponse:
    response = MessagingResponse()
    if reply:
        response.message(reply)
    return HttpResponse(str(response), content_type="application/xml")


def _sid(request) -> str:
    sid = request.POST.get("MessageSid", "")
    return sid if SID.fullmatch(sid) else ""


@twilio_webhook
def incoming(request):
    number = request.POST.get("From", "")
    if not E164.fullmatch(number):
        return twiml("")  # a short code or an alphanumeric sender: nobody to answer
    return twiml(
        inbound.answer(number=number, text=request.POST.get("Body", ""), sid=_sid(request))
    )


@twilio_webhook
def status(request):
    code = request.POST.get("ErrorCode", "")
    error_code = int(code) if code.isdigit() and len(code) < 9 else None
    number = request.POST.get("To", "")
    if error_code == UNSUBSCRIBED and E164.fullmatch(number):
        services.opt_out_record(number=number)
    delivery.sent_text_status_update(
        sid=_sid(request), status=request.POST.get("MessageStatus", ""), error_code=error_code
    )
    return HttpResponse(status=204)
