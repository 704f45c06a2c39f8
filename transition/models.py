"""The road home: a transition plan both homes and the coach share, from longer visits to
the first weeks after the move, and a checklist for each child of what goes home with them
(decision 0030)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Child
from partnerships.models import Partnership
from transition.standard import label_of


class Reason(models.TextChoices):
    COACH = "coach", _("The coach and the homes planned the return")
    COURT = "court", _("The court ordered the return")


class Plan(models.Model):
    partnership = models.OneToOneField(
        Partnership, on_delete=models.PROTECT, related_name="transition_plan"
    )
    reason = models.CharField(_("why now"), max_length=10, choices=Reason.choices)
    ordered_on = models.DateField(_("date of the court's order"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    #: Each home's wish to stay in touch after the move (the "village" after reunification):
    #: only when both want it does either see how to reach the other, and then only what the
    #: agreement shares.
    birth_keeps_in_touch = models.BooleanField(default=False)
    partner_keeps_in_touch = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(reason="coach") | Q(ordered_on__isnull=False),
                name="a_court_ordered_return_has_its_order_date",
                violation_error_message=_("Give the date of the court's order."),
            )
        ]

    def __str__(self):
        return f"{self.partnership}"

    def get_absolute_url(self):
        return reverse("transition:plan", args=[self.partnership_id])

    @property
    def both_keep_in_touch(self) -> bool:
        return self.birth_keeps_in_touch and self.partner_keeps_in_touch


class StepKind(models.TextChoices):
    LONGER = "longer", _("Longer visits")
    OVERNIGHT = "overnight", _("Overnight")
    TRIAL = "trial", _("Trial home visit")
    MOVE = "move", _("The move home")
    AFTER = "after", _("The first weeks home")
    OTHER = "other", _("Another step")


#: The steps that move the children between the homes: on both homes' calendars whoever
#: leads them, because each home must know where the children sleep that night.
MOVES_CHILDREN = frozenset({StepKind.LONGER, StepKind.OVERNIGHT, StepKind.TRIAL, StepKind.MOVE})


class Who(models.TextChoices):
    BIRTH = "birth", _("The birth family")
    PARTNER = "partner", _("The partner home")
    BOTH = "both", _("Both homes")
    COACH = "coach", _("The coach")
    CASEWORKER = "caseworker", _("The caseworker")


class Step(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=10, choices=StepKind.choices)
    on = models.DateField(_("date"))
    who = models.CharField(_("who does it"), max_length=10, choices=Who.choices)
    #: The caseworker (or another person outside the program) as a name to call, not a user.
    contact = models.CharField(
        _("name and how to reach them"),
        max_length=120,
        blank=True,
        help_text=_("For the caseworker or someone else outside the program."),
    )
    note = models.CharField(
        _("what happens"),
        max_length=200,
        blank=True,
        help_text=_("Both homes read this: no address that is not shared."),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(who="caseworker") | ~Q(contact=""),
                name="a_caseworkers_step_names_the_caseworker",
                violation_error_message=_("Name the caseworker and how to reach them."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on}"

    def get_absolute_url(self):
        return reverse("transition:plan", args=[self.plan.partnership_id]) + f"#step-{self.pk}"


class Area(models.TextChoices):
    BELONGINGS = "belongings", _("Belongings and favorite things")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Doctor, dentist and insurance")
    MEDICINES = "medicines", _("Medicines and prescriptions")
    ROUTINES = "routines", _("Routines")
    COMFORT = "comfort", _("Comfort")
    CONTACTS = "contacts", _("People to keep")


class Side(models.TextChoices):
    BIRTH = "birth", _("The birth family")
    PARTNER = "partner", _("The partner home")
    COACH = "coach", _("The coach")


class Item(models.Model):
    """One thing to do for one child. The standard items (transition/standard.py) keep
    their key, so each reader sees them in their own language; an item the coach adds is
    written once, in the coach's words."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(_("area"), max_length=12, choices=Area.choices)
    side = models.CharField(_("who does it"), max_length=10, choices=Side.choices)
    standard = models.CharField(max_length=30, blank=True)
    text = models.CharField(_("what to do"), max_length=200, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("For example: the doses, the school's contact, where the blanket is."),
    )
    #: Who wrote the note: the other home reads it only as the agreement lets it read that
    #: person's words (agreements.selectors.Sharing.shows_words).
    note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["child", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(standard="") | ~Q(text=""),
                name="a_checklist_item_says_what_to_do",
                violation_error_message=_("Say what is to be done."),
            ),
            models.UniqueConstraint(
                fields=["plan", "child", "standard"],
                condition=~Q(standard=""),
                name="each_standard_item_once_per_child",
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("transition:plan", args=[self.plan.partnership_id]) + f"#item-{self.pk}"

    @property
    def label(self) -> str:
        return self.text or label_of(self.standard)
