from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Role
from assistance.models import Fund, Rules, Source
from home.testing import person_with_account


@pytest.fixture
def rules(db):
    return Rules.objects.create(
        coach_limit=Decimal("250.00"),
        two_approvers_above=Decimal("1000.00"),
        family_cap=Decimal("2500.00"),
    )


@pytest.fixture
def fund(db):
    return Fund.objects.create(
        name="Keep Families Working grant",
        source=Source.GRANT,
        budget=Decimal("5000.00"),
        needs=["car_repair", "work_tools", "transportation"],
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
    )


@pytest.fixture
def second_director(db):
    return person_with_account(Role.DIRECTOR, first_name="Diane")
