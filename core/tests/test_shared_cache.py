"""The shared cache (Redis) that several processes count throttles and keep sessions in
(decision 0041). CI starts the machine's Redis server; elsewhere these tests run when one
answers on VILLAGE_TEST_REDIS_URL (by default the local one)."""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from accounts.models import SignedInSession
from accounts.tests.test_sessions import LIBRARY, PHONE, SETTINGS, lands_on_sign_in, signed_in
from core.throttle import throttle_hit

REDIS_URL = os.environ.get("VILLAGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def shared_cache():
    """Production's cache settings against the local Redis, under a prefix of this test's
    own so nothing is shared with another test or run."""
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {REDIS_URL}: .ci/run starts it")
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    prefix = f"village-test-{uuid.uuid4().hex}"
    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(
        CACHES=cache_settings, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        yield
        caches["default"].clear()


def test_two_processes_count_the_same_throttle(shared_cache):
    """Each process has its own connection: what one counts, the other sees."""
    first, second = caches.create_connection("default"), caches.create_connection("default")
    assert first is not second
    for cache in (first, second, first):
        assert not throttle_hit(scope="test", key="10.0.0.9", limit=3, cache=cache)
    assert throttle_hit(scope="test", key="10.0.0.9", limit=3, cache=second)


@pytest.mark.django_db
def test_a_browser_signed_out_elsewhere_is_refused_though_its_session_was_cached(
    shared_cache, birth_parent, password
):
    library = signed_in(birth_parent, password, agent=LIBRARY)
    phone = signed_in(birth_parent, password, agent=PHONE)
    assert library.get(SETTINGS).status_code == 200  # its session now read from Redis
    row = SignedInSession.objects.get(browser="Firefox")
    phone.post(reverse("accounts:session_end"), {"session": row.pk})
    assert lands_on_sign_in(library.get(SETTINGS))
    assert phone.get(SETTINGS).status_code == 200
