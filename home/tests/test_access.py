"""Every URL, walked as every demo persona.

The access module (core/access.py) declares who may use each URL. This test restates the
intended access independently, walks every URL as every persona with a record from their
own partnership and one from somebody else's, and fails when a URL has no rule, when the
two disagree, or when anyone reaches what they should not. Outsiders get 404, never 403.
"""

from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from accounts.testing import sign_in_client
from aftercare.models import FollowUp
from assistance.models import AssistanceRequest, Document, Fund
from audit.models import AuditEntry
from caseplan.models import Contact, CourtSummary, Step
from conversations.models import Conversation
from core.access import RULES
from directory.models import Service, ServiceAtLocation
from directory.needs import TAXONOMY_ID as NEEDS_TAXONOMY_ID
from directory.needs import term_id as need_term_id
from families.models import BirthFamily, Child, PartnerHome, Person
from gatherings.models import Gathering, Resource
from home.demo import DEMO_PASSWORD
from intake.models import Submission
from journal.models import Photo, Post
from letters.models import Letter
from partnerships.models import Partnership
from referrals.models import Referral
from schedule.models import Event
from training.models import Module, Page
from transition.models import Item as PlanItem
from transition.models import Step as PlanStep
from voice.models import Recording
from work.models import Shift

PERSONAS = {
    "anonymous": None,
    "director": "director@example.org",
    "coach": "coach@example.org",
    "finance": "finance@example.org",
    "birth_parent": "birth.parent@example.org",
    "partner_parent": "partner.parent@example.org",
    "outsider": "outsider.parent@example.org",
    "volunteer": "volunteer@example.org",
}
EVERYONE_SIGNED_IN = set(PERSONAS) - {"anonymous"}
CASEWORK = {"director", "coach"}
PARENT_PERSONAS = {"birth_parent", "partner_parent", "outsider"}
MEMBERS = CASEWORK | PARENT_PERSONAS

