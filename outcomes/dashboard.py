"""The dashboard: the outcome measures and the capabilities' figures as tables, for one
person and one set of filters.

Everything the page, the CSV files and the grant report show comes from here, as
`partnerships.figures.Table`s, so the three cannot disagree. Each measure is one query
(outcomes/measures.py), each registered figure one or two, whatever the number of
families: the dashboard's query count is fixed (outcomes/tests/test_dashboard.py).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from core.roles import is_casework
from families.models import PermanencyKind
from outcomes import measures
from outcomes.episodes import EXITS, HOME_OR_RELATIVES
from partnerships import figures
from partnerships.figures import Column, Kind, Row, Scope, Share, Table
from partnerships.models import Partnership, Stage


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    county: str = ""
    coach: User | None = None
    #: A capability's narrowings asked for, as (name, value): ("fund", "3").
    narrowed: tuple[tuple[str, str], ...] = ()

    def query(self, **more) -> str:
        """The filters as a query string, for links that keep them."""
        asked = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.county:
            asked["county"] = self.county
        if self.coach is not None:
            asked["coach"] = self.coach.pk
        asked.update(self.narrowed)
        asked.update(more)
        return urlencode(asked)


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    #: True: the program's figures, families without consent left out. False: the asker's
    #: own caseload, whole.
    program_wide: bool
    families_served: int
    families_left_out: int
    headline: dict
    tables: list[Table]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def program_wide_for(user: User) -> bool:
    """The director and finance read the program's figures; a coach reads their own
    caseload (decision 0025)."""
    return user.has_role(*measures.PROGRAM_WIDE)


def within(filters: Filters) -> QuerySet[Partnership] | None:
    """The partnerships the narrowings asked for keep (a fund's families), or None."""
    if not filters.narrowed:
        return None
    kept = Partnership.objects.all()
    offered = {narrowing.name: narrowing for narrowing in figures.narrowings()}
    for name, value in filters.narrowed:
        kept = offered[name].narrow(kept, value, filters.start, filters.end)
    return kept


def scope_of(user: User, filters: Filters, *, program_wide: bool) -> Scope:
    """The partnerships the capabilities' figures may count: those the measures count
    (the same coach, county, narrowings and caseload), less the families without consent
    when the figures are program-wide."""
    partnerships = measures.partnerships_in_scope(
        user,
        county=filters.county,
        coach=filters.coach,
        consented_only=program_wide,
        within=within(filters),
    )
    return Scope(
        partnerships=partnerships,
        start=filters.start,
        end=filters.end,
        user=user,
        county=filters.county,
        coach=filters.coach,
        consented_only=program_wide,
        narrowed=dict(filters.narrowed),
    )


def dashboard_for(user: User, filters: Filters) -> Dashboard:
    program_wide = program_wide_for(user)
    asked = {
        "county": filters.county,
        "coach": filters.coach,
        "consented_only": program_wide,
        "within": within(filters),
    }
    served = measures.families_served(user, since=filters.start, **asked)
    stages = measures.partnerships_by_stage(
        user, on=filters.end if filters.end < date.today() else None, **asked
    )
    exits = measures.exits_by_reason(
        user, exited_from=filters.start, exited_to=filters.end, **asked
    )
    rates = measures.cohort_rates(user, entered_from=filters.start, entered_to=filters.end, **asked)
    permanency, reentry = rates.permanency, rates.reentry
    median = measures.median_days_to_reunification(
        user, reunified_from=filters.start, reunified_to=filters.end, **asked
    )
    links = is_casework(user)
    tables = [
        _stages_table(stages, links=links, filters=filters),
        _exits_table(exits, links=links, filters=filters),
        _rate_table(
            "permanency-in-12-months",
            _("Permanency within 12 months of entering care"),
            permanency,
            counted=_("Children who entered care in the period"),
            reached=_("Left care to a permanent home within 12 months"),
            caption=_(
                "CFSR Round 4: children entering care in the period, stays under 8 days "
                "and entries at 18 or older left out; reunification, relatives, "
                "guardianship and adoption count as permanency."
            ),
        ),
        _rate_table(
            "reentry-in-12-months",
            _("Re-entry into care within 12 months"),
            reentry,
            counted=_("Children who went home, to relatives or to a guardian"),
            reached=_("Came back into care within 12 months"),
            caption=_(
                "CFSR Round 4: of the children entering care in the period who left to "
                "reunification, relatives or guardianship within 12 months, those who "
                "re-entered care within 12 months of leaving. Lower is better."
            ),
        ),
        _median_table(median, links=links, filters=filters),
        *figures.compute_all(scope_of(user, filters, program_wide=program_wide)),
    ]
    headline = {
        "families": served.by["families"],
        "home_or_relatives": exits.share_home_or_relatives,
        "permanency": permanency.percent,
        "reentry": reentry.percent,
        # A median of whole days is a whole number; of an even count, it may be a half.
        "median_days": int(median.days)
        if median.days is not None and median.days == int(median.days)
        else median.days,
    }
    return Dashboard(
        filters=filters,
        program_wide=program_wide,
        families_served=served.by["families"],
        families_left_out=served.left_out,
        headline=headline,
        tables=tables,
    )


def _left_out_note(left_out: int) -> str:
    if not left_out:
        return ""
    return _(
        "%(count)s more not counted: their families have not agreed to the program's "
        "anonymous figures."
    ) % {"count": left_out}


def _stages_table(stages: measures.Counts, *, links: bool, filters: Filters) -> Table:
    partnerships = reverse("partnerships:list")
    rows = tuple(
        Row(
            label=Stage(stage).label,
            values=(count,),
            link=f"{partnerships}?{urlencode({'stage': stage})}" if links else "",
        )
        for stage, count in stages.by.items()
    )
    return Table(
        key="partnerships-by-stage",
        title=_("Partnerships by stage"),
        columns=(Column(_("Stage")), Column(_("Partnerships"))),
        rows=rows,
        note=_left_out_note(stages.left_out),
        caption=_("Each partnership's stage at the end of the period."),
    )


def _behind(kind: str, filters: Filters) -> str:
    return f"{reverse('outcomes:behind')}?{filters.query(kind=kind)}"


def _exits_table(exits: measures.Exits, *, links: bool, filters: Filters) -> Table:
    rows = tuple(
        Row(
            label=PermanencyKind(kind).label,
            values=(count, Share(count, exits.total)),
            link=_behind(kind, filters) if links and count else "",
        )
        for kind, count in exits.by_reason.items()
    )
    kinds = list(exits.by_reason)
    home = Row(
        label=_("Home or with relatives"),
        values=(exits.home_or_relatives, Share(exits.home_or_relatives, exits.total)),
        sums=tuple(kinds.index(kind) for kind in HOME_OR_RELATIVES),
    )
    return Table(
        key="exits-by-reason",
        title=_("Exits from care by reason"),
        columns=(Column(_("Reason")), Column(_("Exits")), Column(_("Share"), Kind.SHARE)),
        rows=(*rows, home),
        note=_left_out_note(exits.left_out),
        caption=_(
            "Every exit from care in the period by its AFCARS discharge reason, and the "
            "share that went home or to relatives."
        ),
        extra={"home_kinds": HOME_OR_RELATIVES, "exit_kinds": EXITS},
    )


def _rate_table(key, title, rate: measures.Rate, *, counted, reached, caption) -> Table:
    return Table(
        key=key,
        title=title,
        columns=(Column(_("Children")), Column(_("Number")), Column(_("Share"), Kind.SHARE)),
        rows=(
            Row(label=counted, values=(rate.denominator, None)),
            Row(label=reached, values=(rate.numerator, Share(rate.numerator, rate.denominator))),
        ),
        note=_left_out_note(rate.left_out),
        caption=caption,
        chart=None,
    )


def _median_table(median: measures.Median, *, links: bool, filters: Filters) -> Table:
    return Table(
        key="days-to-reunification",
        title=_("Days from entering care to reunification"),
        columns=(
            Column(_("Reunifications")),
            Column(_("Number")),
            Column(_("Median days"), Kind.DAYS),
        ),
        rows=(
            Row(
                label=_("Children reunified in the period"),
                values=(median.reunifications, median.days),
                link=_behind(PermanencyKind.REUNIFIED, filters)
                if links and median.reunifications
                else "",
            ),
        ),
        note=_left_out_note(median.left_out),
        caption=_("The middle of the days each reunified child spent in care."),
        chart=None,
    )


def counties_for(user: User) -> list[str]:
    """The counties written on the forms of the partnerships the asker's figures cover,
    for the county filter: one query."""
    partnerships: QuerySet[Partnership] = measures.partnerships_in_scope(
        user, county="", coach=None, consented_only=program_wide_for(user)
    )
    names = (
        partnerships.exclude(submissions__county="")
        .values_list("submissions__county", flat=True)
        .distinct()
    )
    return sorted({name.strip().title() for name in names if name and name.strip()})
