"""Texts through Twilio, behind notices.sms's interface (`send(to, text)`).

Chosen with VILLAGE_SMS_BACKEND=texts.backends.TwilioBackend; it then needs the account's
id and token and the number texts come from (village/settings.py), and stops the process
at start without them. Each text asks Twilio to report its delivery to our status
webhook, and a number that answered STOP gets nothing, checked at the moment of sending.
"""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from texts import delivery, selectors, services

logger = logging.getLogger(__name__)

#: Twilio's error for a number that answered STOP to the carrier or to Twilio itself:
#: the number is stopped here too, so we stop asking.
UNSUBSCRIBED = 21610
#: Long enough for Twilio on a slow day; short enough not to hold a worker.
TIMEOUT_SECONDS = 10

REQUIRED = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM")


def check_settings() -> None:
    missing = [f"VILLAGE_{name}" for name in REQUIRED if not getattr(settings, name, "")]
    if missing:
        raise ImproperlyConfigured(
            "Texts through Twilio need " + ", ".join(missing) + " to be set."
        )


def client() -> Client:
    twilio = Client(
        settings.TWILIO_ACCOUNT_SID,
        settings.TWILIO_AUTH_TOKEN,
        http_client=TwilioHttpClient(timeout=TIMEOUT_SECONDS),
        # Not the process's TWILIO_* variables: only Village's settings say where texts go.
        environment={},
    )
    # The API's address, for a test's fake endpoint or a proxy; Twilio's by default.
    twilio.api.base_url = settings.TWILIO_API_URL
    return twilio


def status_callback_url() -> str:
    return f"{settings.SITE_URL}{reverse('texts:status')}"


class TwilioBackend:
    def __init__(self):
        check_settings()

    def send(self, to: str, text: str) -> None:
        if selectors.opted_out(to):
            logger.info("Not texting a number that answered STOP.")
            return
        try:
            message = client().messages.create(
                to=to,
                from_=settings.TWILIO_FROM,
                body=text,
                status_callback=status_callback_url(),
            )
        except TwilioRestException as error:
            if error.code == UNSUBSCRIBED:
                services.opt_out_record(number=to)
                return
            raise
        delivery.sent_text_record(sid=message.sid, status=message.status or "")
