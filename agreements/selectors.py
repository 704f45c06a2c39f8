"""Reading the agreement as rules: who sees whom, and what of them.

Every page that shows one home's people or words to the other asks a `Sharing` first.
It is built for many partnerships at once in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from agreements.models import (
    HIDING,
    AgreementVersion,
    Consent,
    CourtRestriction,
    HomeTerms,
    InfoKind,
    Purpose,
    RestrictionKind,
    Side,
)
from families.models import Person
from notices.badges import kept_seconds, kept_shared_version
from partnerships.models import Partnership, Stage
from partnerships.selectors import partnerships_visible_to, with_parents

_FLAGS = ["phone", "email", "address", *InfoKind.values]


@dataclass(frozen=True)
class Terms:
    """What one home shares in effect: a flag is on only if the current version says so
    and so did the last version every parent acknowledged. A new draft that shares less
    takes effect at once; one that shares more waits for everyone's acknowledgment."""

    flags: frozenset[str] = frozenset()
    quiet_from: object = None
    quiet_until: object = None

    def shares(self, what: str) -> bool:
        return what in self.flags


NOTHING = Terms()


def _flags(terms: HomeTerms) -> frozenset[str]:
    return frozenset(name for name in _FLAGS if getattr(terms, f"share_{name}"))


@dataclass
class Sharing:
    partnership: Partnership
    today: date
    current: AgreementVersion | None = None
    acknowledged: AgreementVersion | None = None
    terms: dict[str, Terms] = field(default_factory=dict)
    consents: dict[tuple[int, str], bool] = field(default_factory=dict)
    restrictions: list[CourtRestriction] = field(default_factory=list)

    # --- who is who -----------------------------------------------------------------
    def parents(self, side: str) -> list[Person]:
        p = self.partnership
        if side == Side.BIRTH:
            return list(p.birth_family.parents.all())
        return list(p.partner_home.parents.all()) if p.partner_home_id else []

    def side_of_user(self, user) -> str | None:
        """The home a signed-in parent belongs to in this partnership; None for staff."""
        for side in Side.values:
            if any(person.user_id == user.pk for person in self.parents(side)):
                return side
        return None

    def side_of_person(self, person: Person) -> str | None:
        for side in Side.values:
            if any(p.pk == person.pk for p in self.parents(side)):
                return side
        return None

    def person_of_user(self, user) -> Person | None:
        for side in Side.values:
            for person in self.parents(side):
                if person.user_id == user.pk:
                    return person
        return None

    # --- the court --------------------------------------------------------------------
    @property
    def active_restrictions(self) -> list[CourtRestriction]:
        return [r for r in self.restrictions if r.is_active(self.today)]

    @property
    def supervised_only(self) -> bool:
        return any(r.kind == RestrictionKind.SUPERVISED for r in self.active_restrictions)

    @property
    def no_contact(self) -> bool:
        """Some no-contact order is in force in this partnership (for banners)."""
        return any(r.kind in HIDING for r in self.active_restrictions)

    def hidden_between(self, one: Person | None, other: Person | None) -> bool:
        for restriction in self.active_restrictions:
            if restriction.kind not in HIDING:
                continue
            if restriction.person_id is None:
                return True
            if restriction.person_id in {getattr(one, "pk", None), getattr(other, "pk", None)}:
                return True
        return False

    # --- what is shown ------------------------------------------------------------------
    def consented(self, person: Person, purpose: str) -> bool:
        return self.consents.get((person.pk, purpose), False)

    def sees_person(self, viewer, person: Person) -> bool:
        viewer_side = self.side_of_user(viewer)
        if viewer_side is None or viewer_side == self.side_of_person(person):
            return True
        return not self.hidden_between(self.person_of_user(viewer), person)

    def contact_of(self, viewer, person: Person) -> dict[str, str]:
        """The contact details of `person` that `viewer` may see: all of them for staff
        and the person's own home; for the other home, only what that home shares under
        the agreement in effect, what the person consented to, and no court order hides."""
        side = self.side_of_person(person)
        home = self.partnership.partner_home
        details = {"phone": person.phone, "email": person.email}
        if side == Side.PARTNER and home is not None:
            details["address"] = home.address
        viewer_side = self.side_of_user(viewer)
        if viewer_side is None or viewer_side == side:
            return {k: v for k, v in details.items() if v}
        if self.partnership.stage == Stage.CLOSED:
            return {}  # the partnership ended: the homes no longer reach each other here
        if not self.sees_person(viewer, person) or not self.consented(person, Purpose.OTHER_HOME):
            return {}
        me = self.person_of_user(viewer)
        if "address" in details and any(
            self.hidden_between(me, parent) for parent in self.parents(Side.PARTNER)
        ):
            # The address is where every parent of the home lives: an order on any of
            # them keeps it from the other home.
            del details["address"]
        terms = self.terms.get(side, NOTHING)
        return {k: v for k, v in details.items() if v and terms.shares(k)}

    def shows_words(self, viewer, *, author: Person | None, side: str, kind: str = "") -> bool:
        """Whether words one home wrote about the children reach `viewer`.

        Staff, the author's own home, and anything the coach wrote are always shown.
        The other home sees them only under an acknowledged agreement, with the author's
        consent, when the kind of information is shared, and when no court order hides
        the author from them."""
        viewer_side = self.side_of_user(viewer)
        if viewer_side is None or side not in Side.values:
            return True
        if viewer_side == side:
            # The same side, but only the home as it is now: a child's earlier foster
            # home is not the present one.
            return author is not None and author in self.parents(side)
        if self.acknowledged is None or author is None:
            return False
        if not self.consented(author, Purpose.OTHER_HOME):
            return False
        if kind and not self.terms.get(side, NOTHING).shares(kind):
            return False
        return not self.hidden_between(self.person_of_user(viewer), author)

    def words_filter(
        self,
        viewer,
        kinds_of_topics: dict[str, str] | None = None,
        *,
        side_field: str = "author",
        writer_field: str = "written_by",
    ) -> Q:
        """`shows_words` as a database filter on rows with `author` (a side or "coach"),
        `topic` and `written_by`, so pages can select and paginate only what the viewer
        may read. `kinds_of_topics` maps each topic to its kind of information."""
        viewer_side = self.side_of_user(viewer)
        if viewer_side is None:
            return Q()
        other = Side.PARTNER if viewer_side == Side.BIRTH else Side.BIRTH
        own_writers = [p.user_id for p in self.parents(viewer_side) if p.user_id]
        side_in, writer_in = f"{side_field}__in", f"{writer_field}__in"
        visible = ~Q(**{side_in: Side.values}) | Q(
            **{side_field: viewer_side, writer_in: own_writers}
        )
        if self.acknowledged is None:
            return visible
        me = self.person_of_user(viewer)
        writers = [
            p.user_id
            for p in self.parents(other)
            if p.user_id
            and self.consented(p, Purpose.OTHER_HOME)
            and not self.hidden_between(me, p)
        ]
        theirs = Q(**{side_field: other, writer_in: writers})
        if kinds_of_topics is not None:
            terms = self.terms.get(other, NOTHING)
            topics = [c for c, kind in kinds_of_topics.items() if not kind or terms.shares(kind)]
            theirs &= Q(topic__in=topics)
        return visible | theirs

    def shows_photos(self, viewer, *, author: Person | None, side: str) -> bool:
        """Photos reach the other home only where words do, and only when the author's
        home shares photos under the agreement and the author consented to it."""
        if not self.shows_words(viewer, author=author, side=side):
            return False
        viewer_side = self.side_of_user(viewer)
        if viewer_side is None or side not in Side.values or viewer_side == side:
            return True
        return self.terms.get(side, NOTHING).shares("photos") and self.consented(
            author, Purpose.PHOTOS
        )

    def other_side_visible(self, viewer) -> list[Person]:
        """The other home's parents the viewer may see at all."""
        side = self.side_of_user(viewer)
        if side is None:
            return []
        other = Side.PARTNER if side == Side.BIRTH else Side.BIRTH
        return [p for p in self.parents(other) if self.sees_person(viewer, p)]

    def needs_acknowledgment_from(self, user) -> bool:
        if self.current is None or self.side_of_user(user) is None:
            return False
        return not any(a.user_id == user.pk for a in self.current.acknowledgments.all())


