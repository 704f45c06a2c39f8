from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aboutme.models import Entry
from aboutme.services import about_me_save
from accounts.models import Role
from audit.models import Action, AuditEntry
from core.quiet_hours import quiet_until
from home.testing import ChildFactory, PartnerHomeFactory, agreement_for, person_with_account

pytestmark = pytest.mark.django_db


def write(client, child, **texts):
    return client.post(reverse("aboutme:edit", args=[child.pk]), texts, follow=True)


def profile(client, child) -> str:
    return client.get(reverse("aboutme:profile", args=[child.pk])).content.decode()


def test_the_birth_mother_writes_and_the_partner_mother_sees_what_is_new(
    client_for, birth_parent, partner_parent, agreed
):
    child = agreed.children.first()
    profile(client_for(partner_parent), child)  # she has looked before
    mail.outbox.clear()
    saved = write(
        client_for(birth_parent),
        child,
        breakfast="Pancakes cut in strips, with cinnamon.",
        song="Duérmete, mi niña, la luna te cuida.",
    )
    assert "Saved: Favorite breakfast and The special song." in saved.content.decode()
    page = profile(client_for(partner_parent), child)
    assert "Pancakes cut in strips" in page and "la luna te cuida" in page
    assert "New: Favorite breakfast" in page and "New: The special song" in page
    # Looking once more, nothing is new any more.
    assert "New: Favorite breakfast" not in profile(client_for(partner_parent), child)


def test_a_change_is_told_as_what_changed(client_for, birth_parent, partner_parent, agreed):
    child = agreed.children.first()
    write(client_for(birth_parent), child, breakfast="Cereal.")
    profile(client_for(partner_parent), child)
    write(client_for(birth_parent), child, breakfast="Cereal with banana.")
    page = profile(client_for(partner_parent), child)
    assert "Changed: Favorite breakfast" in page


