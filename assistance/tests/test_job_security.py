"""Help that keeps a parent's job: the tick on the request, and the money reported as
"Job security" on the spending report, the fund's ledger and its CSV."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.models import AssistanceRequest, Need

pytestmark = pytest.mark.django_db


def test_the_needs_that_keep_a_job_are_there_to_choose():
    assert Need.LICENSE.label == "A license or certification for work"
    assert Need.WORK_TOOLS.label == "Work clothes, tools or uniforms"
    assert {Need.CAR_REPAIR, Need.CHILDCARE, Need.TRANSPORTATION} <= set(Need)


def test_a_parent_ticks_that_the_help_keeps_her_job_and_her_coach_reads_it(
    client_for, coach, birth_parent, partnership, rules
):
    url = reverse("assistance:request_new", args=[partnership.pk])
    form = client_for(birth_parent).get(url).context["form"]
    assert form.fields["for_work"].label == "This helps me keep my job"
    assert client_for(coach).get(url).context["form"].fields["for_work"].label == (
        "This helps the parent keep a job"
    )
    client_for(birth_parent).post(
        url,
        {
            "need": "license",
            "for_work": "on",
            "amount": "85",
            "payee_kind": "vendor",
            "payee": "Texas Department of Licensing",
            "due_on": (timezone.localdate() + timedelta(days=9)).isoformat(),
            "purpose": "My food handler's certificate runs out.",
        },
    )
    made = AssistanceRequest.objects.get()
    assert made.for_work and made.need == "license"
    page = client_for(coach).get(made.get_absolute_url()).content.decode()
    assert "Job security" in page and "This helps keep a job." in page


def test_the_spending_report_the_ledger_and_its_csv_report_the_job_security_paid(
    client_for, coach, director, finance, partnership, fund, rules
):
    from assistance.services import payment_record, request_create, request_decide

    day = timezone.localdate()
    for need, amount, for_work in (("car_repair", "412.50", True), ("transportation", "40", False)):
        made = request_create(
            actor=coach,
            partnership=partnership,
            data={
                "need": need,
                "amount": amount,
                "payee": "Eastside Auto Repair",
                "due_on": day,
                "purpose": "To the early shift.",
                "for_work": for_work,
            },
        )
        request_decide(
            actor=director, assistance_request=made, approve=True, reason="ok", fund=fund
        )
        payment_record(
            actor=finance, assistance_request=made, method="check", number="", paid_on=day, key=need
        )
    report = client_for(finance).get(reverse("assistance:report")).content.decode()
    assert "$452.50 paid this year." in report
    assert "Of it, $412.50 for job security" in report
    ledger = client_for(finance).get(reverse("assistance:fund", args=[fund.pk]))
    assert ledger.context["job_security"] == 412.5
    assert ledger.content.decode().count('<span class="badge">Job security</span>') == 1
    csv = client_for(finance).get(reverse("assistance:report_csv"), {"year": day.year})
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].endswith(",job_security")
    assert sorted(line.rsplit(",", 1)[1] for line in lines[1:]) == ["no", "yes"]
