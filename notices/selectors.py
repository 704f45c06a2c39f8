"""Reads of notices' records, each scoped to the person asking."""

from django.db.models import QuerySet
from django.http import Http404

from notices.models import PushDevice


def devices_of(user) -> QuerySet[PushDevice]:
    """The browsers the person turned pushes on in, newest first."""
    return PushDevice.objects.filter(user=user)


def device_of(user, device_id: int) -> PushDevice:
    """One of the person's own devices; 404 for anyone else's, as if it did not exist."""
    device = PushDevice.objects.filter(user=user, pk=device_id).first()
    if device is None:
        raise Http404
    return device
