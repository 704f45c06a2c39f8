"""The coach's today page: everything due, each linking straight to the thing to do.
A fixed number of queries whatever the caseload (asserted in home/tests)."""

from dataclasses import dataclass
from datetime import date, timedelta

from accounts.models import Role
from aftercare.selectors import check_ins_due, warning_signs
from caseplan.selectors import follow_ups_due, steps_due
from intake.selectors import overdue_count
from journal.selectors import waiting_count
from partnerships.selectors import caseload_of
from referrals.selectors import sitting
from schedule.selectors import (
    CLASHES_WITHIN_DAYS,
    around_now,
    clashes_coming,
    missed_in_a_row,
    to_record,
)
from voice.selectors import review_queue as recordings_waiting


@dataclass
class Today:
    intake_overdue: int
    posts_waiting: int
    #: Songs and comfort words a parent recorded, waiting for the coach to listen.
    recordings_waiting: int
    check_ins: list
    warnings: list
    steps: list
    missed_visits: list
    follow_ups: list
    to_record: int
    referrals: list
    #: The next two weeks' dates that clash with a parent's work shift, with what the
    #: coach may read of each (schedule/busy.py).
    clashes: list

    @property
    def anything(self) -> bool:
        return any(
            (
                self.intake_overdue,
                self.posts_waiting,
                self.recordings_waiting,
                self.check_ins,
                self.warnings,
                self.steps,
                self.missed_visits,
                self.follow_ups,
                self.to_record,
                self.referrals,
                self.clashes,
            )
        )


def today_for(user, *, today: date) -> Today:
    # The team's queues, whoever asks: forms, posts and recordings waiting.
    queues = {
        "intake_overdue": overdue_count(user),
        "posts_waiting": waiting_count(user),
        "recordings_waiting": recordings_waiting(user).count(),
    }
    if not _may_have_caseload(user):
        # Everything below is of the caseload's partnerships: none, so nothing is due.
        return Today(
            **queues,
            check_ins=[],
            warnings=[],
            steps=[],
            missed_visits=[],
            follow_ups=[],
            to_record=0,
            referrals=[],
            clashes=[],
        )
    # The past fortnight's dates (to record) and the coming ones (clashes), read once.
    around = around_now(user, ahead=timedelta(days=CLASHES_WITHIN_DAYS))
    return Today(
        **queues,
        check_ins=check_ins_due(user, today=today),
        warnings=warning_signs(user),
        steps=steps_due(user, today=today),
        missed_visits=missed_in_a_row(user),
        follow_ups=list(follow_ups_due(user, on=today)),
        to_record=len(to_record(user, around=around)),
        referrals=sitting(user, today=today),
        clashes=clashes_coming(user, around=around),
    )


def _may_have_caseload(user) -> bool:
    """Whether the caseload's seven readings below are worth their queries. A coach's
    are, unasked: a coach nearly always has a caseload. A director most often coaches
    and covers nobody, and one query that says so saves the seven."""
    return user.has_role(Role.COACH) or caseload_of(user).exists()
