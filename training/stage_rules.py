"""Training's say in a partnership's stage: registered with the hub in TrainingConfig.ready()."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnerships.models import ACTIVE_OR_LATER, Partnership
from training.selectors import missing_before_active


def refuse_active_before_training(*, partnership: Partnership, new_stage: str, **kwargs) -> None:
    """The modules the program requires before family time starts in earnest. Also when a
    partnership skips straight past "active": the training comes first."""
    if new_stage not in ACTIVE_OR_LATER or partnership.stage in ACTIVE_OR_LATER:
        return
    missing = missing_before_active(partnership)
    if missing:
        names = "; ".join(
            _("%(person)s: %(modules)s")
            % {
                "person": row.person.full_name,
                "modules": ", ".join(module.title for module in row.missing),
            }
            for row in missing
        )
        raise ValidationError(
            {
                "stage": _("Before it becomes active, training is still to finish. %(names)s.")
                % {"names": names}
            }
        )
