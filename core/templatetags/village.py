from django import template
from django.utils.text import get_text_list

from accounts.models import Role
from core import phone as phone_numbers

register = template.Library()


@register.filter
def child_age(child, today):
    return child.age_on(today)


@register.filter
def phone(value):
    return phone_numbers.display(value)


@register.simple_tag
def other_home_names(partnership, user):
    """First names of the parents in the other home: all a parent sees of them here.

    A birth parent sees the partner home's parents; a partner parent sees the birth
    parents. Addresses and phone numbers are never part of this."""
    person = getattr(user, "person", None)
    if person is None:
        return ""
    birth_parents = list(partnership.birth_family.parents.all())
    home_parents = list(partnership.partner_home.parents.all()) if partnership.partner_home else []
    if user.has_role(Role.BIRTH_PARENT) and person in birth_parents:
        others = home_parents
    elif user.has_role(Role.PARTNER_PARENT) and person in home_parents:
        others = birth_parents
    else:
        return ""
    return get_text_list([p.called for p in others], last_word=_and())


def _and():
    from django.utils.translation import gettext

    return gettext("and")