def test_the_change_notice_says_only_that_there_is_something_new(
    client_for, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    child = agreed.children.first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        write(client_for(birth_parent), child, breakfast="Pancakes with cinnamon.")
    (notice,) = mail.outbox
    assert notice.to == [partner_parent.email]
    assert "new update" in notice.subject
    text = notice.subject + notice.body
    for secret in (child.first_name, "Pancakes", "breakfast", "Favorite"):
        assert secret not in text
    assert reverse("aboutme:profile", args=[child.pk]) in notice.body


def test_nothing_written_reaches_the_other_home_without_an_agreement(
    client_for, birth_parent, partner_parent, partnership, django_capture_on_commit_callbacks
):
    child = partnership.children.first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        write(client_for(birth_parent), child, breakfast="Pancakes with cinnamon.")
    assert "Pancakes" not in profile(client_for(partner_parent), child)
    assert mail.outbox == []


def test_health_words_reach_the_other_home_only_when_the_agreement_shares_health(
    client_for, coach, birth_parent, partner_parent, agreed
):
    child = agreed.children.first()
    write(client_for(birth_parent), child, allergies="Peanuts.", breakfast="Toast.")
    assert "Peanuts" in profile(client_for(partner_parent), child)
    agreement_for(agreed, by=coach, birth={"share_health": False})
    page = profile(client_for(partner_parent), child)
    assert "Peanuts" not in page and "Toast" in page
    assert "Peanuts" in profile(client_for(coach), child)


def test_every_change_is_kept_with_who_and_when(client_for, birth_parent, agreed):
    child = agreed.children.first()
    client = client_for(birth_parent)
    write(client, child, breakfast="Cereal.")
    write(client, child, breakfast="Cereal with banana.")
    write(client, child, breakfast="")
    assert list(Entry.objects.values_list("text", flat=True)) == [
        "Cereal.",
        "Cereal with banana.",
        "",
    ]
    history = client.get(reverse("aboutme:history", args=[child.pk])).content.decode()
    assert "Cereal with banana." in history and "Removed." in history
    changes = AuditEntry.objects.filter(
        record_type="families.child", record_id=str(child.pk), action=Action.CHANGED
    )
    assert [e.fields for e in changes.order_by("at", "pk")] == [["about_me.breakfast"]] * 3


def test_saving_without_changes_keeps_nothing_new(client_for, birth_parent, agreed):
    child = agreed.children.first()
    write(client_for(birth_parent), child, breakfast="Cereal.")
    response = write(client_for(birth_parent), child, breakfast="Cereal.")
    assert "Nothing had changed" in response.content.decode()
    assert Entry.objects.count() == 1


def test_labels_follow_the_reader_and_the_words_stay_as_written(
    client_for, birth_parent, partner_parent, agreed
):
    child = agreed.children.first()
    birth_parent.language = "es"
    birth_parent.save()
    write(client_for(birth_parent), child, breakfast="Pan dulce con chocolate.")
    page = profile(client_for(partner_parent), child)
    assert "Favorite breakfast" in page and "written in Spanish" in page
    assert '<p lang="es">Pan dulce con chocolate.</p>' in page
    partner_parent.language = "es"
    partner_parent.save()
    page = profile(client_for(partner_parent), child)
    assert "Desayuno favorito" in page and "Pan dulce con chocolate." in page


def test_older_children_get_the_version_with_their_own_words(client_for, coach, agreed):
    young = agreed.children.first()
    teen = ChildFactory(
        birth_family=agreed.birth_family, birth_date=timezone.localdate() - timedelta(days=14 * 366)
    )
    agreed.children.add(teen)
    client = client_for(coach)
    assert "In my own words" not in profile(client, young)
    assert "In my own words" in profile(client, teen)


def test_the_printable_page_has_one_page_per_child(
    client_for, birth_parent, partner_parent, agreed
):
    first, second = agreed.children.order_by("pk")
    write(client_for(birth_parent), first, breakfast="Waffles.")
    page = client_for(partner_parent).get(reverse("aboutme:print_all", args=[agreed.pk]))
    body = page.content.decode()
    assert body.count('class="print-page"') == 2
    assert "Waffles." in body and first.called in body and second.called in body
    css = Path("static/village/village.css").read_text()
    assert ".print-page{break-after:page;" in css


def test_viewing_a_profile_is_audited(client_for, partner_parent, agreed):
    child = agreed.children.first()
    profile(client_for(partner_parent), child)
    assert AuditEntry.objects.filter(
        record_type="families.child",
        record_id=str(child.pk),
        action=Action.VIEWED,
        actor=partner_parent,
        fields=["about_me"],
    ).exists()


def test_an_outsider_cannot_reach_the_profile(client_for, outsider, agreed):
    child = agreed.children.first()
    client = client_for(outsider)
    for name in ("aboutme:profile", "aboutme:edit", "aboutme:history", "aboutme:print"):
        assert client.get(reverse(name, args=[child.pk])).status_code == 404
    assert client.get(reverse("aboutme:print_all", args=[agreed.pk])).status_code == 404


def test_profile_and_print_pages_run_the_same_queries_however_much_is_written(
    client_for, birth_parent, partner_parent, agreed
):
    child = agreed.children.first()
    write(client_for(birth_parent), child, breakfast="One.")
    profile(client_for(partner_parent), child)  # her first look records it; later ones update
    counts = []
    for texts in ({"song": "Two."}, {"bedtime": "Three.", "fears": "Four.", "care": "Five."}):
        write(client_for(birth_parent), child, **texts)
        client = client_for(partner_parent)
        with CaptureQueriesContext(connection) as profile_queries:
            client.get(reverse("aboutme:profile", args=[child.pk]))
        with CaptureQueriesContext(connection) as print_queries:
            client.get(reverse("aboutme:print_all", args=[agreed.pk]))
        counts.append((len(profile_queries), len(print_queries)))
    assert counts[0] == counts[1]


CHICAGO = ZoneInfo("America/Chicago")


@pytest.mark.parametrize(
    "clock, expected",
    [
        (time(22, 30), datetime(2026, 11, 24, 7, 0, tzinfo=CHICAGO)),
        (time(6, 0), datetime(2026, 11, 23, 7, 0, tzinfo=CHICAGO)),
        (time(12, 0), None),
    ],
)
def test_notices_wait_until_quiet_hours_end(settings, clock, expected):
    settings.TIME_ZONE = "America/Chicago"
    now = datetime.combine(datetime(2026, 11, 23).date(), clock, tzinfo=CHICAGO)
    assert quiet_until(now, time(21), time(7)) == expected


def test_a_long_history_comes_a_page_at_a_time(client_for, birth_parent, agreed):
    child = agreed.children.first()
    Entry.objects.bulk_create(
        Entry(
            child=child,
            topic="breakfast",
            author="birth",
            text=f"Breakfast, take {n}.",
            language="en",
            written_by=birth_parent,
        )
        for n in range(60)
    )
    client = client_for(birth_parent)
    first = client.get(reverse("aboutme:history", args=[child.pk])).content.decode()
    assert "Breakfast, take 59." in first and "Breakfast, take 9." not in first
    assert "Page 1 of 2" in first
    second = client.get(reverse("aboutme:history", args=[child.pk]), {"page": 2})
    assert "Breakfast, take 9." in second.content.decode()


def test_a_new_partner_home_does_not_read_what_the_childs_earlier_home_wrote(
    client_for, coach, partner_parent, agreed
):
    child = agreed.children.first()
    write(client_for(partner_parent), child, medicines="Inhaler at night, from our home.")
    newcomer = person_with_account(Role.PARTNER_PARENT, first_name="Quinn")
    home = PartnerHomeFactory()
    home.parents.add(newcomer.person)
    agreed.partner_home = home
    agreed.save()
    client = client_for(newcomer)
    for name in ("aboutme:profile", "aboutme:edit", "aboutme:history"):
        page = client.get(reverse(name, args=[child.pk])).content.decode()
        assert "Inhaler at night" not in page and partner_parent.person.first_name not in page


def test_words_a_home_removed_do_not_show_through_an_older_entry(
    client_for, coach, birth_parent, partner_parent, partnership
):
    second = person_with_account(Role.PARTNER_PARENT, first_name="Pat")
    partnership.partner_home.parents.add(second.person)
    agreement_for(
        partnership,
        by=coach,
        acknowledged_by=[birth_parent, partner_parent, second],
        consent=[birth_parent, partner_parent],  # Pat has not said yes
    )
    child = partnership.children.first()
    write(client_for(partner_parent), child, school="Lincoln Elementary, room 4.")
    assert "Lincoln Elementary" in profile(client_for(birth_parent), child)
    write(client_for(second), child, school="")
    for name in ("aboutme:profile", "aboutme:print", "aboutme:history"):
        page = client_for(birth_parent).get(reverse(name, args=[child.pk])).content.decode()
        assert "Lincoln Elementary" not in page or name == "aboutme:history", name


def test_notices_are_sent_only_once_the_words_are_saved(
    coach, birth_parent, partner_parent, agreed, django_capture_on_commit_callbacks
):
    from agreements.selectors import sharing_for

    child = agreed.children.first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        about_me_save(
            actor=birth_parent, child=child, sharing=sharing_for(agreed), texts={"fears": "Dogs."}
        )
    assert mail.outbox == [] and len(callbacks) == 1


def test_an_untouched_song_sent_back_with_windows_line_endings_is_not_saved_again(
    client_for, birth_parent, agreed
):
    child = agreed.children.first()
    client = client_for(birth_parent)
    write(client, child, song="Duérmete, mi niña,\nla luna te cuida.", breakfast="Cereal.")
    # Browsers send a textarea's lines back with CRLF.
    saved = write(
        client, child, song="Duérmete, mi niña,\r\nla luna te cuida.\r\n", breakfast="Toast."
    )
    assert "Saved: Favorite breakfast." in saved.content.decode()
    assert Entry.objects.filter(topic="song").count() == 1
    assert Entry.objects.filter(topic="breakfast").count() == 2


def test_words_are_kept_with_plain_line_endings(client_for, birth_parent, agreed):
    child = agreed.children.first()
    write(client_for(birth_parent), child, song="Duérmete,\r\nmi niña.")
    assert Entry.objects.get(topic="song").text == "Duérmete,\nmi niña."


def edit_topic(client, child, code, **data):
    url = reverse("aboutme:edit", args=[child.pk]) + f"?topic={code}"
    return client.post(url, data) if data else client.get(url)


def test_each_topic_is_written_on_its_own_page_under_its_label(client_for, birth_parent, agreed):
    child = agreed.children.first()
    client = client_for(birth_parent)
    page = profile(client, child)
    assert reverse("aboutme:edit", args=[child.pk]) + "?topic=song" in page
    form = edit_topic(client, child, "song").content.decode()
    assert "<h1>The special song</h1>" in form
    assert form.count("<textarea") == 1 and 'name="song"' in form
    assert "Favorite breakfast" not in form


def test_saving_one_topic_leaves_the_others_alone_and_lands_on_it(client_for, birth_parent, agreed):
    child = agreed.children.first()
    client = client_for(birth_parent)
    write(client, child, breakfast="Cereal.", song="La luna te cuida.")
    response = edit_topic(client, child, "song", song="La luna te cuida, mi niña.")
    assert response.url == reverse("aboutme:profile", args=[child.pk]) + "#topic-song"
    assert Entry.objects.filter(topic="breakfast").count() == 1
    assert Entry.objects.filter(topic="song").count() == 2
    assert "Saved: The special song." in client.get(response.url).content.decode()


def test_a_topic_not_in_the_childs_version_has_no_page(client_for, birth_parent, agreed):
    young = ChildFactory(
        birth_family=agreed.birth_family, birth_date=timezone.localdate() - timedelta(days=3 * 366)
    )
    agreed.children.add(young)
    client = client_for(birth_parent)
    assert edit_topic(client, young, "own_words").status_code == 404
    assert edit_topic(client, young, "no_such_topic").status_code == 404


def test_words_the_other_home_writes_show_on_a_kept_profile_at_once(
    settings, client_for, birth_parent, partner_parent, agreed
):
    """The profile is kept for the reader a minute while nothing is new to her (decision
    0048); new words change what it is kept by, whether or not a notice went out."""
    from aboutme.models import Entry

    settings.BADGE_SECONDS = 60
    child = agreed.children.first()
    profile(client_for(partner_parent), child)
    assert "Pancakes" not in profile(client_for(partner_parent), child)
    Entry.objects.create(
        child=child, topic="breakfast", author="birth", text="Pancakes.", written_by=birth_parent
    )
    page = profile(client_for(partner_parent), child)
    assert "Pancakes." in page and "New: Favorite breakfast" in page
    again = profile(client_for(partner_parent), child)
    assert "Pancakes." in again and "New: Favorite breakfast" not in again
