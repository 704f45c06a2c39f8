"""The long lists the audit and intake pages page through and count."""

from datetime import timedelta

from audit.models import AuditEntry
from bench.scale import AUDIT, COACHES, SUBMISSIONS
from intake.models import Submission


def audit_generate(*, coaches, children):
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=coaches[i % COACHES],
                action="viewed",
                record_type="families.child",
                record_id=str(children[i % len(children)].pk),
            )
            for i in range(AUDIT)
        ],
        batch_size=5000,
    )


def submissions_generate(*, now):
    """Interest forms of every kind, due over four days around now, some answered and
    some closed."""
    Submission.objects.bulk_create(
        [
            Submission(
                kind=["birth_parent", "partner_parent", "community", "referral"][i % 4],
                first_name=f"Visitor{i}",
                sender="bench",
                county=["Travis", "Hays"][i % 2],
                due_at=now + timedelta(hours=i % 96 - 48),
                first_contact_at=now if i % 3 == 0 else None,
                closed_at=now if i % 5 == 0 else None,
            )
            for i in range(SUBMISSIONS)
        ],
        batch_size=5000,
    )
