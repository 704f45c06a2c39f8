from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from audit.models import SECURITY_ACTIONS, AuditEntry

#: The search's choice of every security event at once (decision 0022).
ANY_SECURITY_EVENT = "security"


def audit_entries_search(
    *,
    actor_email: str = "",
    record_type: str = "",
    record_id: str = "",
    action: str = "",
    ip: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor")
    if actor_email:
        entries = entries.filter(actor__email__icontains=actor_email)
    if record_type:
        entries = entries.filter(record_type=record_type)
    if record_id:
        entries = entries.filter(record_id=record_id)
    if action == ANY_SECURITY_EVENT:
        entries = entries.filter(action__in=SECURITY_ACTIONS)
    elif action:
        entries = entries.filter(action=action)
    if ip:
        entries = entries.filter(ip=ip)
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(at__gte=datetime.combine(since, time.min, zone))
    if until:
        entries = entries.filter(at__lte=datetime.combine(until, time.max, zone))
    return entries
