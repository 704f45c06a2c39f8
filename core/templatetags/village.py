import datetime
import functools

from babel import Locale, UnknownLocaleError
from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext, ngettext, pgettext, to_locale

from core import phone as phone_numbers
from core.forms import error_summary as summary_of
from core.money import dollars

register = template.Library()


@register.filter
def error_summary(form) -> dict:
    """The fields in error of a form sent back, for core/_error_summary.html."""
    return summary_of(form)


@register.filter
def child_age(child, today):
    return child.age_on(today)


@register.filter
def phone(value):
    return phone_numbers.display(value)


@register.simple_tag
def other_home(partnership, user) -> list[dict]:
    """The other home's parents as this parent may see them: first names, and only the
    contact details the agreement in effect shares (partnership.sharing, set by the view).
    A court's no-contact order leaves them out entirely."""
    sharing = partnership.sharing
    return [
        {"name": person.called, "contact": sharing.contact_of(user, person)}
        for person in sharing.other_side_visible(user)
    ]


@register.simple_tag
def other_home_names(partnership, user):
    """First names of the parents in the other home that this parent may see."""
    return get_text_list([p["name"] for p in other_home(partnership, user)], last_word=_and())


def _and():
    return gettext("and")


@register.filter
def acknowledged_by(sharing, user) -> bool:
    return not sharing.needs_acknowledgment_from(user)


@register.filter
def weekday_date(value):
    """The one way a date is written to a person: "Thursday, December 3" in English,
    "jueves 3 de diciembre" in Spanish, with the year only when it is not this year
    ("Friday, January 8, 2027"). The formats are the translators' to write, since
    languages join a day, a month and a year differently. A moment is read on the
    reader's clock, and so is "this year"."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return day_words(value, get_language(), timezone.localdate().year)


@functools.lru_cache(maxsize=2048)
def day_words(day: datetime.date, language: str | None, this_year: int) -> str:
    """weekday_date's words for a day, in a language, in a year: a calendar writes the
    same few days hundreds of times a page, and formatting one costs more than finding
    it here."""
    if day.year == this_year:
        return date_format(day, pgettext("a weekday and a date", "l, F j"))
    return date_format(day, pgettext("a weekday and a date in another year", "l, F j, Y"))


@register.filter
def money(value):
    return dollars(value)


@register.filter
def spoken_duration(value: datetime.timedelta | None) -> str:
    """A length of time as people say it: "4 days", "1 day 6 hours", "3 hours", "25
    minutes". Past an hour it is rounded to the hour, which is all a wait needs."""
    if value is None:
        return ""
    minutes = round(value.total_seconds() / 60)
    if minutes < 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    days, hours = divmod(round(minutes / 60), 24)
    hours_said = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    if not days:
        return hours_said
    days_said = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    if not hours:
        return days_said
    # Translators: a length of time in days and hours, like "1 day 6 hours".
    return gettext("%(days)s %(hours)s") % {"days": days_said, "hours": hours_said}


@register.filter
def language_name(code, default=""):
    """A language's name in the reader's language, written as it reads inside a sentence:
    "Spanish" in English, "español" in Spanish. A code no one knows shows `default`."""
    try:
        names = Locale.parse(to_locale(get_language() or "en")).languages
    except (ValueError, UnknownLocaleError):
        return default or code
    code = str(code or "").replace("-", "_")
    return names.get(code) or names.get(code.split("_")[0].lower()) or default or code


@register.simple_tag
def icon(name: str, extra_class: str = ""):
    """One of the design system's icons, from the sprite design/build.py writes: the
    label beside it says what it means, so screen readers skip the picture."""
    if not name:
        return ""
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        extra_class,
        sprite_url(),
        name,
    )


@functools.lru_cache(maxsize=1)
def sprite_url() -> str:
    """The sprite's address, looked up in the static files' manifest once: a calendar
    draws an icon on each of its hundreds of rows."""
    return static("village/icons.svg")


@receiver(setting_changed)
def _static_changed(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STORAGES"}:
        sprite_url.cache_clear()
