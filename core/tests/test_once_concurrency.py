"""The same form sent several times at the same moment, each on its own connection (a
double tap on a slow network, a resent page): one record, every answer a redirect. On
PostgreSQL the later ones wait on the first's key and then find its record; on SQLite
they queue on the write lock. Runs on whichever database the suite runs on."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from core.once import new_key
from journal.models import Post

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_post_sent_six_times_at_once_is_posted_once(birth_parent, agreed):
    clients = []
    for _ in range(6):
        client = Client()
        client.force_login(birth_parent)
        clients.append(client)
    url = reverse("journal:post_new", args=[agreed.pk])
    data = {"text": "All at once.", "key": new_key()}
    start = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def send(index, client):
        start.wait()
        try:
            answers[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert answers == [302] * 6
    assert Post.objects.count() == 1
