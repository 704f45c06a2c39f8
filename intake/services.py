"""Intake: receiving forms, keeping the contact promise, and turning a submission into
the program's own records without retyping."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from core.visitor_forms import sender_key, sent_too_often
from families.models import HomeKind, Person
from families.services import partner_home_create, partner_home_parent_add
from intake.business_days import due_at
from intake.models import ContactAttempt, Holiday, Kind, Outcome, Submission
from intake.tasks import acknowledge_submission, notify_coaches_of_submission
from notices.badges import kept_shared_forget
from partnerships.services import partnership_refer

#: The team's kept queues of interest forms (intake/views.py, decision 0048).
QUEUE = "intake"


class TooManySubmissions(Exception):
    """The same address sent more forms in the last hour than a person would."""


class AlreadyReceived(Exception):
    """This rendering of the form was already sent: a double click, or a replay."""


def holidays_between(start, end) -> set:
    return set(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


@transaction.atomic
def submission_receive(
    *, data: dict, source: str, ip: str | None, nonce: str | None = None
) -> Submission:
    if nonce and Submission.objects.filter(form_nonce=nonce).exists():
        raise AlreadyReceived
    sender = sender_key(ip)
    if sent_too_often(Submission.objects.filter(sender=sender), sent_at="received_at"):
        raise TooManySubmissions
    now = timezone.now()
    today = timezone.localdate(now)
    submission = Submission(
        **data,
        source=source,
        sender=sender,
        form_nonce=nonce,
        due_at=due_at(now, holidays_between(today, today + timedelta(days=30))),
    )
    submission.full_clean(exclude=["form_nonce"])
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:  # the same form sent twice at the same moment
        raise AlreadyReceived from None
    audit_entry_create(actor=None, action=Action.CREATED, record=submission, fields=data.keys())
    kept_shared_forget(QUEUE)
    if submission.email:
        acknowledge_submission.enqueue(submission.pk)
    notify_coaches_of_submission.enqueue(submission.pk)
    return submission


def _changed(actor, submission, fields):
    audit_entry_create(actor=actor, action=Action.CHANGED, record=submission, fields=fields)
    kept_shared_forget(QUEUE)  # every coach's queue shows it changed


def submission_assign(*, actor, submission: Submission, coach) -> Submission:
    submission.assigned_to = coach
    submission.save(update_fields=["assigned_to"])
    _changed(actor, submission, ["assigned_to"])
    return submission


@transaction.atomic
def contact_attempt_record(
    *, actor, submission: Submission, method: str, note: str = ""
) -> ContactAttempt:
    """Every attempt counts as contact for the promise: the program reached out."""
    if not submission.is_open:
        raise ValidationError(_("This submission is closed."))
    attempt = ContactAttempt.objects.create(
        submission=submission, method=method, note=note, made_by=actor
    )
    fields = ["attempts"]
    if submission.first_contact_at is None:
        submission.first_contact_at = attempt.made_at
        fields.append("first_contact_at")
    if submission.assigned_to_id is None:
        submission.assigned_to = actor
        fields.append("assigned_to")
    submission.save(update_fields=[f for f in fields if f != "attempts"])
    _changed(actor, submission, fields)
    return attempt


def submission_close(*, actor, submission: Submission, outcome: str) -> Submission:
    if not submission.is_open:
        raise ValidationError(_("This submission is already closed."))
    needed = settings.INTAKE_NO_RESPONSE_ATTEMPTS
    if outcome == Outcome.NO_RESPONSE and submission.attempts.count() < needed:
        raise ValidationError(
            {
                "outcome": _("Try at least %(n)s times before closing for no response.")
                % {"n": needed}
            }
        )
    submission.outcome = outcome
    submission.closed_at = timezone.now()
    submission.save(update_fields=["outcome", "closed_at"])
    _changed(actor, submission, ["outcome", "closed_at"])
    return submission


def submission_link_person(*, actor, submission: Submission, person: Person) -> Submission:
    """Connect a submission to someone the program already knows, instead of a new record."""
    submission.person = person
    submission.save(update_fields=["person"])
    _changed(actor, submission, ["person"])
    return submission


def _person_data(submission: Submission) -> dict:
    return {
        "first_name": submission.first_name,
        "last_name": submission.last_name,
        "language": submission.language,
        "phone": submission.phone,
        "email": submission.email,
        "texts_ok": submission.texts_ok,
    }


@transaction.atomic
def submission_convert(*, actor, submission: Submission, coach, name: str) -> Submission:
    """Create the family (with a referred partnership) or the partner home from what the
    person typed, and link the submission to it.

    A birth parent's form becomes the family's parent. A referral's sender is a caseworker
    or another professional, never the parent: the family and partnership are created
    without a parent, and the sender stays on the form as the referral's contact."""
    if submission.person_id or submission.partnership_id:
        raise ValidationError(_("This submission is already linked to the program's records."))
    if submission.kind in (Kind.BIRTH_PARENT, Kind.REFERRAL):
        is_parent = submission.kind == Kind.BIRTH_PARENT
        partnership = partnership_refer(
            actor=actor,
            coach=coach,
            family_name=name,
            parent_data=_person_data(submission) if is_parent else None,
            referred_on=timezone.localdate(),
        )
        submission.partnership = partnership
        if is_parent:
            submission.person = partnership.birth_family.parents.get()
    elif submission.kind == Kind.PARTNER_PARENT:
        home = partner_home_create(actor=actor, data={"name": name, "kind": HomeKind.FOSTER})
        submission.person = partner_home_parent_add(
            actor=actor, home=home, person_data=_person_data(submission)
        )
    else:
        raise ValidationError(_("Only parents and referrals become families or homes."))
    submission.save(update_fields=["person", "partnership"])
    _changed(actor, submission, ["person", "partnership"])
    return submission


def holiday_add(*, actor, day, name: str) -> Holiday:
    holiday = Holiday(day=day, name=name)
    holiday.full_clean()
    holiday.save()
    # A holiday moves every open form's contact deadline, so who added it is kept.
    audit_entry_create(actor=actor, action=Action.CREATED, record=holiday, fields=["day", "name"])
    kept_shared_forget(QUEUE)
    return holiday
