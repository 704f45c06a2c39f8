from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from partnerships import figures
        from partnerships.hooks import before_stage_change
        from training import records  # noqa: F401 — adds the family records' part (0019)
        from training.figures import KEY, ORDER, training_completion
        from training.stage_rules import refuse_active_before_training

        before_stage_change.register(refuse_active_before_training)
        # The outcomes dashboard shows how far the parents got with their training.
        figures.register(KEY, order=ORDER, compute=training_completion)