def _account_holders(partnership: Partnership) -> set[int]:
    people = list(partnership.birth_family.parents.all())
    if partnership.partner_home_id:
        people += list(partnership.partner_home.parents.all())
    return {p.user_id for p in people if p.user_id}


def _versions():
    return AgreementVersion.objects.select_related("drafted_by__person").prefetch_related(
        "terms", "acknowledgments"
    )


def sharing_for_many(partnerships, *, today: date | None = None) -> dict[int, Sharing]:
    """One Sharing per partnership, in five queries whatever their number. The
    partnerships must come with both homes' parents prefetched."""
    partnerships = list(partnerships)
    records = _agreement_records([p.pk for p in partnerships])
    return _sharing_of(partnerships, records, today=today or timezone.localdate())


def sharing_for(partnership: Partnership, *, today: date | None = None) -> Sharing:
    """The Sharing of one partnership, for a page about it. Its agreement's records are
    kept a minute under a version every change in agreements/services.py forgets at once
    (decision 0048): each visit to a journal or a profile asks for them. What they
    allow is worked out afresh each time, for today and the homes' parents as they are."""
    name = agreement_records_name(partnership.pk)
    key = f"village:agreement:{partnership.pk}:{kept_shared_version(name)}"
    records = cache.get_or_set(key, lambda: _agreement_records([partnership.pk]), kept_seconds())
    return _sharing_of([partnership], records, today=today or timezone.localdate())[partnership.pk]


