"""What a text from a parent means, filled in by the apps that act on it.

Texts sits low in the layers (beside notices), so it may not import the calendar or the
conversations. They register here in their AppConfig.ready(): the calendar a keyword
("C" confirms tomorrow's family time), the conversations the fallback (any other words
go to the coach). Each handler gets the sender's account and answers with the words of
the reply, in the language that is active when it is called.
"""

import unicodedata
from collections.abc import Callable

from core.roles import Role

#: handler(user) -> reply
KeywordHandler = Callable[[object], str]
#: handler(user, text, key) -> reply; `key` is the provider's id of the text, which makes
#: a webhook the provider sends again make one record, not two.
FallbackHandler = Callable[[object, str, str], str]

_keywords: dict[str, KeywordHandler] = {}
_fallback: list[FallbackHandler] = []

#: A keyword is a word or two, never a sentence.
KEYWORD_LONGEST = 20


def keyword_of(text: str) -> str:
    """The text as a keyword: letters and digits only, accents dropped, in capitals, so
    " stop ", "Stop." and "S T O P" all read STOP, and "ayúda" AYUDA. Empty for anything
    longer than a keyword could be."""
    if len(text) > KEYWORD_LONGEST * 3:
        return ""
    plain = unicodedata.normalize("NFKD", text)
    word = "".join(ch for ch in plain if ch.isalnum()).upper()
    return word if len(word) <= KEYWORD_LONGEST else ""


def register_keyword(word: str, handler: KeywordHandler) -> None:
    _keywords[keyword_of(word)] = handler


def register_fallback(handler: FallbackHandler) -> None:
    _fallback[:] = [handler]


def is_parent(user) -> bool:
    """Texts act for parents: a coach or a volunteer whose phone is on file answers in
    Village, where their words are their role's."""
    return user.has_role(Role.BIRTH_PARENT, Role.PARTNER_PARENT)


def keyword_handler(word: str) -> KeywordHandler | None:
    return _keywords.get(word)


def fallback_handler() -> FallbackHandler | None:
    return _fallback[0] if _fallback else None
