"""The demo's money: a grant for work and transport, a donors' crisis fund, and requests at
each point, so every screen has something true to show."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from assistance.models import AssistanceRequest, Decision, Entry, Fund, Rules, Source, Status
from assistance.services import document_add
from core.demo_files import one_page_pdf


def load_assistance(today: date, *, coach, director, finance, shared, home_again) -> None:
    Rules.objects.create()
    grant = Fund.objects.create(
        name="Keep Families Working grant",
        source=Source.GRANT,
        budget=Decimal("15000.00"),
        needs=["car_repair", "work_tools", "transportation", "childcare"],
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year + 1, 6, 30),
    )
    Fund.objects.create(
        name="Community crisis fund", source=Source.DONOR, budget=Decimal("4000.00")
    )

    def assistance_request(partnership, by, need, amount, payee, purpose, status, days_ago):
        return AssistanceRequest.objects.create(
            partnership=partnership,
            need=need,
            amount=Decimal(amount),
            payee=payee,
            purpose=purpose,
            due_on=today + timedelta(days=7 - days_ago),
            status=status,
            created_by=by,
            fund=grant if status in (Status.APPROVED, Status.PAID) else None,
            approved_on=today - timedelta(days=days_ago) if status == Status.PAID else None,
            for_work=need in ("car_repair", "work_tools", "license"),
        )

    # Ana's brakes: without the car she loses the early shift. Approved and paid.
    brakes = assistance_request(
        shared,
        coach,
        "car_repair",
        "412.50",
        "Eastside Auto Repair",
        "Ana drives to the 6 a.m. shift at the bakery; the bus starts at 7.",
        Status.PAID,
        20,
    )
    Decision.objects.create(
        request=brakes,
        by=director,
        approved=True,
        fund=grant,
        reason="Quote checked against a second shop; keeps her job.",
    )
    Entry.objects.create(
        fund=grant,
        request=brakes,
        amount=brakes.amount,
        method="check",
        number="2041",
        paid_on=today - timedelta(days=18),
        payee=brakes.payee,
        by=finance,
    )
    _quote(brakes, coach)
    # Keisha asked herself for help with the light bill, after the move home; her
    # coach will shape it with her and send it for a decision.
    keisha = home_again.birth_family.parents.select_related("user").get().user
    bill = assistance_request(
        home_again,
        keisha,
        "utilities",
        "186.20",
        "Austin Energy",
        "Jalen's first winter home: the heat must stay on.",
        Status.DRAFT,
        2,
    )
    _bill_photo(bill, keisha)


def _quote(brakes, coach) -> None:
    """The shop's quote, as a one-page PDF."""
    body = one_page_pdf("Eastside Auto Repair - front brakes: 412.50")
    quote = SimpleUploadedFile("quote.pdf", body, "application/pdf")
    document_add(actor=coach, assistance_request=brakes, kind="quote", upload=quote)


def _bill_photo(bill, keisha) -> None:
    """Keisha's phone photo of the bill."""
    picture = Image.new("RGB", (480, 640), (250, 250, 245))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 60, 440, 120), fill=(230, 120, 40))
    draw.text((60, 160), "Austin Energy - amount due 186.20", fill=(20, 20, 20))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    photo = SimpleUploadedFile("bill.png", buffer.getvalue(), "image/png")
    document_add(actor=keisha, assistance_request=bill, kind="bill", upload=photo)
