"""The long lists the audit and intake pages page through and count."""

from datetime import timedelta

from audit.models import AuditEntry
from bench.generate.rows import rows_insert
from bench.scale import Figures
from intake.models import Submission


def audit_generate(*, figures: Figures, coaches, children, now):
    """Coaches reading children's records, evenly over the last year, in order."""
    step = timedelta(days=365) / figures.audit
    return rows_insert(
        AuditEntry,
        (
            AuditEntry(
                actor=coaches[i % figures.coaches],
                action="viewed",
                record_type="families.child",
                record_id=str(children[i % len(children)].pk),
                at=now - step * (figures.audit - i),
            )
            for i in range(figures.audit)
        ),
    )


def submissions_generate(*, figures: Figures, now):
    """Interest forms of every kind, due over four days around now, some answered and
    some closed."""
    return rows_insert(
        Submission,
        (
            Submission(
                kind=["birth_parent", "partner_parent", "community", "referral"][i % 4],
                first_name=f"Visitor{i}",
                sender="bench",
                county=["Travis", "Hays"][i % 2],
                due_at=now + timedelta(hours=i % 96 - 48),
                first_contact_at=now if i % 3 == 0 else None,
                closed_at=now if i % 5 == 0 else None,
            )
            for i in range(figures.submissions)
        ),
    )
