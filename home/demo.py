"""The demo program: a deterministic story that shows what Village is for.

Two mothers share Sofía and Mateo: Ana, who is working her case plan, and Jenna, whose
home they have lived in since spring. A second family, Keisha and her son Jalen, went home
three months ago and is in the year after. A third, Rosa Delgado's, was only just referred.
Dates are counted back from the day the demo is loaded, so the story is always current.

Each app tells its own part (its demo.py); this is the only place that knows them all, so
it hands each part the people and partnerships the earlier parts made. The order matters:
the court summaries are drafted from the family time and training recorded before them,
and the year after begins with the last steps of the transition plan made before it; the
life book is chosen from the journal and milestones made before it.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aboutme.demo import load_aboutme
from accounts.factors import demo_enrol
from accounts.models import STAFF_ROLES
from aftercare.demo import load_aftercare
from agreements.demo import load_agreements
from assistance.demo import load_assistance
from caseplan.demo import load_caseplan, load_court_summaries
from conversations.demo import load_conversations
from directory.demo import load_directory
from families.demo import load_families
from gatherings.demo import load_gatherings
from intake.demo import load_intake
from journal.demo import load_journal
from letters.demo import load_letters
from lifebook.demo import load_lifebook
from outcomes.demo import load_history
from partnerships.demo import load_partnerships
from referrals.demo import load_referrals
from schedule.demo import load_schedule
from training.demo import load_training
from transition.demo import load_transition
from voice.demo import load_voice
from work.demo import load_work

DEMO_PASSWORD = "village-demo"  # noqa: S105 - printed on purpose, demo mode only

DEMO_LOGINS = [
    ("director@example.org", _("Program director (also coaches one family)")),
    ("coach@example.org", _("Family coach")),
    ("finance@example.org", _("Finance")),
    ("birth.parent@example.org", _("Birth parent: Ana, mother of Sofía and Mateo")),
    ("partner.parent@example.org", _("Partner parent: Jenna, caring for Sofía and Mateo")),
    ("outsider.parent@example.org", _("Birth parent in a different partnership: Keisha")),
    ("volunteer@example.org", _("Community volunteer")),
]


def demo_is_loaded() -> bool:
    return get_user_model().objects.filter(email="director@example.org").exists()


@transaction.atomic
def load_demo(today: date | None = None) -> None:
    today = today or timezone.localdate()
    people = load_families(today, password=DEMO_PASSWORD)
    # The demo's staff sign in with a second factor like real staff: the published secret.
    for user in get_user_model().objects.filter(groups__name__in=STAFF_ROLES).distinct():
        demo_enrol(user)
    partnerships = load_partnerships(today, families=people)
    coach, director = people.coach, people.director
    ana, jenna, keisha = people.ana, people.jenna, people.keisha
    shared, home_again = partnerships.shared, partnerships.home_again
    cases = {"coach": coach, "director": director, "shared": shared, "home_again": home_again}

    load_agreements(today, ana=ana, jenna=jenna, keisha=keisha, **cases)
    load_aboutme(coach=coach, ana=ana, jenna=jenna, shared=shared)
    load_voice(ana=ana, keisha=keisha, shared=shared, home_again=home_again)
    parents = {"ana": ana, "jenna": jenna, "keisha": keisha}
    load_journal(shared=shared, home_again=home_again, **parents)
    load_conversations(director=director, shared=shared, home_again=home_again, **parents)
    load_schedule(today, **cases)
    load_caseplan(today, **cases)
    load_transition(today, ana=ana, jenna=jenna, keisha=keisha, **cases)
    load_lifebook(ana=ana, jenna=jenna, shared=shared)
    load_aftercare(today, director=director, home_again=home_again)
    load_training(today, shared=shared, home_again=home_again)
    load_court_summaries(today, **cases)
    load_intake(today, coach=coach)
    load_assistance(today, finance=people.finance, **cases)
    services = load_directory(today)
    load_referrals(today, services=services, **cases)
    load_gatherings(today, coach=coach, director=director, services=services, **parents)
    load_history(today, director=director)
    load_work(today, ana=ana, keisha=keisha)
    load_letters(today, ana=ana, shared=shared)
