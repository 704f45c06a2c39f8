"""The pages of financial support, as the coach, the director, finance and the family
use them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.models import AssistanceRequest, Entry, Status

pytestmark = pytest.mark.django_db


def test_a_car_repair_is_requested_approved_paid_and_shows_in_the_grant_report(
    client_for, coach, director, finance, birth_parent, partner_parent, partnership, fund, rules
):
    due = (timezone.localdate() + timedelta(days=4)).isoformat()
    page = client_for(coach).post(
        reverse("assistance:request_new", args=[partnership.pk]),
        {
            "home": "birth",
            "need": "car_repair",
            "amount": "412.50",
            "payee_kind": "vendor",
            "payee": "Eastside Auto Repair",
            "due_on": due,
            "purpose": "Brakes: she drives to the 6 a.m. shift.",
        },
        follow=True,
    )
    assert "Request sent for a decision." in page.content.decode()
    assistance_request = AssistanceRequest.objects.get()
    client_for(director).post(
        reverse("assistance:decide", args=[assistance_request.pk]),
        {"approve": "yes", "fund": fund.pk, "reason": "Quote checked."},
    )
    assistance_request.refresh_from_db()
    assert assistance_request.status == Status.APPROVED
    form = client_for(finance).get(assistance_request.get_absolute_url()).content.decode()
    key = form.split('name="key" value="')[1].split('"')[0]
    payment = {
        "method": "check",
        "number": "2041",
        "paid_on": timezone.localdate().isoformat(),
        "key": key,
    }
    for _ in range(2):  # a double click
        client_for(finance).post(reverse("assistance:pay", args=[assistance_request.pk]), payment)
    assert Entry.objects.count() == 1
    report = client_for(finance).get(fund.get_absolute_url()).content.decode()
    assert "$4,587.50" in report and "Eastside Auto Repair" in report
    mother = client_for(birth_parent).get(assistance_request.get_absolute_url()).content.decode()
    assert "Paid" in mother and "2041" not in mother
    assert client_for(partner_parent).get(assistance_request.get_absolute_url()).status_code == 404


def test_a_parent_asks_for_her_own_home_and_her_coach_sees_it_waiting(
    client_for, coach, birth_parent, partnership, fund, rules
):
    client_for(birth_parent).post(
        reverse("assistance:request_new", args=[partnership.pk]),
        {
            "home": "partner",  # ignored: she asks for her own home
            "need": "utilities",
            "amount": "120",
            "payee_kind": "vendor",
            "payee": "Austin Energy",
            "due_on": (timezone.localdate() + timedelta(days=9)).isoformat(),
            "purpose": "The heat.",
        },
    )
    assistance_request = AssistanceRequest.objects.get()
    assert (assistance_request.status, assistance_request.home) == (Status.DRAFT, "birth")
    assert "Austin Energy" in client_for(coach).get(reverse("assistance:index")).content.decode()


def test_the_spending_report_and_the_accountant_s_csv_add_up(
    client_for, coach, director, finance, partnership, fund, rules
):
    from assistance.services import payment_record, payment_reverse, request_create, request_decide

    day = timezone.localdate()
    for need, amount, payee in (
        ("car_repair", "412.50", "=HYPERLINK(evil)"),
        ("work_tools", "89.99", "Boots & Co"),
    ):
        made = request_create(
            actor=coach,
            partnership=partnership,
            data={"need": need, "amount": amount, "payee": payee, "due_on": day, "purpose": "Work"},
        )
        request_decide(
            actor=director, assistance_request=made, approve=True, reason="ok", fund=fund
        )
        entry = payment_record(
            actor=finance, assistance_request=made, method="check", number="", paid_on=day, key=need
        )
    payment_reverse(actor=finance, entry=entry, note="Wrong size; returned.")
    page = client_for(finance).get(reverse("assistance:report")).content.decode()
    assert "$412.50 paid this year." in page and "Car repair" in page
    response = client_for(finance).get(reverse("assistance:report_csv"), {"year": day.year})
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("date,fund,family,need")
    assert len(lines) == 4 and "-89.99" in lines[3]
    assert "'=HYPERLINK(evil)" in text  # never run as a formula


def test_a_quote_or_bill_is_kept_privately_and_checked_by_what_it_is(
    client_for, coach, birth_parent, partner_parent, partnership, rules
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from assistance.models import Document
    from assistance.services import request_create

    made = request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "utilities",
            "amount": "120",
            "payee": "Austin Energy",
            "due_on": timezone.localdate(),
            "purpose": "The heat.",
        },
    )
    url = reverse("assistance:document_add", args=[made.pk])
    mother = client_for(birth_parent)
    fake = SimpleUploadedFile("bill.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    page = mother.post(url, {"kind": "bill", "file": fake}, follow=True).content.decode()
    assert "Choose a PDF or a photo" in page and not Document.objects.exists()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's make, as phones write it
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, "JPEG", exif=exif)
    photo = SimpleUploadedFile("bill.jpg", buffer.getvalue(), "image/jpeg")
    mother.post(url, {"kind": "bill", "file": photo})
    kept = Document.objects.get()
    served = mother.get(reverse("assistance:document", args=[kept.pk]))
    data = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/jpeg" and "no-store" in served["Cache-Control"]
    assert len(Image.open(io.BytesIO(data)).getexif()) == 0
    other_home = client_for(partner_parent)
    assert other_home.get(reverse("assistance:document", args=[kept.pk])).status_code == 404


def test_the_director_sets_the_rules_and_a_fund_s_budget_never_drops_below_what_it_spent(
    client_for, coach, director, finance, partnership, fund, rules
):
    from assistance.models import Rules
    from assistance.services import payment_record, request_create, request_decide

    client_for(director).post(
        reverse("assistance:rules"),
        {"coach_limit": "300.00", "two_approvers_above": "1500.00", "family_cap": "3000.00"},
    )
    assert Rules.current().coach_limit == 300
    made = request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "car_repair",
            "amount": "900",
            "payee": "Shop",
            "due_on": timezone.localdate(),
            "purpose": "Work",
        },
    )
    request_decide(actor=director, assistance_request=made, approve=True, reason="ok", fund=fund)
    payment_record(
        actor=finance,
        assistance_request=made,
        method="ach",
        number="",
        paid_on=timezone.localdate(),
        key="x",
    )
    edit = reverse("assistance:fund_edit", args=[fund.pk])
    fields = {"name": fund.name, "source": "grant", "needs": ["car_repair"], "budget": "500.00"}
    page = client_for(finance).post(edit, fields).content.decode()
    assert "It has paid and promised 900.00" in page
    fund.refresh_from_db()
    assert fund.budget == 5000
    client_for(finance).post(edit, {**fields, "budget": "6000.00"})
    fund.refresh_from_db()
    assert fund.budget == 6000 and fund.needs == ["car_repair"]


def test_a_grant_s_ledger_downloads_on_its_own(
    client_for, coach, director, finance, partnership, fund, rules
):
    from assistance.models import Fund, Source
    from assistance.services import payment_record, request_create, request_decide

    other = Fund.objects.create(name="Other", source=Source.DONOR, budget=1000)
    for paying, amount in ((fund, "40.00"), (other, "60.00")):
        made = request_create(
            actor=coach,
            partnership=partnership,
            data={
                "need": "car_repair",
                "amount": amount,
                "payee": "Shop",
                "due_on": timezone.localdate(),
                "purpose": "Work",
            },
        )
        request_decide(
            actor=director, assistance_request=made, approve=True, reason="ok", fund=paying
        )
        payment_record(
            actor=finance,
            assistance_request=made,
            method="ach",
            number="",
            paid_on=timezone.localdate(),
            key=amount,
        )
    text = (
        client_for(finance)
        .get(reverse("assistance:report_csv"), {"fund": fund.pk})
        .content.decode("utf-8-sig")
    )
    assert "40.00" in text and "60.00" not in text
    page = client_for(finance).get(fund.get_absolute_url()).content.decode()
    assert "$40.00" in page and f"?fund={fund.pk}" in page
    odd = client_for(finance).get(
        reverse("assistance:report_csv"), {"fund": "9" * 30, "year": "abc"}
    )
    assert odd.status_code == 200


def test_approval_rules_are_never_negative_and_a_coach_s_limit_sits_below_two_approvers(
    client_for, director, rules
):
    page = (
        client_for(director)
        .post(
            reverse("assistance:rules"),
            {"coach_limit": "-100", "two_approvers_above": "50", "family_cap": "-5"},
        )
        .content.decode()
    )
    assert "greater than or equal to 0" in page
    page = (
        client_for(director)
        .post(
            reverse("assistance:rules"),
            {"coach_limit": "500", "two_approvers_above": "400", "family_cap": "2000"},
        )
        .content.decode()
    )
    assert "at most the amount above which two approvers" in page
    rules.refresh_from_db()
    assert rules.coach_limit == 250


def test_a_fund_cannot_narrow_away_from_requests_it_approved(
    client_for, coach, director, finance, partnership, fund, rules
):
    from assistance.services import request_create, request_decide

    made = request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "car_repair",
            "amount": "100",
            "payee": "Shop",
            "due_on": timezone.localdate(),
            "purpose": "Work",
        },
    )
    request_decide(actor=director, assistance_request=made, approve=True, reason="ok", fund=fund)
    page = (
        client_for(finance)
        .post(
            reverse("assistance:fund_edit", args=[fund.pk]),
            {"name": fund.name, "source": "grant", "budget": "5000", "needs": ["rent"]},
        )
        .content.decode()
    )
    assert "still wait for payment from this fund for other needs" in page


def test_a_declined_family_reads_why_in_plain_words_and_where_else_to_turn(
    client_for,
    coach,
    director,
    birth_parent,
    partnership,
    rules,
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from assistance.services import request_create

    made = request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "phone",
            "amount": "80",
            "payee": "Phone store",
            "due_on": timezone.localdate(),
            "purpose": "Calls",
        },
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(director).post(
            reverse("assistance:decide", args=[made.pk]),
            {
                "approve": "no",
                "reason": "Phones are covered by the Lifeline program; ask your coach.",
            },
        )
    (notice,) = mail.outbox
    assert (
        "$80" not in notice.body and "80.00" not in notice.body and "Phone store" not in notice.body
    )
    page = client_for(birth_parent).get(made.get_absolute_url()).content.decode()
    assert "Phones are covered by the Lifeline program" in page
    assert "Find other help in the community resources" in page


def test_a_request_s_audit_entries_from_before_the_model_s_rename_are_still_found(
    client_for, coach, director, partnership, rules
):
    """Entries written when the model was `Request` keep their label (the trail is never
    rewritten, migration 0004): the record's number finds them beside the new ones."""
    from assistance.services import request_create
    from audit.models import Action, AuditEntry

    made = request_create(
        actor=coach,
        partnership=partnership,
        data={
            "need": "rent",
            "amount": "300",
            "payee": "Landlord",
            "due_on": timezone.localdate(),
            "purpose": "Rent",
        },
    )
    AuditEntry.objects.create(
        actor=coach, action=Action.VIEWED, record_type="assistance.request", record_id=made.pk
    )
    page = client_for(director).get(reverse("audit:search"), {"record_id": made.pk})
    text = page.content.decode()
    # Both read as the same request, named and linked alike.
    named = f'<a href="{made.get_absolute_url()}">Request for financial help: Rent or deposit'
    assert text.count(named) == 2
    assert "assistance.request #" not in text
