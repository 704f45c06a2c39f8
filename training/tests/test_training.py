"""Training modules: taken page by page, finished with a reflection, certified; required
ones hold a partnership back from becoming active."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.services import partnership_stage_change
from training.models import Completion, Module, Page
from training.services import completion_record

pytestmark = pytest.mark.django_db


def a_module(title="Principles of partnership", roles=("birth_parent", "partner_parent"), **f):
    module = Module.objects.create(title=title, **f)
    module.roles.set(Group.objects.filter(name__in=roles))
    Page.objects.create(module=module, order=1, title="Two homes", body="One team.")
    Page.objects.create(module=module, order=2, title="Hard days", body="Call the coach.")
    return module


def test_a_required_module_holds_the_partnership_back_until_both_homes_finish(
    coach, birth_parent, partner_parent, partnership
):
    module = a_module(required_before_active=True)
    partnership.stage = "introduced"
    partnership.save()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        partnership_stage_change(
            actor=coach, partnership=partnership, stage="active", changed_on=today
        )
    message = str(refused.value)
    assert "Principles of partnership" in message
    assert birth_parent.person.first_name in message and partner_parent.person.first_name in message
    completion_record(user=birth_parent, module=module, reflection="")
    completion_record(user=partner_parent, module=module, reflection="")
    partnership_stage_change(actor=coach, partnership=partnership, stage="active", changed_on=today)
    partnership.refresh_from_db()
    assert partnership.stage == "active"


def test_a_parent_reads_page_by_page_finishes_and_gets_a_certificate(client_for, partner_parent):
    module = a_module()
    client = client_for(partner_parent)
    url = reverse("training:module", args=[module.pk])
    first = client.get(url).content.decode()
    assert "Two homes" in first and "Page 1 of 2" in first and "I have finished" not in first
    last = client.get(url, {"page": 2}).content.decode()
    assert "Hard days" in last and "I have finished this module" in last
    response = client.post(url, {"reflection": "I will text photos on Sundays."}, follow=True)
    assert "Your certificate is ready" in response.content.decode()
    assert "Certificate of completion" in response.content.decode()
    assert partner_parent.person.full_name in response.content.decode()
    completion = Completion.objects.get()
    assert completion.reflection == "I will text photos on Sundays."
    client.post(url, {"reflection": "again"})
    assert Completion.objects.count() == 1


def test_a_module_for_another_role_is_not_found(client_for, birth_parent):
    module = a_module(title="Trauma-informed parenting", roles=("partner_parent",))
    client = client_for(birth_parent)
    assert client.get(reverse("training:module", args=[module.pk])).status_code == 404
    assert client.get(reverse("training:certificate", args=[module.pk])).status_code == 404


def test_the_director_writes_modules_and_pages(client_for, director, coach):
    client = client_for(director)
    client.post(
        reverse("training:module_new"),
        {
            "title": "Setting boundaries",
            "summary": "Yes, no and not yet",
            "order": "3",
            "roles": list(Group.objects.filter(name="partner_parent").values_list("pk", flat=True)),
            "asks_reflection": "on",
        },
    )
    module = Module.objects.get()
    assert [g.name for g in module.roles.all()] == ["partner_parent"]
    client.post(
        reverse("training:page_new", args=[module.pk]),
        {"order": "1", "title": "Limits keep it kind", "body": "Say them early."},
    )
    assert module.pages.get().title == "Limits keep it kind"
    answer = client_for(coach).get(reverse("training:module_edit", args=[module.pk]))
    assert answer.status_code in (403, 404)


def test_the_coach_sees_who_is_behind_in_a_fixed_number_of_queries(
    client_for, coach, birth_parent, partner_parent, partnership
):
    from home.testing import partnership_for, person_with_account

    first = a_module()
    a_module(title="Healthy communication")
    completion_record(user=partner_parent, module=first, reflection="")
    client = client_for(coach)
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("training:behind")).content.decode()
    assert birth_parent.person.full_name in page and "0 of 2 finished" in page
    assert "1 of 2 finished" in page
    for _ in range(5):
        partnership_for(
            coach=coach,
            birth_parent=person_with_account("birth_parent"),
            partner_parent=person_with_account("partner_parent"),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("training:behind"))
    assert len(few) == len(many)


def test_the_coach_reads_what_parents_wrote_on_finishing(
    client_for, coach, other_coach, partner_parent, partnership
):
    module = a_module()
    completion_record(user=partner_parent, module=module, reflection="Sundays are for photos.")
    url = reverse("training:module", args=[module.pk])
    assert "Sundays are for photos." in client_for(coach).get(url).content.decode()
    assert "Sundays are for photos." not in client_for(other_coach).get(url).content.decode()


def test_a_coach_gives_one_parent_a_module_beyond_their_role(
    client_for, coach, birth_parent, partnership, outsider
):
    module = a_module(title="Trauma-informed parenting", roles=("partner_parent",))
    url = reverse("training:module", args=[module.pk])
    assert client_for(birth_parent).get(url).status_code == 404
    client_for(coach).post(
        reverse("training:assign", args=[module.pk]), {"person": outsider.person.pk}
    )
    assert not module.assignments.exists()  # not in the coach's partnerships
    client_for(coach).post(
        reverse("training:assign", args=[module.pk]), {"person": birth_parent.person.pk}
    )
    assert client_for(birth_parent).get(url).status_code == 200


def test_the_coach_reads_who_still_has_training_when_activation_is_refused(
    client_for, coach, birth_parent, partner_parent, partnership
):
    a_module(required_before_active=True)
    partnership.stage = "introduced"
    partnership.save()
    page = client_for(coach).post(
        reverse("partnerships:stage_change", args=[partnership.pk]),
        {"stage": "active", "changed_on": timezone.localdate().isoformat()},
    )
    html = page.content.decode()
    assert "training is still to finish" in html and "Principles of partnership" in html
    partnership.refresh_from_db()
    assert partnership.stage == "introduced"


def test_a_partnership_cannot_skip_past_active_to_escape_required_training(
    coach, birth_parent, partner_parent, partnership
):
    a_module(required_before_active=True)
    partnership.stage = "introduced"
    partnership.save()
    for later in ("transition_home", "post_reunification"):
        with pytest.raises(ValidationError):
            partnership_stage_change(
                actor=coach, partnership=partnership, stage=later, changed_on=timezone.localdate()
            )
    partnership.refresh_from_db()
    assert partnership.stage == "introduced"
