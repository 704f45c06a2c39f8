"""A referral's status wears the same tag on the list and on its page; an empty list
points to the directory."""

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.demo import load_directory
from referrals.models import Referral, Status, Step

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "variant", "label"),
    [
        (Status.SENT, "attention", "Sent"),
        (Status.ACCEPTED, "attention", "Accepted"),
        (Status.RECEIVED, "ok", "Service received"),
        (Status.DECLINED, "danger", "Declined"),
        (Status.NO_RESPONSE, "danger", "No response"),
    ],
)
def test_each_status_has_one_tag_on_the_list_and_the_referral_s_page(
    client_for, coach, birth_parent, partnership, status, variant, label
):
    service = load_directory(timezone.localdate())[0]
    referral = Referral.objects.create(
        person=birth_parent.person,
        partnership=partnership,
        service=service,
        need="housing",
        status=status,
        status_on=timezone.localdate(),
        created_by=coach,
    )
    Step.objects.create(referral=referral, status=status, on=timezone.localdate(), by=coach)
    client = client_for(birth_parent)
    tag = f'<span class="badge {variant}">{label}</span>'
    assert tag in client.get(reverse("referrals:mine")).content.decode()
    page = client.get(referral.get_absolute_url()).content.decode()
    assert page.count(tag) == 2  # where it stands, and the step that brought it there


def test_a_parent_with_no_referral_is_pointed_to_the_directory(
    client_for, birth_parent, partnership
):
    page = client_for(birth_parent).get(reverse("referrals:mine")).content.decode()
    empty = page.split('<li class="empty">')[1].split("</li>")[0]
    assert "No referrals yet." in empty
    assert f'href="{reverse("directory:search")}"' in empty