# Who is meant to reach each URL, written out independently of core/access.py.
PUBLIC_URLS = {
    "schedule:feed",
    "home:home",
    "intake:interest",
    "intake:contact",
    "intake:thanks",
    "core:healthz",
    # The installable app: its manifest and service worker are the same for everyone.
    "pwa:manifest",
    "pwa:service_worker",
    "accounts:set_language",
    "accounts:sign_in",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation_accept",
    # Signing in with a passkey starts before anyone is signed in.
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
    # The resource directory is for everyone, enrolled or not.
    "directory:search",
    "directory:service",
    # The HSDS API reads the public directory, for other programs.
    "hsds:about",
    "hsds:services",
    "hsds:service",
    "hsds:service_at_locations",
    "hsds:service_at_location",
    "hsds:organizations",
    "hsds:organization",
    "hsds:taxonomies",
    "hsds:taxonomy",
    "hsds:taxonomy_terms",
    "hsds:taxonomy_term",
    # Gatherings are public, and a guest replies without an account; a reply is opened
    # by the secret in its link alone.
    "gatherings:list",
    "gatherings:feed",
    "gatherings:gathering",
    "gatherings:gathering_ics",
    "gatherings:reply",
    "gatherings:registration",
    "gatherings:registration_cancel",
    "gatherings:registration_file",
    # Twilio's webhooks: open to anyone, refused (403) without Twilio's signature.
    "texts:incoming",
    "texts:status",
}
INTENDED = {
    "accounts:sign_out": EVERYONE_SIGNED_IN,
    "accounts:password_change": EVERYONE_SIGNED_IN,
    "accounts:password_change_done": EVERYONE_SIGNED_IN,
    "accounts:settings": EVERYONE_SIGNED_IN,
    "accounts:second_factor": EVERYONE_SIGNED_IN,
    "accounts:security": EVERYONE_SIGNED_IN,
    "accounts:factor_setup": EVERYONE_SIGNED_IN,
    "accounts:app_remove": EVERYONE_SIGNED_IN,
    "accounts:backup_codes": EVERYONE_SIGNED_IN,
    "accounts:passkey_remove": EVERYONE_SIGNED_IN,
    "accounts:confirm_identity": EVERYONE_SIGNED_IN,
    "otp_webauthn:credential-registration-begin": EVERYONE_SIGNED_IN,
    "otp_webauthn:credential-registration-complete": EVERYONE_SIGNED_IN,
    "accounts:sessions": EVERYONE_SIGNED_IN,
    "accounts:session_end": EVERYONE_SIGNED_IN,
    "accounts:sessions_end_others": EVERYONE_SIGNED_IN,
    "accounts:session_stay": EVERYONE_SIGNED_IN,
    "accounts:device_shared": EVERYONE_SIGNED_IN,
    "home:more": EVERYONE_SIGNED_IN,
    "accounts:invite_new": CASEWORK,
    "accounts:invite_person": CASEWORK,
    "accounts:locked_list": {"director"},
    "accounts:factors_reset": {"director"},
    "accounts:unlock": {"director"},
    "audit:search": {"director"},
    # A family's whole record, its export and closure are the director's (decision 0019).
    "families:records_due": {"director"},
    "families:records": {"director"},
    "families:records_download": {"director"},
    "families:records_close": {"director"},
    "intake:figures": {"director"},
    "intake:holidays": {"director"},
    "partnerships:detail": MEMBERS,
    "agreements:agreement": MEMBERS,
    "agreements:acknowledge": PARENT_PERSONAS,
    "agreements:consent": PARENT_PERSONAS,
    "aboutme:profile": MEMBERS,
    "aboutme:edit": MEMBERS,
    "aboutme:history": MEMBERS,
    "aboutme:print": MEMBERS,
    "aboutme:print_all": MEMBERS,
    "journal:mine": PARENT_PERSONAS,
    "journal:feed": MEMBERS,
    "conversations:inbox": MEMBERS,
    "conversations:start": MEMBERS,
    "conversations:thread": MEMBERS,
    "notices:preferences": EVERYONE_SIGNED_IN,
    "notices:devices": EVERYONE_SIGNED_IN,
    "notices:device_subscribe": EVERYONE_SIGNED_IN,
    "notices:device_remove": EVERYONE_SIGNED_IN,
    "schedule:agenda": MEMBERS,
    "schedule:feed_manage": MEMBERS,
    "schedule:time_zone": MEMBERS,
    "schedule:event": MEMBERS,
    # The case plan is the birth family's: the partner home never reaches it.
    "caseplan:plan": CASEWORK | {"birth_parent", "outsider"},
    "caseplan:step_update": CASEWORK | {"birth_parent", "outsider"},
    "caseplan:summary": CASEWORK | {"birth_parent", "outsider"},
    # A letter to an employer is the birth parent's: she asks and approves, her coach
    # drafts and prints; the partner home never reaches it.
    "letters:letters": CASEWORK | {"birth_parent", "outsider"},
    "letters:letter_new": CASEWORK | {"birth_parent", "outsider"},
    "letters:letter": CASEWORK | {"birth_parent", "outsider"},
    "letters:letter_pdf": CASEWORK | {"birth_parent", "outsider"},
    "letters:approve": {"birth_parent", "outsider"},
    "training:index": EVERYONE_SIGNED_IN,
    "training:module": EVERYONE_SIGNED_IN,
    "training:certificate": EVERYONE_SIGNED_IN,
    "training:behind": CASEWORK,
    "training:assign": CASEWORK,
    "training:module_new": {"director"},
    "training:module_edit": {"director"},
    "training:page_new": {"director"},
    "training:page_edit": {"director"},
    "journal:post_new": MEMBERS,
    "journal:post": MEMBERS,
    "journal:reply": MEMBERS,
    "journal:react": MEMBERS,
    "journal:post_edit": MEMBERS,
    "journal:post_withdraw": MEMBERS,
    "journal:photo_large": MEMBERS,
    "journal:photo_small": MEMBERS,
    "referrals:refer": MEMBERS,
    "referrals:mine": MEMBERS,
    "referrals:referral": MEMBERS,
    "referrals:update": MEMBERS,
    "referrals:figures": {"director"},
    "assistance:index": CASEWORK | {"finance"},
    "assistance:fund": {"director", "finance"},
    "assistance:request_new": MEMBERS,
    "assistance:request": MEMBERS | {"finance"},
    "assistance:decide": CASEWORK,
    "assistance:submit": CASEWORK,
    "assistance:mine": PARENT_PERSONAS,
    "assistance:fund_new": {"director", "finance"},
    "assistance:fund_edit": {"director", "finance"},
    "assistance:rules": {"director"},
    "assistance:document_add": MEMBERS | {"finance"},
    "assistance:document": MEMBERS | {"finance"},
    "assistance:report": {"director", "finance"},
    "assistance:report_csv": {"director", "finance"},
    "assistance:pay": {"finance"},
    "outcomes:dashboard": {"director", "coach", "finance"},
    "outcomes:table_csv": {"director", "finance"},
    "outcomes:report": {"director", "finance"},
    "outcomes:report_pdf": {"director", "finance"},
    "outcomes:behind": {"director", "coach"},
    # The road home: both homes and the coach share the plan; each home answers for itself
    # whether it wants to stay in touch.
    "transition:plan": MEMBERS,
    "transition:item": MEMBERS,
    "transition:keep_in_touch": PARENT_PERSONAS,
    # Voice recordings: the homes record and play them as the agreement allows; the team
    # shares or returns them (voice:review, share and return go by the prefix).
    "voice:new": MEMBERS,
    "voice:recording": MEMBERS,
    "voice:audio": MEMBERS,
    "voice:words": MEMBERS,
    "voice:remove": MEMBERS,
    # The life book: both homes and the coach choose and print; each home says it has
    # seen the choice; the coach offers it at reunification, the birth parent answers.
    "lifebook:book": MEMBERS,
    "lifebook:pick": MEMBERS,
    "lifebook:unpick": MEMBERS,
    "lifebook:seen": PARENT_PERSONAS,
    "lifebook:pdf": MEMBERS,
    "lifebook:photos": MEMBERS,
    "lifebook:offer": CASEWORK,
    "lifebook:partner_copy": {"birth_parent", "outsider"},
    # Work shifts: each parent her own; the team reads when a partnership's parents work.
    "work:shifts": PARENT_PERSONAS,
    "work:shift_new": PARENT_PERSONAS,
    "work:week": PARENT_PERSONAS,
    "work:shift": PARENT_PERSONAS,
    "work:partnership": CASEWORK,
} | {name: set(PERSONAS) for name in PUBLIC_URLS}
CASEWORK_PREFIXES = (
    "families:",
    "partnerships:",
    "intake:",
    "agreements:",
    "journal:",
    "schedule:",
    "caseplan:",
    "aftercare:",
    "directory:",
    "gatherings:",
    "transition:",
    "voice:",
)
# Changing a post is for its author alone: Jenna wrote "ours", Keisha "theirs".
AUTHOR_ONLY = {"journal:post_edit", "journal:post_withdraw", "training:certificate"}
AUTHORS = {"ours": "partner_parent", "theirs": "outsider"}
# A recording's words are its author's to write (Ana sang "ours", Keisha recorded "theirs");
# its author or the team take it down.
RECORDING_AUTHORS = {"ours": "birth_parent", "theirs": "outsider"}

