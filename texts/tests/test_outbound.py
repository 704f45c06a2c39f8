"""Texts sent through Twilio: the SDK is pointed at a fake API on this machine (no
internet), and the test reads the exact request it made. Delivery reports come back to
the status webhook, signed as Twilio signs them."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ImproperlyConfigured

from notices import sms
from texts.backends import TwilioBackend
from texts.models import OptOut, SentText
from texts.tests.signing import SITE, TOKEN, post_signed

pytestmark = pytest.mark.django_db

ACCOUNT = "AC" + "1" * 32
FROM = "+15125550100"
TO = "+15125550117"
SID = "SM" + "a" * 32


class FakeTwilio(BaseHTTPRequestHandler):
    """Answers as Twilio's Messages API does, and keeps what it was sent."""

    answer: tuple[int, dict] = (201, {"sid": SID, "status": "queued"})
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append(
            {
                "path": self.path,
                "form": {name: values for name, values in parse_qs(body).items()},
                "authorization": self.headers.get("Authorization", ""),
            }
        )
        status, payload = self.answer
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def fake_twilio(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeTwilio)
    FakeTwilio.received = []
    FakeTwilio.answer = (201, {"sid": SID, "status": "queued"})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "texts.backends.TwilioBackend"
    settings.TWILIO_ACCOUNT_SID = ACCOUNT
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TWILIO_FROM = FROM
    settings.TWILIO_API_URL = f"http://127.0.0.1:{server.server_port}"
    settings.SITE_URL = SITE
    yield FakeTwilio
    server.shutdown()
    server.server_close()


def test_a_text_goes_to_twilio_with_its_status_callback_and_is_kept_without_its_words(
    fake_twilio,
):
    sms.send_sms(TO, "You have a new update: https://village.example.org/journal/1/")
    (request,) = fake_twilio.received
    assert request["path"] == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert request["form"] == {
        "To": [TO],
        "From": [FROM],
        "Body": ["You have a new update: https://village.example.org/journal/1/"],
        "StatusCallback": [f"{SITE}/texts/status/"],
    }
    expected = base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
    assert request["authorization"] == f"Basic {expected}"
    sent = SentText.objects.get()
    assert (sent.sid, sent.status) == (SID, "queued")
    # Neither the number nor the words are kept.
    assert TO not in str(vars(sent)) and "update" not in str(vars(sent))


def test_a_number_that_said_stop_is_not_texted_at_all(fake_twilio):
    OptOut.objects.create(number=TO)
    sms.send_sms(TO, "You have a new update")
    TwilioBackend().send(TO, "You have a new update")  # the backend checks too
    assert fake_twilio.received == []
    assert not SentText.objects.exists()


def test_a_number_twilio_says_unsubscribed_is_stopped_here_too(fake_twilio):
    fake_twilio.answer = (
        400,
        {"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400},
    )
    sms.send_sms(TO, "You have a new update")
    assert OptOut.objects.filter(number=TO).exists()
    sms.send_sms(TO, "You have a new update")
    assert len(fake_twilio.received) == 1


def test_any_other_refusal_from_twilio_fails_loudly(fake_twilio):
    from twilio.base.exceptions import TwilioRestException

    fake_twilio.answer = (400, {"code": 21211, "message": "Invalid 'To'", "status": 400})
    with pytest.raises(TwilioRestException):
        sms.send_sms(TO, "You have a new update")


def status(client, message_status, *, sid=SID, error_code="", **signing):
    fields = {
        "MessageSid": sid,
        "MessageStatus": message_status,
        "AccountSid": ACCOUNT,
        "From": FROM,
        "To": TO,
    }
    if error_code:
        fields["ErrorCode"] = error_code
    return post_signed(client, "texts:status", fields, **signing)


def test_the_status_callback_updates_the_stored_status_and_never_goes_back(client, fake_twilio):
    sms.send_sms(TO, "You have a new update")
    assert status(client, "sent").status_code == 204
    assert SentText.objects.get().status == "sent"
    status(client, "delivered")
    status(client, "sent")  # late, out of order
    assert SentText.objects.get().status == "delivered"


def test_an_undelivered_text_keeps_the_providers_error(client, fake_twilio):
    sms.send_sms(TO, "You have a new update")
    status(client, "undelivered", error_code="30003")
    sent = SentText.objects.get()
    assert (sent.status, sent.error_code) == ("undelivered", 30003)


def test_an_unsigned_status_callback_is_refused_and_changes_nothing(
    client, fake_twilio, security_events
):
    sms.send_sms(TO, "You have a new update")
    assert status(client, "failed", signature="").status_code == 403
    assert status(client, "failed", token="not-our-token").status_code == 403
    assert status(client, "undelivered", error_code="21610", signature="x").status_code == 403
    assert SentText.objects.get().status == "queued"
    assert not OptOut.objects.exists()
    assert [detail for _event, _user, detail in security_events] == ["texts:status unsigned"] * 3


def test_the_twilio_backend_without_its_settings_fails_loudly(settings):
    settings.TWILIO_ACCOUNT_SID = ""
    settings.TWILIO_AUTH_TOKEN = "token"
    settings.TWILIO_FROM = ""
    with pytest.raises(ImproperlyConfigured, match="VILLAGE_TWILIO_ACCOUNT_SID"):
        TwilioBackend()


def test_settings_refuse_the_twilio_backend_without_its_account(monkeypatch):
    """At start: the process does not come up half-configured."""
    import subprocess
    import sys

    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_DEBUG": "true",
        "VILLAGE_SMS_BACKEND": "texts.backends.TwilioBackend",
        "VILLAGE_TWILIO_FROM": FROM,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import village.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "VILLAGE_TWILIO_ACCOUNT_SID" in result.stderr
    assert "VILLAGE_TWILIO_AUTH_TOKEN" in result.stderr
