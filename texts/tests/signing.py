"""Posting to the webhooks as Twilio does: the form fields, signed with the account's
token over the full public address and the fields (the SDK's own RequestValidator)."""

import secrets
import xml.etree.ElementTree as ET

from django.conf import settings
from django.urls import reverse
from twilio.request_validator import RequestValidator

TOKEN = "test-auth-token-0123456789abcdef"
SITE = "https://village.example.org"
PROGRAM_NUMBER = "+15125550100"


def new_sid() -> str:
    return "SM" + secrets.token_hex(16)


def post_signed(client, name: str, fields: dict, *, token: str = TOKEN, signature=None):
    path = reverse(name)
    if signature is None:
        signature = RequestValidator(token).compute_signature(f"{settings.SITE_URL}{path}", fields)
    headers = {"X-Twilio-Signature": signature} if signature else {}
    return client.post(path, fields, headers=headers)


def text_in(client, body: str, number: str, *, sid: str | None = None, **signing):
    fields = {
        "MessageSid": sid or new_sid(),
        "AccountSid": "AC" + "0" * 32,
        "From": number,
        "To": PROGRAM_NUMBER,
        "Body": body,
        "NumMedia": "0",
    }
    return post_signed(client, "texts:incoming", fields, **signing)


def reply_of(response) -> str:
    """The words of the TwiML answer; empty when it says nothing back."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Response"
    return " ".join(message.text or "" for message in root.iter("Message"))
