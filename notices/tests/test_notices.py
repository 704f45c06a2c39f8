from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from notices import sms
from notices.delivery import next_digest_time, notify
from notices.models import PendingNotice, Preference
from notices.tasks import send_digest

pytestmark = pytest.mark.django_db


def test_a_person_chooses_how_to_hear_of_updates(client_for, birth_parent):
    client = client_for(birth_parent)
    page = client.get(reverse("notices:preferences")).content.decode()
    assert "never a child" in page
    client.post(reverse("notices:preferences"), {"email": "digest", "sms": "instant"})
    assert dict(
        Preference.objects.filter(user=birth_parent).values_list("channel", "frequency")
    ) == {"email": "digest", "sms": "instant", "push": "instant"}


def test_never_means_no_notice(birth_parent):
    Preference.objects.create(user=birth_parent, channel="email", frequency="none")
    mail.outbox.clear()
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert mail.outbox == []


def test_a_text_message_says_only_that_there_is_something_new(birth_parent):
    birth_parent.person.phone = "+15125550117"
    birth_parent.person.texts_ok = True
    birth_parent.person.save()
    Preference.objects.create(user=birth_parent, channel="sms", frequency="instant")
    sms.outbox.clear()
    notify(user_id=birth_parent.pk, path="/journal/1/")
    ((to, text),) = sms.outbox
    assert to == "+15125550117"
    assert "new update" in text and "/journal/1/" in text and len(text) < 160


def test_a_daily_digest_counts_the_updates_and_says_nothing_else(settings, birth_parent):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    Preference.objects.create(user=birth_parent, channel="email", frequency="digest")
    for n in range(3):
        notify(user_id=birth_parent.pk, path=f"/journal/{n}/")
    assert PendingNotice.objects.count() == 3
    (scheduled,) = default_task_backend.results  # one digest, however many updates
    assert scheduled.task.run_after is not None
    mail.outbox.clear()
    send_digest.call(birth_parent.pk, "email")
    (digest,) = mail.outbox
    assert "3 new updates" in digest.subject and "/journal/" not in digest.body
    assert not PendingNotice.objects.exists()


def test_digests_go_out_at_six_in_the_evening(settings):
    settings.TIME_ZONE = "America/Chicago"
    chicago = ZoneInfo("America/Chicago")
    morning = datetime(2026, 11, 23, 9, 0, tzinfo=chicago)
    night = datetime(2026, 11, 23, 20, 0, tzinfo=chicago)
    assert next_digest_time(morning) == datetime(2026, 11, 23, 18, 0, tzinfo=chicago)
    assert next_digest_time(night) == datetime(2026, 11, 24, 18, 0, tzinfo=chicago)


def test_no_text_goes_to_a_phone_that_is_not_safe_to_text(birth_parent):
    birth_parent.person.phone = "+15125550117"
    birth_parent.person.texts_ok = False
    birth_parent.person.save()
    Preference.objects.create(user=birth_parent, channel="sms", frequency="instant")
    sms.outbox.clear()
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert sms.outbox == []
