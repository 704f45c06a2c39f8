"""Web Push, sent to a push service on loopback and read back with the browser's keys."""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from conversations.models import Conversation
from notices import push
from notices.delivery import notify
from notices.models import PendingNotice, Preference, PushDevice
from notices.services import device_subscribe, remind
from notices.tasks import send_digest
from notices.tests.push_service import BrowserKeys, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def vapid(settings):
    public, private = push.generate_keys()
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = public, private
    settings.VAPID_SUBJECT = "mailto:program@example.org"
    settings.PUSH_SERVICES = ["http://127.0.0.1"]
    return public


@pytest.fixture
def service(vapid):
    service, server = start()
    yield service
    server.shutdown()
    server.server_close()


def subscribed(user, service, keys=None, name="a"):
    keys = keys or BrowserKeys()
    device, _ = device_subscribe(
        user=user,
        endpoint=f"{service.url}/push/{name}",
        p256dh=keys.p256dh,
        auth=keys.auth,
        label="Chrome · Android",
    )
    return device, keys


def test_a_push_says_only_that_there_is_something_new_and_where(
    client_for, birth_parent, partner_parent, agreed, service, django_capture_on_commit_callbacks
):
    device, keys = subscribed(partner_parent, service)
    client_for(birth_parent).post(
        reverse("conversations:start", args=[agreed.pk]), {"kind": "homes"}
    )
    thread = Conversation.objects.get(kind="homes")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(birth_parent).post(
            reverse("conversations:thread", args=[thread.pk]),
            {"text": "Can Sofi call me Sunday?"},
        )
    (received,) = service.received
    assert received.path == "/push/a"
    assert received.headers["content-encoding"] == "aes128gcm"
    assert received.headers["authorization"].startswith("vapid t=")
    assert f"k={push.settings.VAPID_PUBLIC_KEY}" in received.headers["authorization"]
    payload = keys.read(received.body)
    assert payload == {
        "title": "Partners in Permanency",
        "body": "You have a new update",
        "url": thread.get_absolute_url(),
    }
    words = json.dumps(payload, ensure_ascii=False)
    children = agreed.birth_family.children.values_list("first_name", flat=True)
    for secret in ["Sofi", "Sunday", *children, birth_parent.person.first_name]:
        assert secret not in words
    device.refresh_from_db()
    assert device.last_used_at is not None


def test_a_push_is_in_the_persons_own_language(birth_parent, service):
    birth_parent.language = "es"
    birth_parent.save()
    _, keys = subscribed(birth_parent, service)
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert keys.read(service.received[0].body)["body"] == "Tiene una novedad"


def test_a_daily_digest_push_is_a_count_and_a_link_home(birth_parent, service):
    Preference.objects.create(user=birth_parent, channel="push", frequency="digest")
    _, keys = subscribed(birth_parent, service)
    for n in range(3):
        notify(user_id=birth_parent.pk, path=f"/journal/{n}/")
    service.received.clear()  # the immediate queue sent the first count already
    for _ in range(2):
        PendingNotice.objects.create(user=birth_parent, channel="push")
    send_digest.call(birth_parent.pk, "push")
    (received,) = service.received
    assert keys.read(received.body) == {
        "title": "Partners in Permanency",
        "body": "You have 2 new updates",
        "url": reverse("home:home"),
    }


def test_a_reminder_push_says_when_and_not_what(birth_parent, service):
    _, keys = subscribed(birth_parent, service)
    remind(user_id=birth_parent.pk, starts_at=timezone.now() + timedelta(days=3))
    payload = keys.read(service.received[0].body)
    assert payload["body"].startswith("You have something on your Village calendar on ")
    assert payload["url"] == reverse("schedule:agenda")


def test_every_device_of_the_person_gets_the_push(birth_parent, service):
    subscribed(birth_parent, service, name="phone")
    subscribed(birth_parent, service, name="laptop")
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert sorted(r.path for r in service.received) == ["/push/laptop", "/push/phone"]


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_forgot_is_removed(birth_parent, service, status):
    subscribed(birth_parent, service)
    service.answer = status
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert len(service.received) == 1
    assert not PushDevice.objects.exists()


def test_a_push_service_that_fails_keeps_the_device_and_is_not_asked_again_at_once(
    birth_parent, service, caplog
):
    subscribed(birth_parent, service)
    service.answer = 500
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert len(service.received) == 1  # the immediate queue cannot wait to try again
    assert PushDevice.objects.count() == 1
    assert "status 500" in caplog.text and service.url not in caplog.text