# The record each persona may see, by kind: "ours" is the Morales–Carter partnership's
# (Ana, Jenna, Marisol), "theirs" the Brown–Okafor one's (Keisha; coached by the director).
SEES = {
    "director": {"ours", "theirs"},
    "coach": {"ours"},
    "birth_parent": {"ours"},
    "partner_parent": {"ours"},
    "outsider": {"theirs"},
}
# Coaches match homes to families, so every partner home is open to every coach; triage is
# the whole team's work, so every interest form is too.
SEES_HOMES = {"director": {"ours", "theirs"}, "coach": {"ours", "theirs"}}
SHARED_BY_THE_TEAM = {"home_id", "submission_id"}
# Modules go by role: "ours" is for partner parents (Jenna finished it), "theirs" for birth
# parents (Keisha finished it); the team opens any.
SEES_MODULES = {
    "director": {"ours", "theirs"},
    "coach": {"ours", "theirs"},
    "partner_parent": {"ours"},
    "birth_parent": {"theirs"},
    "outsider": {"theirs"},
}
BY_ROLE = {"module_id", "page_id"}
# A listing in the directory is public: anyone who may use the URL reaches any listing.
PUBLIC_RECORDS = {
    "service_id",
    "organization_id",
    "fund_id",
    "gathering_id",
    "resource_id",
    "service_at_location_id",
    "taxonomy_id",
    "taxonomy_term_id",
}
# A request for money is its home's: Ana's brakes ("ours") never reach Jenna; finance and
# the director see every request, a coach their caseload's.
SEES_REQUESTS = {
    "director": {"ours", "theirs"},
    "finance": {"ours", "theirs"},
    "coach": {"ours"},
    "birth_parent": {"ours"},
    "outsider": {"theirs"},
}
# A shift is its parent's alone: Ana's ("ours") never reaches Jenna, nor the team's pages.
SEES_SHIFTS = {"birth_parent": {"ours"}, "outsider": {"theirs"}}
# A referral is the referred person's: Ana's ("ours") never reaches Jenna, the other home.
SEES_REFERRALS = {
    "director": {"ours", "theirs"},
    "coach": {"ours"},
    "birth_parent": {"ours"},
    "outsider": {"theirs"},
}


