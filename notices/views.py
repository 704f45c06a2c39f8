from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from notices.forms import PreferencesForm
from notices.services import preferences_of, preferences_set


def preferences(request):
    form = PreferencesForm(request.POST or None, initial=preferences_of(request.user.pk))
    if request.method == "POST" and form.is_valid():
        preferences_set(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})