def test_a_failed_push_is_tried_again_later_a_few_times_at_most(settings, birth_parent, service):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    from notices.tasks import PUSH_TRIES, send_update_notice

    default_task_backend.clear()
    device, _ = subscribed(birth_parent, service)
    service.answer = 503
    send_update_notice.call(birth_parent.pk, "/journal/1/", "push")
    for _ in range(PUSH_TRIES + 2):
        waiting = [r for r in default_task_backend.results if r.task.name == "send_push_again"]
        if not waiting:
            break
        default_task_backend.clear()
        (retry,) = waiting
        assert retry.task.run_after > timezone.now()
        retry.task.call(*retry.args)
    assert len(service.received) == PUSH_TRIES
    assert PushDevice.objects.filter(pk=device.pk).exists()


def test_quiet_hours_hold_a_push_back(settings, birth_parent, service):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    subscribed(birth_parent, service)
    now = timezone.localtime()
    quiet = SimpleNamespace(
        quiet_from=(now - timedelta(hours=1)).time(), quiet_until=(now + timedelta(hours=2)).time()
    )
    notify(user_id=birth_parent.pk, path="/journal/1/", quiet=quiet)
    pushes = [r for r in default_task_backend.results if r.args[2:] == ["push"]]
    (held,) = pushes
    assert held.task.run_after > timezone.now() + timedelta(hours=1)
    assert service.received == []


def test_quiet_hours_on_a_queue_that_cannot_wait_send_no_push(birth_parent, service):
    subscribed(birth_parent, service)
    now = timezone.localtime()
    quiet = SimpleNamespace(
        quiet_from=(now - timedelta(hours=1)).time(), quiet_until=(now + timedelta(hours=2)).time()
    )
    notify(user_id=birth_parent.pk, path="/journal/1/", quiet=quiet)
    assert service.received == []


def test_never_means_no_push(birth_parent, service):
    Preference.objects.create(user=birth_parent, channel="push", frequency="none")
    subscribed(birth_parent, service)
    notify(user_id=birth_parent.pk, path="/journal/1/")
    remind(user_id=birth_parent.pk, starts_at=timezone.now() + timedelta(days=1))
    assert service.received == []


def test_an_account_switched_off_gets_no_push_and_keeps_no_device(birth_parent, service):
    subscribed(birth_parent, service)
    birth_parent.is_active = False
    birth_parent.save()
    assert not PushDevice.objects.exists()
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert service.received == []


def test_no_push_without_the_programs_keys(settings, birth_parent, service):
    subscribed(birth_parent, service)
    settings.VAPID_PRIVATE_KEY = ""
    notify(user_id=birth_parent.pk, path="/journal/1/")
    assert service.received == []


# --- Turning it on and off ----------------------------------------------------------------


def subscription(service, keys, name="a"):
    return {
        "endpoint": f"{service.url}/push/{name}",
        "expirationTime": None,
        "keys": {"p256dh": keys.p256dh, "auth": keys.auth},
    }


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_subscribing_the_same_browser_twice_makes_one_device(client_for, birth_parent, service):
    client = client_for(birth_parent)
    keys = BrowserKeys()
    url = reverse("notices:device_subscribe")
    agent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
    first = post_json(client, url, subscription(service, keys), HTTP_USER_AGENT=agent)
    again = post_json(client, url, subscription(service, keys), HTTP_USER_AGENT=agent)
    assert (first.status_code, again.status_code) == (201, 200)
    (device,) = PushDevice.objects.all()
    assert device.user_id == birth_parent.pk and device.label == "Chrome · Android"
    created = AuditEntry.objects.filter(record_type="notices.pushdevice", action="created")
    assert created.count() == 1
    page = client.get(reverse("notices:devices")).content.decode()
    assert "Chrome · Android" in page and "This device" in page


def test_the_same_browser_subscribed_by_the_next_person_tells_only_them(
    client_for, birth_parent, partner_parent, service
):
    keys = BrowserKeys()
    subscribed(birth_parent, service, keys)
    response = post_json(
        client_for(partner_parent),
        reverse("notices:device_subscribe"),
        subscription(service, keys),
    )
    assert response.status_code == 201
    assert list(PushDevice.objects.values_list("user", flat=True)) == [partner_parent.pk]


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.update(endpoint="https://attacker.example.net/push"),
        lambda s: s.update(endpoint="http://10.0.0.5/internal"),
        lambda s: s["keys"].update(auth="dG9vLXNob3J0"),
        lambda s: s["keys"].update(p256dh="BAAA"),
        lambda s: s.pop("keys"),
        lambda s: s.update(endpoint="http://127.0.0.1/" + "x" * 900),
    ],
)
def test_a_subscription_that_is_not_a_browsers_is_refused(
    client_for, birth_parent, service, change
):
    data = subscription(service, BrowserKeys())
    change(data)
    response = post_json(client_for(birth_parent), reverse("notices:device_subscribe"), data)
    assert response.status_code == 400
    assert not PushDevice.objects.exists()


