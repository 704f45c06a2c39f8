"""The director's home: the program's figures, kept a minute, and Today for a director
with and without a caseload of their own."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from aftercare.models import FollowUp
from families.models import BirthFamily, Child, PermanencyEvent, PermanencyKind
from home.selectors import program_overview
from home.testing import UserFactory, partnership_for, person_with_account
from home.today import today_for
from partnerships.models import Partnership, Stage
from partnerships.selectors import stage_counts


def counted_as_defined(today) -> dict:
    """The figures as the page first counted them, one question each, for comparison."""
    open_partnerships = Partnership.objects.exclude(stage=Stage.CLOSED)
    coaches = (
        get_user_model()
        .objects.filter(groups__name=Role.COACH)
        .select_related("person")
        .annotate(
            caseload=Count(
                "coached_partnerships",
                filter=~Q(coached_partnerships__stage=Stage.CLOSED),
                distinct=True,
            )
        )
        .order_by("person__first_name", "pk")
    )
    return {
        "stage_counts": stage_counts(Partnership.objects.all()),
        "families_served": BirthFamily.objects.filter(partnerships__isnull=False)
        .distinct()
        .count(),
        "children_in_partnerships": Child.objects.filter(partnerships__in=open_partnerships)
        .distinct()
        .count(),
        "reunified_this_year": PermanencyEvent.objects.filter(
            kind=PermanencyKind.REUNIFIED, occurred_on__gt=today - timedelta(days=365)
        ).count(),
        "coaches": [
            (
                getattr(coach, "person", None) and coach.person.full_name or coach.email,
                coach.caseload,
            )
            for coach in coaches
        ],
    }


def test_the_program_overview_counts_what_each_figure_says(coach, other_coach, director):
    today = timezone.localdate()
    open_one = partnership_for(coach=coach, children=2)
    partnership_for(coach=coach, children=1, stage=Stage.CLOSED)
    partnership_for(coach=other_coach, children=1, stage=Stage.REFERRED)
    # The same family twice, a child in two partnerships, one of them closed.
    again = partnership_for(coach=other_coach, children=0, stage=Stage.CLOSED)
    again.birth_family = open_one.birth_family
    again.save()
    again.children.set(open_one.children.all()[:1])
    # A coach without a person of their own, shown by e-mail; a coach with no families.
    UserFactory(roles=[Role.COACH], email="nameless@example.test")
    person_with_account(Role.COACH, first_name="Zoe", preferred_name="Z")
    child = open_one.children.first()
    for days_ago in (10, 364, 365, 400):
        PermanencyEvent.objects.create(
            child=child,
            kind=PermanencyKind.REUNIFIED,
            occurred_on=today - timedelta(days=days_ago),
            recorded_by=director,
        )

    figures = program_overview(today=today)

    assert figures == counted_as_defined(today)
    assert figures["families_served"] == 3
    assert figures["children_in_partnerships"] == 3
    assert figures["reunified_this_year"] == 2
    assert ("nameless@example.test", 0) in figures["coaches"]


def test_the_figures_are_kept_a_minute_and_labelled_in_the_readers_language(coach):
    partnership_for(coach=coach)
    with translation.override("en"):
        first = program_overview()
    partnership_for(coach=coach)
    with translation.override("es"):
        kept = program_overview()
    assert [count for _, _, count in kept["stage_counts"]] == [
        count for _, _, count in first["stage_counts"]
    ]
    with translation.override("es"):
        assert [label for _, label, _ in kept["stage_counts"]] == [
            str(label) for _, label, _ in stage_counts(Partnership.objects.none())
        ]
    cache.clear()
    assert program_overview()["stage_counts"] == stage_counts(Partnership.objects.all())


def test_a_director_who_coaches_sees_their_caseloads_check_ins_today(director, coach):
    theirs = partnership_for(coach=director)
    someone_elses = partnership_for(coach=coach)
    today = timezone.localdate()
    for partnership in (theirs, someone_elses):
        FollowUp.objects.create(partnership=partnership, due_on=today)
    assert [f.partnership_id for f in today_for(director, today=today).check_ins] == [theirs.pk]


def test_a_director_without_a_caseload_has_only_the_teams_queues_today(client_for, director, coach):
    partnership = partnership_for(coach=coach)
    today = timezone.localdate()
    FollowUp.objects.create(partnership=partnership, due_on=today)
    todo = today_for(director, today=today)
    assert not todo.anything
    assert client_for(director).get(reverse("home:home")).status_code == 200
