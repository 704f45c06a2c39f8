"""Changes to the training; completions and edits are audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_entry_create
from training.models import Assignment, Completion, Module, Page


@transaction.atomic
def completion_record(*, user, module: Module, reflection: str) -> Completion:
    if not module.pages.exists():
        raise ValidationError(_("This module has no pages yet."))
    try:
        with transaction.atomic():
            completion = Completion.objects.create(
                module=module,
                user=user,
                completed_on=timezone.localdate(),
                reflection=reflection,
            )
    except IntegrityError:
        return Completion.objects.get(module=module, user=user)  # finished already
    audit_entry_create(actor=user, action=Action.CREATED, record=completion, fields=["module"])
    return completion


@transaction.atomic
def module_save(*, actor, module: Module, data: dict, roles) -> Module:
    for name, value in data.items():
        setattr(module, name, value)
    module.full_clean()
    module.save()
    module.roles.set(roles)
    audit_entry_create(
        actor=actor, action=Action.CHANGED, record=module, fields=[*sorted(data), "roles"]
    )
    return module


@transaction.atomic
def page_save(*, actor, page: Page, data: dict) -> Page:
    for name, value in data.items():
        setattr(page, name, value)
    page.full_clean()
    page.save()
    audit_entry_create(actor=actor, action=Action.CHANGED, record=page, fields=sorted(data))
    return page


@transaction.atomic
def assignment_create(*, actor, module: Module, user) -> Assignment:
    assignment, created = Assignment.objects.get_or_create(
        module=module, user=user, defaults={"assigned_by": actor}
    )
    if created:
        audit_entry_create(actor=actor, action=Action.CREATED, record=assignment, fields=["user"])
    return assignment