def test_a_large_body_is_refused_unread(client_for, birth_parent, service):
    data = subscription(service, BrowserKeys())
    data["padding"] = "x" * 5000
    response = post_json(client_for(birth_parent), reverse("notices:device_subscribe"), data)
    assert response.status_code == 413
    assert not PushDevice.objects.exists()


def test_subscribing_needs_the_csrf_token(birth_parent, service):
    from django.test import Client

    from accounts.testing import sign_in_client

    client = sign_in_client(Client(enforce_csrf_checks=True), birth_parent)
    data = subscription(service, BrowserKeys())
    response = post_json(client, reverse("notices:device_subscribe"), data)
    assert response.status_code == 403
    client.get(reverse("notices:devices"))
    token = client.cookies["csrftoken"].value
    response = post_json(client, reverse("notices:device_subscribe"), data, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_subscribing_when_push_is_off_does_nothing(settings, client_for, birth_parent):
    settings.VAPID_PUBLIC_KEY = settings.VAPID_PRIVATE_KEY = settings.VAPID_SUBJECT = ""
    data = {"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": {}}
    response = post_json(client_for(birth_parent), reverse("notices:device_subscribe"), data)
    assert response.status_code == 404
    page = client_for(birth_parent).get(reverse("notices:devices")).content.decode()
    assert "not set up for this program yet" in page and "push.js" not in page


def test_a_person_turns_a_device_off(client_for, birth_parent, service):
    device, _ = subscribed(birth_parent, service)
    response = client_for(birth_parent).post(
        reverse("notices:device_remove"), {"device": device.pk}
    )
    assert response.status_code == 302
    assert not PushDevice.objects.exists()
    assert AuditEntry.objects.filter(
        actor=birth_parent, action="removed", record_type="notices.pushdevice"
    ).exists()


def test_nobody_turns_off_anothers_device(client_for, birth_parent, outsider, service):
    device, _ = subscribed(birth_parent, service)
    response = client_for(outsider).post(reverse("notices:device_remove"), {"device": device.pk})
    assert response.status_code == 404
    assert PushDevice.objects.filter(pk=device.pk).exists()
    page = client_for(outsider).get(reverse("notices:devices")).content.decode()
    assert "Chrome · Android" not in page


def test_signing_out_turns_off_the_device_subscribed_in_that_session(
    client_for, birth_parent, service
):
    client = client_for(birth_parent)
    other, _ = subscribed(birth_parent, service, name="other")
    post_json(client, reverse("notices:device_subscribe"), subscription(service, BrowserKeys()))
    assert PushDevice.objects.count() == 2
    client.post(reverse("accounts:sign_out"))
    assert list(PushDevice.objects.all()) == [other]


def test_the_push_choice_is_offered_only_when_push_is_on(client_for, birth_parent, vapid):
    client = client_for(birth_parent)
    client.post(reverse("notices:preferences"), {"email": "instant", "sms": "none", "push": "none"})
    assert Preference.objects.get(user=birth_parent, channel="push").frequency == "none"
    page = client.get(reverse("notices:preferences")).content.decode()
    assert "Notification on your devices" in page


# --- Settings -----------------------------------------------------------------------------


def test_the_keys_are_checked_at_start(settings):
    public, private = push.generate_keys()
    other_public, _ = push.generate_keys()
    settings.VAPID_SUBJECT = "mailto:program@example.org"
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = public, private
    push.check_settings()
    for public_key, private_key, subject in [
        (other_public, private, "mailto:program@example.org"),  # not a pair
        ("not-a-key", private, "mailto:program@example.org"),
        (public, "c2hvcnQ", "mailto:program@example.org"),
        (public, private, "program@example.org"),  # not mailto: or https:
        (public, "", "mailto:program@example.org"),  # half set
    ]:
        settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = public_key, private_key
        settings.VAPID_SUBJECT = subject
        with pytest.raises(ImproperlyConfigured):
            push.check_settings()


def test_the_command_prints_a_pair_that_passes_the_check(settings, capsys):
    from django.core.management import call_command

    call_command("generate_vapid_keys", "--subject", "mailto:program@example.org")
    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    settings.VAPID_PUBLIC_KEY = lines["VILLAGE_VAPID_PUBLIC_KEY"]
    settings.VAPID_PRIVATE_KEY = lines["VILLAGE_VAPID_PRIVATE_KEY"]
    settings.VAPID_SUBJECT = lines["VILLAGE_VAPID_SUBJECT"]
    push.check_settings()