def intended_personas(view_name: str) -> set[str]:
    if view_name in INTENDED:
        return INTENDED[view_name]
    if view_name.startswith(CASEWORK_PREFIXES):
        return CASEWORK
    raise AssertionError(f"Say in this test who may use {view_name}.")


def all_url_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from all_url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def records():
    ours = Partnership.objects.get(birth_family__name="Morales family")
    theirs = Partnership.objects.get(birth_family__name="Brown family")
    return {
        "partnership_id": {"ours": ours.pk, "theirs": theirs.pk},
        "family_id": {"ours": ours.birth_family_id, "theirs": theirs.birth_family_id},
        "home_id": {"ours": ours.partner_home_id, "theirs": theirs.partner_home_id},
        "child_id": {
            "ours": Child.objects.get(first_name="Sofía").pk,
            "theirs": Child.objects.get(first_name="Jalen").pk,
        },
        "person_id": {
            "ours": Person.objects.get(first_name="Ana").pk,
            "theirs": Person.objects.get(first_name="Keisha").pk,
        },
        "post_id": {
            "ours": Post.objects.get(text__startswith="There they are").pk,
            "theirs": Post.objects.get(text__startswith="First day").pk,
        },
        "photo_id": {
            "ours": Photo.objects.get(post__text__startswith="There they are").pk,
            "theirs": Photo.objects.get(post__text__startswith="First day").pk,
        },
        "conversation_id": {
            "ours": Conversation.objects.get(kind="homes").pk,
            "theirs": Conversation.objects.get(kind="coach").pk,
        },
        "event_id": {
            "ours": Event.objects.get(title="Family time").pk,
            "theirs": Event.objects.get(title="Check-in at home").pk,
        },
        "contact_id": {
            "ours": Contact.objects.get(kind="icebreaker").pk,
            "theirs": Contact.objects.get(partnership__birth_family__name="Brown family").pk,
        },
        "step_id": {
            "ours": Step.objects.get(text__startswith="Pay the reinstatement").pk,
            "theirs": Step.objects.get(goal__partnership__birth_family__name="Brown family").pk,
        },
        "plan_step_id": {
            "ours": PlanStep.objects.filter(plan__partnership=ours).first().pk,
            "theirs": PlanStep.objects.filter(plan__partnership=theirs).first().pk,
        },
        "plan_item_id": {
            "ours": PlanItem.objects.filter(plan__partnership=ours, side="partner").first().pk,
            "theirs": PlanItem.objects.filter(plan__partnership=theirs).first().pk,
        },
        "follow_up_id": {
            # Ana's family is not home yet: a check-in made for the test.
            "ours": FollowUp.objects.get_or_create(partnership=ours, due_on=date(2027, 1, 4))[0].pk,
            "theirs": FollowUp.objects.filter(partnership__birth_family__name="Brown family")
            .first()
            .pk,
        },
        "module_id": {
            "ours": Module.objects.get(title="Trauma-informed parenting").pk,
            "theirs": Module.objects.get(title="Working your service plan").pk,
        },
        "page_id": {
            "ours": Page.objects.get(title="Behavior is a message").pk,
            "theirs": Page.objects.get(title="One step at a time").pk,
        },
        "summary_id": {
            "ours": CourtSummary.objects.get(partnership=ours).pk,
            "theirs": CourtSummary.objects.get(partnership=theirs).pk,
        },
        "letter_id": {
            # Ana's approved letter for her manager; Keisha's made for the test.
            "ours": Letter.objects.get(partnership=ours).pk,
            "theirs": Letter.objects.get_or_create(
                partnership=theirs,
                person=Person.objects.get(first_name="Keisha"),
                defaults={
                    "starts_on": date(2027, 1, 4),
                    "ends_on": date(2027, 2, 4),
                    "signer_id": theirs.coach_id,
                    "created_by_id": theirs.coach_id,
                    "approved_at": datetime(2027, 1, 4, tzinfo=UTC),
                },
            )[0].pk,
        },
        "recording_id": {
            "ours": Recording.objects.get(purpose="song", child__first_name="Sofía").pk,
            "theirs": Recording.objects.get(child__first_name="Jalen").pk,
        },
        "service_id": {"listed": Service.objects.get(name="Family Rapid Rehousing").pk},
        "service_at_location_id": {
            "listed": ServiceAtLocation.objects.filter(service__name="Family Rapid Rehousing")
            .first()
            .pk
        },
        "taxonomy_id": {"listed": NEEDS_TAXONOMY_ID},
        "taxonomy_term_id": {"listed": need_term_id("housing")},
        "organization_id": {
            "listed": Service.objects.get(name="Family Rapid Rehousing").organization_id
        },
        "referral_id": {
            "ours": Referral.objects.get(service__name="Family Rapid Rehousing").pk,
            "theirs": Referral.objects.get(service__name="Reduced Fare Bus Pass").pk,
        },
        "assistance_request_id": {
            "ours": AssistanceRequest.objects.get(need="car_repair").pk,
            "theirs": AssistanceRequest.objects.get(need="utilities").pk,
        },
        "fund_id": {"listed": Fund.objects.get(source="grant").pk},
        "gathering_id": {"listed": Gathering.objects.get(title="Holidays in two homes").pk},
        "resource_id": {"listed": Resource.objects.get(kind="file").pk},
        "document_id": {
            "ours": Document.objects.get(request__need="car_repair").pk,
            "theirs": Document.objects.get(request__need="utilities").pk,
        },
        "user_id": {"ours": User.objects.get(email=PERSONAS["volunteer"]).pk},
        "shift_id": {
            "ours": Shift.objects.filter(user__person__first_name="Ana").first().pk,
            "theirs": Shift.objects.filter(user__person__first_name="Keisha").first().pk,
        },
        "submission_id": {
            "ours": Submission.objects.get(first_name="Lucía").pk,
            "theirs": Submission.objects.get(first_name="Grace").pk,
        },
    }


