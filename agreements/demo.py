"""The demo program's agreements: both homes agreed what to share (Ana her phone, Jenna
messages in Village only and never her address), both parents consented, and the court
ordered supervised visits for now. Keisha shares her phone."""

from datetime import date, time, timedelta

from agreements.models import (
    Acknowledgment,
    AgreementVersion,
    Consent,
    CourtRestriction,
    HomeTerms,
    Purpose,
    RestrictionKind,
)


def load_agreements(today: date, *, coach, director, ana, jenna, keisha, shared, home_again):
    def agreement(partnership, drafted_by, readers, **partner_terms):
        version = AgreementVersion.objects.create(
            partnership=partnership, number=1, drafted_by=drafted_by
        )
        HomeTerms.objects.create(version=version, side="birth", share_phone=True)
        HomeTerms.objects.create(version=version, side="partner", **partner_terms)
        for reader in readers:
            Acknowledgment.objects.create(version=version, user=reader)

    agreement(shared, coach, [ana, jenna], quiet_from=time(21), quiet_until=time(7))
    agreement(home_again, director, [keisha], share_phone=True)
    for person, partnership, purposes in (
        (ana.person, shared, Purpose.values),
        (jenna.person, shared, [Purpose.OTHER_HOME, Purpose.PHOTOS]),
        (keisha.person, home_again, Purpose.values),
    ):
        for purpose in purposes:
            Consent.objects.create(
                partnership=partnership, person=person, purpose=purpose, given=True
            )
    CourtRestriction.objects.create(
        partnership=shared,
        kind=RestrictionKind.SUPERVISED,
        starts_on=today - timedelta(days=150),
        recorded_by=coach,
    )
