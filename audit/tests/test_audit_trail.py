import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import Action, AuditEntry


def entries_for(record):
    return AuditEntry.objects.filter(
        record_type=record._meta.label_lower, record_id=str(record.pk)
    ).select_related("actor")


def test_viewing_a_childs_record_writes_who_what_when_and_from_where(
    client_for, coach, partnership
):
    child = partnership.children.order_by("pk").first()
    client_for(coach).get(
        reverse("families:child_detail", args=[child.pk]), REMOTE_ADDR="203.0.113.7"
    )
    (entry,) = entries_for(child)
    assert entry.actor == coach
    assert entry.action == Action.VIEWED
    assert entry.ip == "203.0.113.7"
    assert entry.path == reverse("families:child_detail", args=[child.pk])
    assert entry.at is not None


def test_viewing_a_family_and_a_partnership_is_audited(client_for, coach, partnership):
    client = client_for(coach)
    client.get(reverse("families:family_detail", args=[partnership.birth_family_id]))
    client.get(reverse("partnerships:detail", args=[partnership.pk]))
    assert entries_for(partnership.birth_family).filter(action=Action.VIEWED).count() == 1
    assert entries_for(partnership).filter(action=Action.VIEWED).count() == 1


def test_a_parent_opening_their_home_page_is_audited_as_viewing_the_partnership(
    client_for, birth_parent, partnership
):
    client_for(birth_parent).get(reverse("home:home"))
    (entry,) = entries_for(partnership)
    assert entry.actor == birth_parent and entry.action == Action.VIEWED


def test_changing_a_child_records_which_fields_changed_but_not_their_values(
    client_for, coach, partnership
):
    child = partnership.children.order_by("pk").first()
    response = client_for(coach).post(
        reverse("families:child_edit", args=[child.pk]),
        {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "preferred_name": "Bunny",
            "birth_date": child.birth_date.isoformat(),
        },
    )
    assert response.status_code == 302
    entry = entries_for(child).get(action=Action.CHANGED)
    assert entry.fields == ["preferred_name"]
    assert "Bunny" not in str(entry.fields)


def test_a_page_that_is_refused_writes_no_view_entry(client_for, outsider, partnership):
    child = partnership.children.order_by("pk").first()
    response = client_for(outsider).get(reverse("families:child_detail", args=[child.pk]))
    assert response.status_code == 404
    assert not entries_for(child).exists()


def test_audit_entries_cannot_be_changed_or_removed_through_the_model(coach):
    entry = AuditEntry.objects.create(
        actor=coach, action=Action.VIEWED, record_type="x", record_id="1"
    )
    entry.record_id = "2"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(record_id="3")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET record_id = 'rewritten'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_the_database_itself_refuses_to_rewrite_the_audit_trail(coach, statement):
    AuditEntry.objects.create(actor=coach, action=Action.VIEWED, record_type="x", record_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEntry.objects.filter(record_id="1").count() == 1


def test_the_director_finds_who_viewed_a_child(client_for, director, coach, partnership):
    child = partnership.children.order_by("pk").first()
    client_for(coach).get(reverse("families:child_detail", args=[child.pk]))
    response = client_for(director).get(
        reverse("audit:search"),
        {"record_type": "families.child", "record_id": child.pk, "actor_email": coach.email},
    )
    assert response.status_code == 200
    page = response.context["page"]
    assert [e.actor for e in page.object_list] == [coach]
    assert coach.email in response.content.decode()


def test_the_audit_search_says_when_nothing_matches(client_for, director):
    response = client_for(director).get(reverse("audit:search"), {"actor_email": "nobody@x"})
    assert "No entries match" in response.content.decode()


def test_an_audit_search_at_the_edge_of_the_calendar_is_explained(client_for, director):
    response = client_for(director).get(reverse("audit:search"), {"until": "9999-12-31"})
    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()


@pytest.mark.parametrize(
    "url_name, record",
    [
        ("families:child_edit", lambda p: p.children.order_by("pk").first()),
        ("families:family_edit", lambda p: p.birth_family),
        ("families:home_edit", lambda p: p.partner_home),
        ("partnerships:edit", lambda p: p),
    ],
)
def test_opening_an_edit_page_is_audited_as_a_view(
    client_for, coach, partnership, url_name, record
):
    target = record(
        type(partnership)
        .objects.select_related("birth_family", "partner_home")
        .get(pk=partnership.pk)
    )
    client_for(coach).get(reverse(url_name, args=[target.pk]))
    assert entries_for(target).filter(action=Action.VIEWED, actor=coach).exists()
