"""A page that lists family data writes one read entry each time it is shown, naming the
listed kind of record and the filters asked for, however many rows it shows (decision
0022). The walk of every URL (home/tests/test_access.py) finds pages that forget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import LIST, Action, AuditEntry
from core.access import RULES
from home.testing import partnership_for


def list_entries():
    return AuditEntry.objects.filter(action=Action.VIEWED, record_id=LIST).select_related("actor")


@pytest.mark.parametrize(
    "url_name",
    [
        "journal:review",
        "conversations:inbox",
        "schedule:agenda",
        "intake:queue",
        "families:family_list",
        "partnerships:list",
        "caseplan:report",
    ],
)
def test_each_page_that_lists_family_data_writes_one_read_entry(
    client_for, coach, partnership, url_name
):
    response = client_for(coach).get(reverse(url_name), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 200
    (entry,) = list_entries()
    assert (entry.actor, entry.record_type) == (coach, RULES[url_name].lists)
    assert (entry.ip, entry.path) == ("198.51.100.4", reverse(url_name))


def test_a_lists_entry_keeps_the_filters_asked_for_and_one_entry_for_many_rows(
    client_for, coach, partnership
):
    for _ in range(3):
        partnership_for(coach=coach)
    client = client_for(coach)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("partnerships:list"), {"stage": "active", "page": "1"})
    for _ in range(12):
        partnership_for(coach=coach)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("partnerships:list"), {"stage": "active", "page": "1"})
    first, second = list_entries().order_by("pk")
    assert first.fields == ["page=1", "stage=active"]
    assert first.record_type == "partnerships.partnership"
    assert len(few) == len(many)


def test_a_filter_is_kept_short_and_never_as_a_copy_of_the_page(client_for, coach):
    client_for(coach).get(reverse("families:family_list"), {"q": "x" * 5000})
    (entry,) = list_entries()
    assert entry.fields == ["q=" + "x" * 40]


def test_the_director_reads_a_list_entry_as_the_kind_listed(client_for, director, coach):
    client_for(coach).get(reverse("intake:queue"), {"status": "open"})
    html = client_for(director).get(reverse("audit:search")).content.decode()
    assert "Submissions: list" in html
    assert "status=open" in html


def test_a_parents_calendar_and_messages_are_read_as_lists_too(
    client_for, birth_parent, partnership
):
    client = client_for(birth_parent)
    client.get(reverse("schedule:agenda"))
    client.get(reverse("conversations:inbox"))
    assert sorted(list_entries().values_list("record_type", flat=True)) == [
        "conversations.conversation",
        "schedule.event",
    ]
