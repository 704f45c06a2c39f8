from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
        sent = request.POST.get("form") if request.method == "POST" else None
        self.sent = sent if sent in factories else None
        self.forms = {
            name: make(request.POST if name == self.sent else None)
            for name, make in factories.items()
        }

    def handle(self, **actions) -> str:
        """Run the sent form's action on its cleaned data. The action returns the message
        to show; "" means nothing was saved and the form carries its errors, a service's
        ValidationError included."""
        if self.sent is None or self.sent not in actions:
            return ""
        form = self.forms[self.sent]
        if not form.is_valid():
            return ""
        try:
            return actions[self.sent](dict(form.cleaned_data))
        except ValidationError as error:
            add_errors(form, error)
            return ""

    def context(self) -> dict:
        return {f"{name}_form": form for name, form in self.forms.items()}
