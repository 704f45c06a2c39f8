"""The devices page on a phone: it fits, reads well to a screen reader, and its script
offers the button under the strict CSP. The button itself would reach a real push
service, which the tests cannot: the endpoint it posts to is tested in test_push.py."""

import json

import pytest
from playwright.sync_api import expect

from accounts.models import User
from core.tests.browser import switch_language
from core.tests.browser_fixtures import assert_sound
from notices import push
from notices.models import PushDevice
from notices.tests.push_service import BrowserKeys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vapid(settings):
    public, private = push.generate_keys()
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = public, private
    settings.VAPID_SUBJECT = "mailto:program@example.org"


def test_a_parent_sees_her_devices_and_can_turn_this_one_on_on_her_phone(sign_in, vapid):
    ana = sign_in("birth.parent@example.org")
    PushDevice.objects.create(
        user=User.objects.get(email="birth.parent@example.org"),
        endpoint="https://fcm.googleapis.com/fcm/send/made-up",
        p256dh="x",
        auth="y",
        label="Firefox · Windows",
    )
    ana.goto(ana.base_url + "/notifications/")
    ana.get_by_role("link", name="Notifications on your devices").click()
    assert_sound(ana)
    expect(ana.get_by_role("button", name="Turn on notifications on this device")).to_be_visible()
    expect(ana.get_by_text("Turning notifications on needs")).to_be_hidden()
    expect(ana.get_by_text("Firefox · Windows", exact=True)).to_be_visible()
    ana.get_by_role("button", name="Turn off").click()
    assert_sound(ana)
    expect(ana.get_by_text("No device shows your notifications.")).to_be_visible()


def test_the_devices_page_reads_in_spanish(sign_in, vapid):
    ana = sign_in("birth.parent@example.org")
    switch_language(ana, "Español")
    ana.goto(ana.base_url + "/notifications/devices/")
    assert_sound(ana)
    button = ana.get_by_role("button", name="Activar las notificaciones en este dispositivo")
    expect(button).to_be_visible()
    expect(ana.get_by_text("Ningún dispositivo muestra sus notificaciones.")).to_be_visible()


def test_the_button_sends_this_browsers_subscription_and_the_device_is_listed(
    sign_in, vapid, settings
):
    """The browser's push manager stood in for (a real one would call a real push
    service): push.js asks it with the program's key, sends what it answers, and the
    page lists the device as this one."""
    settings.PUSH_SERVICES = ["http://127.0.0.1"]
    keys = BrowserKeys()
    ana = sign_in("birth.parent@example.org")
    keys_json = json.dumps({"p256dh": keys.p256dh, "auth": keys.auth})
    ana.add_init_script(
        f"const KEYS = {keys_json};"
        """
        const subscription = {toJSON: () => ({endpoint: "http://127.0.0.1:9/push/ana",
            expirationTime: null, keys: KEYS})};
        const registration = {pushManager: {subscribe: async () => subscription}};
        Object.defineProperty(navigator, "serviceWorker",
            {value: {ready: Promise.resolve(registration)}});
        """
    )
    ana.goto(ana.base_url + "/notifications/devices/")
    ana.get_by_role("button", name="Turn on notifications on this device").click()
    expect(ana.get_by_text("Notifications are on for this device.")).to_be_visible()
    assert_sound(ana)
    (device,) = PushDevice.objects.all()
    assert device.endpoint == "http://127.0.0.1:9/push/ana" and device.auth == keys.auth
    expect(ana.locator(".badge", has_text="This device")).to_be_visible()


def test_the_script_asks_for_visible_pushes_with_the_programs_key(sign_in, vapid, settings):
    ana = sign_in("birth.parent@example.org")
    ana.add_init_script(
        """
        const registration = {pushManager: {subscribe: async (options) => {
            window.askedWith = {visible: options.userVisibleOnly,
                key: Array.from(options.applicationServerKey)};
            throw new Error("no push service here"); }}};
        Object.defineProperty(navigator, "serviceWorker",
            {value: {ready: Promise.resolve(registration)}});
        """
    )
    ana.goto(ana.base_url + "/notifications/devices/")
    ana.get_by_role("button", name="Turn on notifications on this device").click()
    expect(ana.get_by_text("Notifications could not be turned on.")).to_be_visible()
    asked = ana.evaluate("window.askedWith")
    assert asked["visible"] is True
    assert bytes(asked["key"]) == push.b64url_decode(settings.VAPID_PUBLIC_KEY)
    assert not PushDevice.objects.exists()