def agreement_records_name(partnership_id: int) -> str:
    return f"agreement:{partnership_id}"


@dataclass
class _Records:
    versions: dict[int, list[AgreementVersion]]
    consents: list[Consent]
    restrictions: list[CourtRestriction]


def _agreement_records(ids: list[int]) -> _Records:
    versions = defaultdict(list)
    for version in _versions().filter(partnership__in=ids).order_by("-number"):
        versions[version.partnership_id].append(version)
    consents = list(Consent.objects.filter(partnership__in=ids))
    restrictions = CourtRestriction.objects.filter(partnership__in=ids).select_related("person")
    return _Records(dict(versions), consents, list(restrictions))


def _sharing_of(partnerships, records: _Records, *, today: date) -> dict[int, Sharing]:
    sharing = {p.pk: Sharing(partnership=p, today=today) for p in partnerships}
    for p in partnerships:
        rules = sharing[p.pk]
        history = records.versions.get(p.pk, [])
        rules.current = history[0] if history else None
        needed = _account_holders(p)
        rules.acknowledged = next(
            (
                v
                for v in history
                if needed and needed <= {a.user_id for a in v.acknowledgments.all()}
            ),
            None,
        )
        for side in Side.values:
            rules.terms[side] = _effective(rules.current, rules.acknowledged, side)
    for consent in records.consents:
        sharing[consent.partnership_id].consents[(consent.person_id, consent.purpose)] = (
            consent.given
        )
    for restriction in records.restrictions:
        sharing[restriction.partnership_id].restrictions.append(restriction)
    return sharing


def _terms_of(version: AgreementVersion | None, side: str) -> HomeTerms | None:
    if version is None:
        return None
    return next((t for t in version.terms.all() if t.side == side), None)


def _effective(current, acknowledged, side) -> Terms:
    now, agreed = _terms_of(current, side), _terms_of(acknowledged, side)
    if now is None or agreed is None:
        return NOTHING
    return Terms(
        flags=_flags(now) & _flags(agreed), quiet_from=now.quiet_from, quiet_until=now.quiet_until
    )


def partnership_with_agreement_for(user, partnership_id: int) -> Partnership:
    """A partnership the person may see, with both homes' parents, for the agreement page."""
    try:
        return (
            with_parents(partnerships_visible_to(user))
            .select_related("coach__person")
            .get(pk=partnership_id)
        )
    except Partnership.DoesNotExist:
        raise Http404 from None


def agreement_history(partnership: Partnership) -> QuerySet[AgreementVersion]:
    return (
        AgreementVersion.objects.filter(partnership=partnership)
        .select_related("drafted_by__person")
        .prefetch_related(Prefetch("acknowledgments", queryset=_acknowledgments()))
    )


def _acknowledgments():
    from agreements.models import Acknowledgment

    return Acknowledgment.objects.select_related("user__person").order_by("at")
