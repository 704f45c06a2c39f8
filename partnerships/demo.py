"""The demo program's partnerships: Ana and Jenna's, active for two and a half months;
Keisha's, in the year after reunification; Rosa's, only just referred."""

from dataclasses import dataclass
from datetime import date, timedelta

from families.demo import DemoFamilies
from partnerships.models import Partnership, Stage, StageChange


@dataclass
class DemoPartnerships:
    shared: Partnership
    home_again: Partnership
    referred: Partnership


def _stages(partnership, actor, history):
    for stage, day in history:
        StageChange.objects.create(
            partnership=partnership, stage=stage, changed_on=day, changed_by=actor
        )
    partnership.stage, partnership.stage_since = history[-1]
    partnership.save(update_fields=["stage", "stage_since"])


def load_partnerships(today: date, *, families: DemoFamilies) -> DemoPartnerships:
    def ago(days):
        return today - timedelta(days=days)

    coach, director = families.coach, families.director
    shared = Partnership.objects.create(
        birth_family=families.morales,
        partner_home=families.carter,
        coach=coach,
        stage_since=ago(120),
    )
    shared.children.set([families.sofia, families.mateo])
    _stages(
        shared,
        coach,
        [(Stage.REFERRED, ago(120)), (Stage.INTRODUCED, ago(104)), (Stage.ACTIVE, ago(75))],
    )

    home_again = Partnership.objects.create(
        birth_family=families.brown,
        partner_home=families.okafor,
        coach=director,
        stage_since=ago(380),
    )
    home_again.children.set([families.jalen])
    _stages(
        home_again,
        director,
        [
            (Stage.REFERRED, ago(380)),
            (Stage.INTRODUCED, ago(365)),
            (Stage.ACTIVE, ago(340)),
            (Stage.TRANSITION_HOME, ago(130)),
            (Stage.POST_REUNIFICATION, ago(90)),
        ],
    )

    referred = Partnership.objects.create(
        birth_family=families.delgado, coach=coach, stage_since=ago(9)
    )
    referred.children.set([families.luis])
    _stages(referred, coach, [(Stage.REFERRED, ago(9))])
    return DemoPartnerships(shared=shared, home_again=home_again, referred=referred)
