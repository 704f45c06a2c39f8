"""Marking when a reader last opened a child's profile, so the next visit can show what
is new since.

Not audited, and kept out of services.py on purpose: it changes nobody's record. The
mark is written while the profile is read, and that reading is already in the audit
trail (the access rule that loaded the child wrote a "viewed" entry); a second entry
for the same look would say nothing new."""

from django.utils import timezone

from aboutme.models import Seen
from families.models import Child


def about_me_seen(*, user, child: Child) -> None:
    Seen.objects.update_or_create(user=user, child=child, defaults={"seen_at": timezone.now()})
