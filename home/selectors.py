from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Role
from families.models import BirthFamily, Child, PermanencyEvent, PermanencyKind
from partnerships.models import Partnership, Stage
from partnerships.selectors import stage_counts


def program_overview(*, today=None) -> dict:
    """The director's figures: a fixed handful of queries whatever the program's size."""
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    year_ago = today - timedelta(days=365)
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
            kind=PermanencyKind.REUNIFIED, occurred_on__gt=year_ago
        ).count(),
        "coaches": list(coaches),
    }
