"""Reads of families, homes, children and people, always scoped to the person asking.

Case records are staff business: directors see all; coaches see the birth families and
children of partnerships they can see, and every partner home (they match homes to
families, so the pool of homes is shared by the team). See docs/decisions/0003.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Role
from families.models import BirthFamily, Child, PartnerHome, PermanencyEvent, Person, Placement

#: Which partnerships a user may see: a coach's families are those of their partnerships.
#: The rule belongs to partnerships, a layer above, which hands it down from its
#: AppConfig.ready() (docs/decisions/0014-layers.md).
_partnership_scope: dict[str, Callable[..., QuerySet]] = {}


def partnership_scope_register(partnerships_visible_to: Callable[..., QuerySet]) -> None:
    _partnership_scope["visible_to"] = partnerships_visible_to


def _visible_partnerships(user) -> QuerySet:
    try:
        visible_to = _partnership_scope["visible_to"]
    except KeyError:
        raise ImproperlyConfigured("partnerships has not registered its scope.") from None
    return visible_to(user)


def _is_director(user) -> bool:
    return user.is_authenticated and user.has_role(Role.DIRECTOR)


def _is_coach(user) -> bool:
    return user.is_authenticated and user.has_role(Role.COACH)


def birth_families_visible_to(user) -> QuerySet[BirthFamily]:
    if _is_director(user):
        return BirthFamily.objects.all()
    if _is_coach(user):
        return BirthFamily.objects.filter(pk__in=_visible_partnerships(user).values("birth_family"))
    return BirthFamily.objects.none()


def partner_homes_visible_to(user) -> QuerySet[PartnerHome]:
    if _is_director(user) or _is_coach(user):
        return PartnerHome.objects.all()
    return PartnerHome.objects.none()


def children_visible_to(user) -> QuerySet[Child]:
    return Child.objects.filter(birth_family__in=birth_families_visible_to(user))


def people_visible_to(user) -> QuerySet[Person]:
    """Parents of the families and homes a coach can see; directors see everyone."""
    if _is_director(user):
        return Person.objects.all()
    if _is_coach(user):
        return Person.objects.filter(
            Q(birth_families__in=birth_families_visible_to(user))
            | Q(partner_homes__in=partner_homes_visible_to(user))
        ).distinct()
    return Person.objects.none()


def people_invitable_by(user) -> QuerySet[Person]:
    """Whom a user may give an account. An account opens a parent's view of every
    partnership their family or home belongs to, so a coach may invite only parents of
    families they can see, and of homes with no partnership outside what they can see."""
    if _is_director(user):
        return Person.objects.all()
    if _is_coach(user):
        visible = _visible_partnerships(user)
        hidden = visible.model.objects.exclude(pk__in=visible.values("pk"))
        homes = PartnerHome.objects.exclude(partnerships__in=hidden)
        return Person.objects.filter(
            Q(birth_families__in=birth_families_visible_to(user)) | Q(partner_homes__in=homes)
        ).distinct()
    return Person.objects.none()


def role_for_person(person: Person) -> str:
    """A parent's role follows from where they belong."""
    if person.birth_families.exists():
        return Role.BIRTH_PARENT
    if person.partner_homes.exists():
        return Role.PARTNER_PARENT
    return Role.VOLUNTEER


def person_invitable_for(user, person_id: int) -> Person:
    return _get_or_404(people_invitable_by(user).select_related("user"), person_id)


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def birth_family_for(user, family_id: int) -> BirthFamily:
    return _get_or_404(
        birth_families_visible_to(user).prefetch_related(
            Prefetch("parents", queryset=Person.objects.select_related("user")),
            "children",
            Prefetch(
                "partnerships",
                queryset=_visible_partnerships(user).select_related(
                    "partner_home", "coach__person"
                ),
            ),
        ),
        family_id,
    )


def partner_home_for(user, home_id: int) -> PartnerHome:

    return _get_or_404(
        partner_homes_visible_to(user).prefetch_related(
            Prefetch("parents", queryset=Person.objects.select_related("user")),
            Prefetch(
                "partnerships",
                queryset=_visible_partnerships(user).select_related(
                    "birth_family", "coach__person"
                ),
            ),
            Prefetch(
                "placements",
                queryset=Placement.objects.filter(ended_on__isnull=True)
                .filter(child__in=children_visible_to(user))
                .select_related("child"),
                to_attr="current_placements",
            ),
        ),
        home_id,
    )


def child_for(user, child_id: int) -> Child:
    return _get_or_404(
        children_visible_to(user)
        .select_related("birth_family")
        .prefetch_related(
            Prefetch("placements", queryset=Placement.objects.select_related("partner_home")),
            Prefetch(
                "permanency_events",
                queryset=PermanencyEvent.objects.select_related("recorded_by__person"),
            ),
        ),
        child_id,
    )


def person_for(user, person_id: int) -> Person:
    return _get_or_404(people_visible_to(user).select_related("user"), person_id)


def birth_family_list(user) -> QuerySet[BirthFamily]:
    return birth_families_visible_to(user).prefetch_related("parents", "children")


def partner_home_list(user) -> QuerySet[PartnerHome]:
    return partner_homes_visible_to(user).prefetch_related(
        "parents",
        Prefetch(
            "placements",
            queryset=Placement.objects.filter(
                ended_on__isnull=True, child__in=children_visible_to(user)
            ).select_related("child"),
            to_attr="current_placements",
        ),
    )


def person_back_url(person: Person) -> str:
    """Where a person's page leads back to: their family or home, else the home page."""
    family = person.birth_families.first()
    if family:
        return family.get_absolute_url()
    home = person.partner_homes.first()
    if home:
        return home.get_absolute_url()
    from django.urls import reverse

    return reverse("home:home")
