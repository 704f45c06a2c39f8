"""What the hub announces. Capabilities above listen from their AppConfig.ready(), so the
hub never has to know who cares (docs/decisions/0014-layers.md)."""

from django.dispatch import Signal

#: A partnership moved to another stage. Sent inside the change's transaction, after the
#: change and its audit entry are saved, with `partnership`, `old_stage`, `new_stage`,
#: `actor` and `changed_on`: a receiver that fails undoes the whole change.
stage_changed = Signal()
