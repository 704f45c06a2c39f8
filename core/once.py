"""One record per form shown: a double tap, a form sent again from the browser's history
or a page resent after a dropped connection makes one post, one message, one reply
(docs/decisions/0023).

Each form that creates something for a signed-in person carries a one-time key
(`OnceForm`), made when the form is shown. The view makes its record through `once()`:
the key is written in the same transaction as the record, unique, so the first sending
makes the record and any later one, even one waiting behind the first's lock, gets that
same record back and answers as the first did. A record that could not be made (an error
shown beside a field) leaves the key unused, so the corrected form can be sent.

Public forms, whose sender is not signed in, carry their key in the signed stamp of
core.visitor_forms (SpamCheckedForm.nonce) and keep it on their record; the ledger keeps
its payment key in its own column (docs/decisions/0012). The key is made here for all."""

import re
import secrets
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import FormKey

#: How long a sent form's key is remembered: long after anyone could send it again.
KEYS_KEPT_DAYS = 30
KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
#: The code of the error a form sent with another person's key gets.
FORM_USED = "form_used"


#: While a page's part is written to be kept (notices.badges.kept_part), each form's key
#: is this stand-in, and every page that shows the part gets keys of its own (keys_put_in).
_stand_in: ContextVar[str] = ContextVar("once_key_stand_in", default="")


def new_key() -> str:
    return _stand_in.get() or secrets.token_urlsafe(24)


@contextmanager
def keys_stood_in(stand_in: str):
    """Forms made within carry `stand_in` for their one-time key."""
    token = _stand_in.set(stand_in)
    try:
        yield
    finally:
        _stand_in.reset(token)


def keys_put_in(html: str, stand_in: str) -> str:
    """A new key for each form of a kept part, where the stand-in is: one part shown
    twice is two forms, and each sending makes its own record."""
    return re.sub(re.escape(stand_in), lambda _found: new_key(), html)


class FormUsed(ValidationError):
    """The key belongs to another person's form, or to another kind of form."""

    def __init__(self):
        super().__init__(
            _("This form was already used. Please check it and send it again."), code=FORM_USED
        )


class OnceForm(forms.Form):
    """A form that creates something: it carries a one-time key, hidden, which the view
    passes to once() as `form.sent_key` (it is not among the cleaned data, which go to a
    service as they are). An altered key is replaced by a new one, and the person asked
    to send the form again. A sending with no key at all (a client of its own, not a page
    of the program) is made as it is."""

    sent_key = ""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._key_replaced = False
        sent = self.data.get(self.add_prefix("key"), "") if self.is_bound else ""
        if not self.is_bound:
            self.initial["key"] = new_key()
        elif sent and not (isinstance(sent, str) and KEY.fullmatch(sent)):
            self.refresh_key()
            self._key_replaced = True

    def refresh_key(self) -> None:
        """A new key, for a form shown again that must not count as the one sent."""
        self.data = self.data.copy()
        self.data[self.add_prefix("key")] = new_key()

    def clean_key(self):
        if self._key_replaced:
            raise forms.ValidationError(_("Please send the form again."), code=FORM_USED)
        return self.cleaned_data["key"]

    def _clean_form(self):
        super()._clean_form()
        self.sent_key = self.cleaned_data.pop("key", "") or ""

    def add_error(self, field, error):
        if getattr(error, "code", None) == FORM_USED:
            self.refresh_key()
        super().add_error(field, error)


def once[Record](
    key: str, *, user, make: Callable[[], Record], model: type[models.Model] | None = None
) -> tuple[Record | None, bool]:
    """`make()` what this form (its `key`) is for, unless it was made already.

    Returns (what make() returned, True) when made now; (the record, False) when the same
    form had made it. `model` is the kind of record make() returns, to hand it back then
    (None if it has since been deleted); without one, a page that only needs to know it
    was done gets (None, False). Raises FormUsed when the key is another person's or was
    used for another kind of record. No key: made, as it is."""
    if not key:
        return make(), True
    with transaction.atomic():
        earlier = _made(key, user, model)
        if earlier is not None:
            return earlier
        _forget_old_keys(user)
        try:
            with transaction.atomic():
                used = FormKey.objects.create(key=key, user=user)
        except IntegrityError:  # a twin of this sending won the race: its record stands
            return _made(key, user, model)
        made = make()
        if model is not None:
            used.record = f"{model._meta.label_lower}:{made.pk}"
            used.save(update_fields=["record"])
        return made, True


def once_for(form, *, user, make: Callable, model: type[models.Model] | None = None):
    """once() with the key `form` was sent with: none for a form that carries none."""
    return once(getattr(form, "sent_key", ""), user=user, make=make, model=model)


def _made(key: str, user, model: type[models.Model] | None):
    used = FormKey.objects.filter(key=key).first()
    if used is None:
        return None
    label, _sep, pk = used.record.partition(":")
    if used.user_id != user.pk or label != (model._meta.label_lower if model else ""):
        raise FormUsed
    if model is None:
        return None, False
    return apps.get_model(label)._default_manager.filter(pk=pk).first(), False


def _forget_old_keys(user) -> None:
    """A person's keys older than KEYS_KEPT_DAYS are let go as they send the next form."""
    old = timezone.now() - timedelta(days=KEYS_KEPT_DAYS)
    FormKey.objects.filter(user=user, used_at__lt=old).delete()
