"""The directory on a phone: a full page of results stays a few screens long."""

import pytest
from django.urls import reverse

from core.tests.browser import PHONE
from directory.demo import load_directory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_twenty_results_fit_in_a_few_phone_screens_without_bullets(chromium, live_server):
    from django.utils import timezone

    load_directory(timezone.localdate())
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + reverse("directory:search"))
        assert page.locator(".result").count() == 20
        assert page.locator("ul.results").evaluate("ul => getComputedStyle(ul).listStyleType") == (
            "none"
        )
        assert page.locator("ul.results").evaluate("ul => getComputedStyle(ul).paddingLeft") == (
            "0px"
        )
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 4000, f"{height} px for twenty results"
    finally:
        context.close()
