"""Answering a text sent to the program's number.

STOP, START and HELP are the carriers' rules and work for any number, in English and
Spanish. Anything else is acted on only for a number that belongs to exactly one active
account: a keyword registered by another app (texts.replies), else the fallback. A number
that is not on file is answered politely and nothing about it is kept but the trail's
note of the attempt, without the number or any part of it (decision 0038-two-way-texts).
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.security import SecurityEvent, security_event_announce
from core.zones import program_zone, zone_of
from texts import replies, selectors, services

#: The carriers' opt-out and opt-in words, and the Spanish ones people send.
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}
STOP_WORDS_ES = {"PARAR", "ALTO", "CANCELAR", "DETENER", "BAJA"}
START_WORDS = {"START", "UNSTOP", "YES", "OPTIN"}
START_WORDS_ES = {"COMENZAR", "INICIAR", "EMPEZAR", "REANUDAR"}
#: "Yes" starts texts again only for a number that stopped them: from anyone else it is
#: more likely an answer to the coach, and goes on to the conversation.
ONLY_WHEN_STOPPED = {"YES"}
HELP_WORDS = {"HELP", "INFO"}
HELP_WORDS_ES = {"AYUDA"}
SPANISH = STOP_WORDS_ES | START_WORDS_ES | HELP_WORDS_ES

#: The longest text taken in: ten text messages' worth, more than anyone types on a phone.
LONGEST_TEXT = 1600


def _refused(detail: str) -> None:
    security_event_announce(event=SecurityEvent.REFUSED, user=None, detail=detail)


def answer(*, number: str, text: str, sid: str) -> str:
    """The reply to `text` from `number` (empty: no reply), after doing what it asks."""
    text = text[:LONGEST_TEXT]
    word = replies.keyword_of(text)
    found = list(selectors.senders(number)[:2])
    user = found[0] if len(found) == 1 else None
    if user is not None:
        language, zone = user.language, zone_of(user)
    else:
        language, zone = ("es" if word in SPANISH else "en"), program_zone()
    with translation.override(language), timezone.override(zone):
        return _answer(number=number, text=text, sid=sid, word=word, user=user, found=found)


def _answer(*, number, text, sid, word, user, found) -> str:
    program = settings.PROGRAM_NAME
    if word in STOP_WORDS | STOP_WORDS_ES:
        services.opt_out_record(number=number, actor=user)
        return _(
            "%(program)s: you will get no more texts from us. Reply START to get them again."
        ) % {"program": program}
    if word in START_WORDS | START_WORDS_ES and (
        word not in ONLY_WHEN_STOPPED or selectors.opted_out(number)
    ):
        services.opt_out_remove(number=number, actor=user)
        return _("%(program)s: texts are on again. Reply HELP for help, STOP to stop them.") % {
            "program": program
        }
    if word in HELP_WORDS | HELP_WORDS_ES:
        return _(
            "%(program)s: news from your family's program. For help, talk to your coach. "
            "Reply STOP to get no more texts."
        ) % {"program": program}
    if user is None:
        # Nobody, or more than one person, has this number: we cannot tell who wrote.
        # The trail notes the attempt, not the number: its time finds the text in the
        # provider's own log if it ever must be looked into.
        _refused("texts:shared_number" if found else "texts:unknown_sender")
        return _(
            "%(program)s: we cannot answer texts from this number. Please contact the "
            "program another way."
        ) % {"program": program}
    handler = replies.keyword_handler(word) if word else None
    if not replies.is_parent(user):
        reply = _("Thank you. Please answer in Village.")
    elif handler is not None:
        reply = handler(user)
    else:
        fallback = replies.fallback_handler()
        reply = fallback(user, text, sid) if fallback is not None and text.strip() else ""
    # What they asked is done; a number that said STOP is not texted even to say so.
    return "" if selectors.opted_out(number) else reply
