from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from core.once import once_for


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError beside the field it is about, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class PageForms:
    """Several forms on one page, told apart by a hidden "form" field that names the one
    sent: only that one is bound, so the others stay empty and nothing typed in the sent
    one is lost when it comes back with errors.

    `factories` maps each form's name to a callable taking the POST data (or None)."""

    def __init__(self, request, **factories):
        self.user = request.user
        sent = request.POST.get("form") if request.method == "POST" else None
        self.sent = sent if sent in factories else None
        self.forms = {
            name: make(request.POST if name == self.sent else None)
            for name, make in factories.items()
        }

    def handle(self, **actions) -> str:
        """Run the sent form's action on its cleaned data. The action returns the message
        to show; "" means nothing was saved and the form carries its errors, a service's
        ValidationError included. A form with a one-time key (core.once) sent again is
        not acted on twice: the page says it was saved."""
        if self.sent is None or self.sent not in actions:
            return ""
        form = self.forms[self.sent]
        if not form.is_valid():
            return ""
        try:
            told, made = once_for(
                form, user=self.user, make=lambda: actions[self.sent](dict(form.cleaned_data))
            )
        except ValidationError as error:
            add_errors(form, error)
            return ""
        return told if made else _("Saved.")

    def context(self) -> dict:
        return {f"{name}_form": form for name, form in self.forms.items()}


def error_summary(form: forms.BaseForm) -> dict:
    """What core/_error_summary.html lists at the top of a form sent back with errors.

    `fields`: each visible field in error, in the form's order, with the id of the element
    to link to (its input; the first choice of a radio group, a list of checkboxes or a
    widget of several inputs, which have no single input a label points to), its label
    and its first error. `hidden`: the errors of hidden fields, which have nothing on the
    page to mark. `retype`: a password typed in comes back empty, so "nothing you typed was
    lost" would not be true of it."""
    fields = [
        {
            "target": field.id_for_label or f"{field.auto_id}_0",
            "label": field.label,
            "error": field.errors[0],
        }
        for field in form.visible_fields()
        if field.errors
    ]
    return {
        "fields": fields,
        "hidden": [field.errors for field in form.hidden_fields() if field.errors],
        "retype": any(
            isinstance(field.field.widget, forms.PasswordInput)
            and not field.field.widget.render_value
            and field.data
            for field in form.visible_fields()
        ),
    }