def url_cases():
    """(view name, url, which record or None) for every URL, with each record it takes."""
    samples = records()
    for view_name, pattern in all_url_patterns():
        params = list(pattern.pattern.converters) or []
        if not params:
            yield view_name, reverse(view_name), None
        elif "secret" in params:  # a feed or a reply's link: a made-up secret opens nothing
            kwargs = {param: samples[param]["listed"] for param in params if param != "secret"}
            url = reverse(view_name, kwargs={"secret": "made-up", **kwargs})
            yield view_name, url, ("secret", "none")
        elif params == ["passkey_id"]:  # one's own passkey: a made-up one is nobody's
            yield view_name, reverse(view_name, kwargs={"passkey_id": 999}), ("passkey_id", "none")
        elif set(params) <= {"uidb64", "token"}:
            yield view_name, reverse(view_name, kwargs={"uidb64": "MQ", "token": "bad-token"}), None
        else:
            (param,) = params
            for which, pk in samples[param].items():
                yield view_name, reverse(view_name, kwargs={param: pk}), (param, which)


@pytest.fixture
def clients(demo):
    signed_in = {}
    for persona, email in PERSONAS.items():
        client = Client()
        if email:
            assert client.login(username=email, password=DEMO_PASSWORD)
            sign_in_client(client, User.objects.get(email=email))
        signed_in[persona] = client
    return signed_in


def expected_to_reach(persona, view_name, record) -> bool:
    if persona not in intended_personas(view_name):
        return False
    if record is None:
        return True
    param, which = record
    if param == "passkey_id":
        return False  # nobody holds passkey 999
    if param == "secret":
        return False  # nobody reaches a feed without its real secret
    if view_name in AUTHOR_ONLY:
        return AUTHORS[which] == persona
    if view_name == "voice:words":
        return RECORDING_AUTHORS[which] == persona
    if view_name == "voice:remove":
        return RECORDING_AUTHORS[which] == persona or (
            persona in CASEWORK and which in SEES[persona]
        )
    if param in BY_ROLE:
        return which in SEES_MODULES.get(persona, set())
    if param in PUBLIC_RECORDS:
        return True
    if param == "shift_id":
        return which in SEES_SHIFTS.get(persona, set())
    if param == "referral_id":
        return which in SEES_REFERRALS.get(persona, set())
    if param in ("assistance_request_id", "document_id"):
        return which in SEES_REQUESTS.get(persona, set())
    visible = SEES_HOMES if param in SHARED_BY_THE_TEAM else SEES
    return which in visible.get(persona, set())


