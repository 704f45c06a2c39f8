"""What a generated program holds, counted in the database rather than taken from the
figures: the line printed after a generation is what is there."""

from django.db.models import Count, Q

from aboutme.models import Entry as ProfileEntry
from accounts.models import User
from assistance.models import AssistanceRequest
from audit.models import AuditEntry
from caseplan.models import Contact
from directory.models import Service
from families.models import Child
from gatherings.models import Gathering, Registration
from intake.models import Submission
from journal.models import Post
from partnerships.models import Partnership
from referrals.models import Referral
from schedule.models import Event


def program_counts() -> dict[str, int]:
    """Each kind of record and how many there are, in the order they are printed."""
    users = User.objects.aggregate(
        staff=Count("pk", filter=Q(groups__name__in=["director", "coach", "finance"])),
        parents=Count("pk", filter=Q(groups__name__in=["birth_parent", "partner_parent"])),
    )
    return {
        "partnerships": Partnership.objects.count(),
        "children": Child.objects.count(),
        "journal posts": Post.objects.count(),
        "calendar events": Event.objects.count(),
        "directory services": Service.objects.count(),
        "assistance requests": AssistanceRequest.objects.count(),
        "staff accounts": users["staff"],
        "parent accounts": users["parents"],
        "contacts": Contact.objects.count(),
        "referrals": Referral.objects.count(),
        "All About Me entries": ProfileEntry.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "interest forms": Submission.objects.count(),
        "gatherings": Gathering.objects.count(),
        "gathering replies": Registration.objects.count(),
    }


def counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{number:,} {name}" for name, number in counts.items())
