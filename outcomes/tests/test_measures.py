"""The measures against the hand-worked cohort in cohorts.py: exact numerators,
denominators and children left out, the filters, the scoping, and one query each."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from families.models import PermanencyKind
from outcomes import measures
from outcomes.measures import (
    Rate,
    exits_by_reason,
    families_served,
    median_days_to_reunification,
    partnerships_by_stage,
    permanency_in_12_months,
    reentry_in_12_months,
)
from outcomes.tests import cohorts
from partnerships.models import Stage

YEAR_2024 = {"entered_from": date(2024, 1, 1), "entered_to": date(2024, 12, 31)}
EXITS_2024 = {"exited_from": date(2024, 1, 1), "exited_to": date(2024, 12, 31)}
REUNIFIED_2024 = {"reunified_from": date(2024, 1, 1), "reunified_to": date(2024, 12, 31)}


@pytest.fixture
def cohort(coach, other_coach):
    return cohorts.build(coach=coach, other_coach=other_coach)


class TestPermanencyIn12Months:
    def test_counts_the_hand_worked_cohort_with_its_exclusions_and_window_edges(
        self, director, cohort
    ):
        # 20 children in family one: A, A7 (under 8 days) and B (entered at 18) left out,
        # N entered in 2023; of the 16 others A8, C (day 364), F, Fa, G, H, I, J and M
        # left to permanency within 12 months, D (day 365) and E (day 366) too late, B2
        # after turning 18. Family two's Y adds one of one; family three did not consent.
        assert permanency_in_12_months(director, **YEAR_2024) == Rate(
            numerator=10, denominator=17, left_out=1
        )

    def test_a_stay_of_8_days_counts_and_one_of_7_does_not(self, director, cohort):
        result = permanency_in_12_months(
            director, entered_from=date(2024, 3, 1), entered_to=date(2024, 3, 1)
        )
        # Entered on 1 March: A (5 days), A7 (7) and B (18) out; A8, B2, C, D, E in.
        assert result == Rate(numerator=2, denominator=5, left_out=0)

    def test_a_child_with_two_episodes_in_the_period_is_counted_once_by_the_first(
        self, director, cohort
    ):
        result = permanency_in_12_months(
            director, entered_from=date(2024, 2, 1), entered_to=date(2024, 6, 30)
        )
        # Entered 1 February to 30 June: H, I, J, K, L, M, T, Z in February (H, I, J, M
        # to permanency), A8, B2, C, D, E in March (A8, C), Y in April; X left out.
        # M's re-entry in June is not a second child, nor a second chance.
        assert result == Rate(numerator=7, denominator=14, left_out=1)

    def test_the_percent_is_rounded_to_one_decimal(self):
        assert Rate(numerator=10, denominator=17, left_out=1).percent == 58.8
        assert Rate(numerator=0, denominator=0, left_out=0).percent is None

    def test_filters_by_county_without_regard_to_its_case(self, director, cohort):
        assert permanency_in_12_months(director, county="travis", **YEAR_2024) == Rate(
            numerator=9, denominator=16, left_out=1
        )
        assert permanency_in_12_months(director, county="Williamson", **YEAR_2024) == Rate(
            numerator=1, denominator=1, left_out=0
        )

    def test_filters_by_coach(self, director, other_coach, cohort):
        assert permanency_in_12_months(director, coach=other_coach, **YEAR_2024) == Rate(
            numerator=1, denominator=1, left_out=0
        )

    def test_a_coach_sees_their_own_caseload_only(self, coach, cohort):
        assert permanency_in_12_months(coach, **YEAR_2024) == Rate(
            numerator=9, denominator=16, left_out=1
        )

    def test_a_coach_covering_for_another_counts_that_caseload_too(
        self, coach, other_coach, cohort
    ):
        from django.utils import timezone

        from partnerships.models import Coverage

        today = timezone.localdate()
        Coverage.objects.create(
            coach=other_coach, covering_coach=coach, starts_on=today, ends_on=today
        )
        assert permanency_in_12_months(coach, **YEAR_2024) == Rate(
            numerator=10, denominator=17, left_out=1
        )

    def test_a_coach_counts_their_own_caseload_whole_when_consent_is_not_asked(self, coach, cohort):
        assert permanency_in_12_months(coach, consented_only=False, **YEAR_2024) == Rate(
            numerator=10, denominator=17, left_out=0
        )

    def test_without_the_consent_rule_the_director_sees_only_their_own_caseload(
        self, director, cohort
    ):
        assert permanency_in_12_months(director, consented_only=False, **YEAR_2024) == Rate(
            numerator=0, denominator=0, left_out=0
        )

    def test_finance_sees_the_whole_program(self, finance, cohort):
        assert permanency_in_12_months(finance, **YEAR_2024) == Rate(
            numerator=10, denominator=17, left_out=1
        )

    def test_a_parent_may_not_read_the_figures(self, birth_parent, cohort):
        with pytest.raises(PermissionDenied):
            permanency_in_12_months(birth_parent, **YEAR_2024)

    def test_a_parent_who_took_consent_back_takes_the_family_out(self, director, cohort):
        from agreements.models import Consent, Purpose

        one = cohort["one"]
        second = cohorts.person_with_account("birth_parent")
        one.birth_family.parents.add(second.person)
        Consent.objects.create(
            partnership=one, person=second.person, purpose=Purpose.FIGURES, given=False
        )
        assert permanency_in_12_months(director, **YEAR_2024) == Rate(
            numerator=1, denominator=1, left_out=17
        )


class TestReentryIn12Months:
    def test_counts_re_entries_within_12_months_of_going_home(self, director, cohort):
        # Watched: A8, C, F, Fa, G, I, J, M and Y (reunified, to relatives or to a
        # guardian within 12 months of entering; H was adopted, D and E too late, B2 went
        # home at 18). Re-entered: F on day 364 and M; Fa on day 365 and G on day 366 not
        # in time.
        assert reentry_in_12_months(director, **YEAR_2024) == Rate(
            numerator=2, denominator=9, left_out=1
        )

    def test_the_window_edges_of_the_re_entry(self, director, cohort):
        result = reentry_in_12_months(
            director, entered_from=date(2024, 1, 10), entered_to=date(2024, 1, 10)
        )
        assert result == Rate(numerator=1, denominator=3, left_out=0)

    def test_a_second_episode_in_the_period_is_the_re_entry_of_the_first(self, director, cohort):
        result = reentry_in_12_months(
            director, entered_from=date(2024, 2, 1), entered_to=date(2024, 2, 1)
        )
        # I, J and M are watched; M came back in June. X is left out.
        assert result == Rate(numerator=1, denominator=3, left_out=1)

    def test_a_young_person_who_went_home_at_18_is_not_watched(self, director, cohort):
        result = reentry_in_12_months(
            director, entered_from=date(2024, 3, 1), entered_to=date(2024, 3, 1)
        )
        # Entered 1 March: A8 and C are watched; B2 went home at 18, A and A7 stayed under
        # 8 days, B entered at 18, D and E went home after 12 months.
        assert result == Rate(numerator=0, denominator=2, left_out=0)

    def test_filters_by_coach_and_county(self, director, coach, cohort):
        assert reentry_in_12_months(director, coach=coach, county="Travis", **YEAR_2024) == Rate(
            numerator=2, denominator=8, left_out=1
        )


class TestExitsByReason:
    def test_counts_every_exit_in_the_period_by_reason(self, director, cohort):
        exits = exits_by_reason(director, **EXITS_2024)
        assert exits.by_reason == {
            PermanencyKind.REUNIFIED: 10,
            PermanencyKind.RELATIVES: 1,
            PermanencyKind.ADOPTION: 1,
            PermanencyKind.EMANCIPATION: 1,
            PermanencyKind.GUARDIANSHIP: 1,
            PermanencyKind.TRANSFER: 1,
            PermanencyKind.RUNAWAY: 1,
            PermanencyKind.DEATH: 1,
        }
        assert (exits.total, exits.home_or_relatives, exits.left_out) == (17, 11, 1)
        assert exits.share_home_or_relatives == 64.7

    def test_filters_by_county(self, director, cohort):
        exits = exits_by_reason(director, county="Williamson", **EXITS_2024)
        assert (exits.total, exits.by_reason[PermanencyKind.REUNIFIED], exits.left_out) == (
            1,
            1,
            0,
        )


class TestMedianDaysToReunification:
    def test_is_the_middle_of_the_reunifications_in_the_period(self, director, cohort):
        # Days: A 5, A7 7, A8 8, M 19, B2 31, F 60, Fa 60, G 60, Y 61, N 245.
        assert median_days_to_reunification(director, **REUNIFIED_2024) == measures.Median(
            days=45.5, reunifications=10, left_out=1
        )

    def test_counts_from_the_entry_of_the_episode_that_ended(self, director, cohort):
        result = median_days_to_reunification(
            director, reunified_from=date(2024, 2, 20), reunified_to=date(2024, 2, 20)
        )
        assert result == measures.Median(days=19, reunifications=1, left_out=0)

    def test_none_when_no_one_went_home(self, director, cohort):
        result = median_days_to_reunification(
            director, reunified_from=date(2020, 1, 1), reunified_to=date(2020, 12, 31)
        )
        assert result == measures.Median(days=None, reunifications=0, left_out=0)


class TestPartnershipsAndFamilies:
    def test_partnerships_by_stage_leave_out_the_family_without_consent(self, director, cohort):
        counts = partnerships_by_stage(director)
        assert counts.by[Stage.ACTIVE] == 1
        assert counts.by[Stage.TRANSITION_HOME] == 1
        assert (counts.total, counts.left_out) == (2, 1)

    def test_partnerships_by_stage_on_a_past_day_read_the_stage_changes(
        self, director, coach, cohort
    ):
        from partnerships.models import StageChange

        one = cohort["one"]
        StageChange.objects.create(
            partnership=one, stage=Stage.INTRODUCED, changed_on=date(2024, 1, 1), changed_by=coach
        )
        counts = partnerships_by_stage(director, on=date(2024, 6, 1))
        # Family one was introduced then; the others' stages began 30 days ago.
        assert counts.by[Stage.INTRODUCED] == 1
        assert (counts.total, counts.left_out) == (1, 0)

    def test_families_served_count_those_open_since_the_day(self, director, coach, cohort):
        closed = cohorts.family(
            coach=coach, county="Travis", consent=True, stage=Stage.CLOSED, since=date(2023, 1, 1)
        )
        assert closed.stage == Stage.CLOSED
        served = families_served(director, since=date(2024, 1, 1))
        assert (served.by["families"], served.left_out) == (2, 1)
        served = families_served(director, since=date(2022, 6, 1))
        assert (served.by["families"], served.left_out) == (3, 1)


MEASURES = [
    (permanency_in_12_months, YEAR_2024),
    (reentry_in_12_months, YEAR_2024),
    (exits_by_reason, EXITS_2024),
    (median_days_to_reunification, REUNIFIED_2024),
    (partnerships_by_stage, {}),
    (partnerships_by_stage, {"on": date(2024, 6, 1)}),
    (families_served, {"since": date(2024, 1, 1)}),
]


@pytest.mark.parametrize(("measure", "period"), MEASURES, ids=lambda m: getattr(m, "__name__", ""))
def test_each_measure_is_one_query_however_many_children(
    measure, period, director, coach, cohort, django_assert_num_queries
):
    assert director.roles  # read once per request, before the figures
    with django_assert_num_queries(1):
        measure(director, **period)
    more = cohorts.family(coach=coach, county="Travis", consent=True)
    cohorts.children(more, cohorts.ONE, recorded_by=coach, born=cohorts.BORN)
    with django_assert_num_queries(1):
        measure(director, **period)


class TestTheTwentyNinthOfFebruary:
    @pytest.fixture
    def leap(self, coach):
        family = cohorts.family(coach=coach, county="Travis", consent=True)
        return cohorts.children(
            family,
            {
                # Born on 29 February 2008: 18 on 1 March 2026.
                "Still17": [
                    (cohorts.ENTERED, "2026-02-28"),
                    (PermanencyKind.REUNIFIED, "2026-04-01"),
                ],
                "Turned18": [
                    (cohorts.ENTERED, "2026-03-01"),
                    (PermanencyKind.REUNIFIED, "2026-04-01"),
                ],
            },
            recorded_by=coach,
            born={"Still17": date(2008, 2, 29), "Turned18": date(2008, 2, 29)},
        ) | cohorts.children(
            family,
            # Entered on 29 February 2024: 28 February 2025 is within the year, 1 March not.
            {
                "Leap364": [
                    (cohorts.ENTERED, "2024-02-29"),
                    (PermanencyKind.REUNIFIED, "2025-02-28"),
                ],
                "Leap366": [
                    (cohorts.ENTERED, "2024-02-29"),
                    (PermanencyKind.REUNIFIED, "2025-03-01"),
                ],
            },
            recorded_by=coach,
        )

    def test_a_leap_day_birthday_turns_18_on_the_first_of_march(self, director, leap):
        result = permanency_in_12_months(
            director, entered_from=date(2026, 2, 1), entered_to=date(2026, 3, 31)
        )
        # Still17 is counted but went home at 18; Turned18 entered at 18.
        assert result == Rate(numerator=0, denominator=1, left_out=0)

    def test_a_leap_day_entry_has_its_anniversary_after_the_28th(self, director, leap):
        result = permanency_in_12_months(
            director, entered_from=date(2024, 2, 29), entered_to=date(2024, 2, 29)
        )
        assert result == Rate(numerator=1, denominator=2, left_out=0)