def test_every_url_has_an_access_rule(demo):
    names = {name for name, _ in all_url_patterns()}
    assert names - set(RULES) == set(), "URLs without a rule in core/access.py"
    assert set(RULES) - names == set(), "rules for URLs that no longer exist"


def test_the_declared_rules_match_who_is_meant_to_use_each_url(demo):
    from core.access import BIRTH_PARENT, COACH, DIRECTOR, FINANCE, PARTNER_PARENT, VOLUNTEER

    persona_roles = {
        "director": {DIRECTOR, COACH},
        "coach": {COACH},
        "finance": {FINANCE},
        "birth_parent": {BIRTH_PARENT},
        "partner_parent": {PARTNER_PARENT},
        "outsider": {BIRTH_PARENT},
        "volunteer": {VOLUNTEER},
    }
    for view_name, rule in RULES.items():
        declared = {"anonymous"} if rule.public else set()
        for persona, held in persona_roles.items():
            if rule.public or not rule.roles or rule.roles & held:
                declared.add(persona)
        assert declared == intended_personas(view_name), view_name


# Names only the demo's family records carry: its children and its families' surnames.
FAMILY_NAMES = ("Sofía", "Mateo", "Jalen", "Morales", "Delgado")


def shows_family_data(response) -> bool:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return False
    page = response.content.decode()
    return any(name in page for name in FAMILY_NAMES)


def test_every_url_as_every_persona_answers_only_what_it_should(clients):
    """And every page that shows family data writes a read entry while it is shown: a
    record's page by its rule's load, a list by its rule's `lists` (decision 0022)."""
    checked = 0
    unread = []
    for view_name, url, record in url_cases():
        for persona, client in clients.items():
            read_before = AuditEntry.objects.filter(action="viewed").count()
            response = client.get(url)
            status = response.status_code
            where = f"{persona} GET {url} ({view_name}) answered {status}"
            assert status < 500, where
            read = AuditEntry.objects.filter(action="viewed").count() > read_before
            if shows_family_data(response) and not read:
                unread.append(where)
            if expected_to_reach(persona, view_name, record):
                assert status in (200, 302, 405), where
                if status == 302:
                    assert (
                        not urlsplit(response["Location"]).path.startswith(
                            reverse("accounts:sign_in")
                        )
                        or view_name in PUBLIC_URLS
                    ), where
            elif persona == "anonymous" and not (record and record[0] == "secret"):
                assert status == 302, where
                assert urlsplit(response["Location"]).path == reverse("accounts:sign_in"), where
            else:
                assert status == 404, where
            checked += 1
    assert checked > 8 * 40
    assert unread == [], "Pages that show family data without a read entry:\n" + "\n".join(unread)


def test_an_outsider_cannot_change_anything_in_another_partnership(clients):
    outsider = clients["outsider"]
    coach_only_changes = [
        (view_name, url) for view_name, url, record in url_cases() if record and record[1] == "ours"
    ]
    changes = AuditEntry.objects.filter(action__in=["created", "changed", "removed", "invited"])
    before = changes.count()
    for view_name, url in coach_only_changes:
        response = outsider.post(url, {"name": "Taken over", "stage": "closed"})
        assert response.status_code == 404, f"outsider POST {url} ({view_name})"
    assert changes.count() == before
    # Each attempt is one refusal in the trail, by its URL's name and never the id tried.
    refusals = AuditEntry.objects.filter(action="refused", actor__email=PERSONAS["outsider"])
    assert refusals.count() == len(coach_only_changes)
    assert {r.record_id for r in refusals} == {name for name, _ in coach_only_changes}
    assert {r.path for r in refusals} == {""}
    assert not BirthFamily.objects.filter(name="Taken over").exists()
    assert not PartnerHome.objects.filter(name="Taken over").exists()
    assert Partnership.objects.get(birth_family__name="Morales family").stage == "active"


def test_a_coach_cannot_see_a_partnership_that_is_not_theirs(clients):
    theirs = Partnership.objects.get(birth_family__name="Brown family")
    response = clients["coach"].get(reverse("partnerships:detail", args=[theirs.pk]))
    assert response.status_code == 404
    assert b"Keisha" not in response.content
