"""Who may use each URL, in one place.

Every URL name in the project must have a rule here; a URL without one answers 404
(fail closed) and the access test fails. A rule names the roles that may use the URL and,
for URLs about one record, the selector that loads that record scoped to the signed-in
person. Anyone outside that scope gets 404, never 403, so the page does not even admit
that the record exists.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from accounts.models import Role

logger = logging.getLogger(__name__)

DIRECTOR, COACH, FINANCE = Role.DIRECTOR, Role.COACH, Role.FINANCE
BIRTH_PARENT, PARTNER_PARENT, VOLUNTEER = Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER


@dataclass(frozen=True)
class Rule:
    #: None: anyone, signed in or not. An empty set: anyone signed in.
    roles: frozenset[str] | None
    #: For URLs about one record: the selector that loads it for the signed-in person.
    scope: str = ""

    @property
    def public(self) -> bool:
        return self.roles is None

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return not self.roles or user.has_role(*self.roles)


def roles(*names: str, scope: str = "") -> Rule:
    return Rule(roles=frozenset(names), scope=scope)


PUBLIC = Rule(roles=None)
SIGNED_IN = Rule(roles=frozenset())
CASEWORK = (DIRECTOR, COACH)
PARTNERSHIP_MEMBERS = (DIRECTOR, COACH, BIRTH_PARENT, PARTNER_PARENT)
PARENTS = (BIRTH_PARENT, PARTNER_PARENT)

PARTNERSHIP_SCOPE = "partnerships.selectors.partnership_for"
FAMILY_SCOPE = "families.selectors.birth_family_for"
HOME_SCOPE = "families.selectors.partner_home_for"
CHILD_SCOPE = "families.selectors.child_for"
PERSON_SCOPE = "families.selectors.person_for"
SUBMISSION_SCOPE = "intake.selectors.submission_for"
AGREEMENT_SCOPE = "agreements.selectors.partnership_with_agreement_for"
PROFILE_SCOPE = "aboutme.selectors.child_profile_for"
JOURNAL_SCOPE = "journal.selectors.journal_partnership_for"
POST_SCOPE = "journal.selectors.post_for"
PHOTO_SCOPE = "journal.selectors.photo_for"
REVIEW_SCOPE = "journal.selectors.waiting_post_for"
REFERRAL_SCOPE = "referrals.selectors.referral_for"
ASSISTANCE_SCOPE = "assistance.selectors.request_for"
GATHERING_SCOPE = "gatherings.selectors.gathering_for"
TEAM_GATHERING_SCOPE = "gatherings.selectors.team_gathering_for"

RULES: dict[str, Rule] = {
    # core
    "core:home": PUBLIC,  # the program overview for visitors, a home page once signed in
    "core:healthz": PUBLIC,
    "core:set_language": PUBLIC,
    # accounts
    "accounts:sign_in": PUBLIC,
    "accounts:sign_out": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:invitation_accept": PUBLIC,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:invite_person": roles(*CASEWORK, scope="families.selectors.person_invitable_for"),
    "accounts:invite_new": roles(*CASEWORK),
    # audit
    "audit:search": roles(DIRECTOR),
    # families
    "families:family_list": roles(*CASEWORK),
    "families:family_detail": roles(*CASEWORK, scope=FAMILY_SCOPE),
    "families:family_edit": roles(*CASEWORK, scope=FAMILY_SCOPE),
    "families:family_parent_add": roles(*CASEWORK, scope=FAMILY_SCOPE),
    "families:child_add": roles(*CASEWORK, scope=FAMILY_SCOPE),
    "families:home_list": roles(*CASEWORK),
    "families:home_new": roles(*CASEWORK),
    "families:home_detail": roles(*CASEWORK, scope=HOME_SCOPE),
    "families:home_edit": roles(*CASEWORK, scope=HOME_SCOPE),
    "families:home_parent_add": roles(*CASEWORK, scope=HOME_SCOPE),
    "families:person_edit": roles(*CASEWORK, scope=PERSON_SCOPE),
    "families:child_detail": roles(*CASEWORK, scope=CHILD_SCOPE),
    "families:child_edit": roles(*CASEWORK, scope=CHILD_SCOPE),
    "families:placement_add": roles(*CASEWORK, scope=CHILD_SCOPE),
    "families:permanency_add": roles(*CASEWORK, scope=CHILD_SCOPE),
    # partnerships
    "partnerships:list": roles(*CASEWORK),
    "partnerships:new": roles(*CASEWORK),
    "partnerships:detail": roles(*PARTNERSHIP_MEMBERS, scope=PARTNERSHIP_SCOPE),
    "partnerships:edit": roles(*CASEWORK, scope=PARTNERSHIP_SCOPE),
    "partnerships:stage_change": roles(*CASEWORK, scope=PARTNERSHIP_SCOPE),
    "partnerships:coverage": roles(*CASEWORK),
    # agreements: both homes read it; each parent acknowledges and consents for
    # themselves; the coach drafts it and records court orders.
    "agreements:agreement": roles(*PARTNERSHIP_MEMBERS, scope=AGREEMENT_SCOPE),
    "agreements:draft": roles(*CASEWORK, scope=AGREEMENT_SCOPE),
    "agreements:acknowledge": roles(*PARENTS, scope=AGREEMENT_SCOPE),
    "agreements:consent": roles(*PARENTS, scope=AGREEMENT_SCOPE),
    "agreements:restriction_add": roles(*CASEWORK, scope=AGREEMENT_SCOPE),
    "agreements:restriction_end": roles(*CASEWORK, scope=AGREEMENT_SCOPE),
    # All About Me: the child's profile, for both homes and the coach.
    "aboutme:profile": roles(*PARTNERSHIP_MEMBERS, scope=PROFILE_SCOPE),
    "aboutme:edit": roles(*PARTNERSHIP_MEMBERS, scope=PROFILE_SCOPE),
    "aboutme:history": roles(*PARTNERSHIP_MEMBERS, scope=PROFILE_SCOPE),
    "aboutme:print": roles(*PARTNERSHIP_MEMBERS, scope=PROFILE_SCOPE),
    "aboutme:print_all": roles(*PARTNERSHIP_MEMBERS, scope=PARTNERSHIP_SCOPE),
    # journal: both homes and the coach; changing a post is for its author, reviewing
    # for the casework team.
    "journal:feed": roles(*PARTNERSHIP_MEMBERS, scope=JOURNAL_SCOPE),
    "journal:post_new": roles(*PARTNERSHIP_MEMBERS, scope=JOURNAL_SCOPE),
    "journal:review_setting": roles(*CASEWORK, scope=JOURNAL_SCOPE),
    "journal:post": roles(*PARTNERSHIP_MEMBERS, scope=POST_SCOPE),
    "journal:reply": roles(*PARTNERSHIP_MEMBERS, scope=POST_SCOPE),
    "journal:react": roles(*PARTNERSHIP_MEMBERS, scope=POST_SCOPE),
    "journal:post_edit": roles(*PARTNERSHIP_MEMBERS, scope="journal.selectors.own_post_for"),
    "journal:post_withdraw": roles(*PARTNERSHIP_MEMBERS, scope="journal.selectors.own_post_for"),
    "journal:photo_large": roles(*PARTNERSHIP_MEMBERS, scope=PHOTO_SCOPE),
    "journal:photo_small": roles(*PARTNERSHIP_MEMBERS, scope=PHOTO_SCOPE),
    "journal:review": roles(*CASEWORK),
    "journal:review_approve": roles(*CASEWORK, scope=REVIEW_SCOPE),
    "journal:review_return": roles(*CASEWORK, scope=REVIEW_SCOPE),
    # notifications: everyone chooses their own
    "notices:preferences": SIGNED_IN,
    # messages: a parent and the coach, and the two homes when the agreement allows
    "conversations:inbox": roles(*PARTNERSHIP_MEMBERS),
    "conversations:start": roles(*PARTNERSHIP_MEMBERS, scope=JOURNAL_SCOPE),
    "conversations:thread": roles(
        *PARTNERSHIP_MEMBERS, scope="conversations.selectors.conversation_for"
    ),
    # calendar: each person's own; the feed is opened by its secret alone (phones
    # subscribe without signing in), and an unknown or revoked secret answers 404.
    "schedule:agenda": roles(*PARTNERSHIP_MEMBERS),
    "schedule:feed_manage": roles(*PARTNERSHIP_MEMBERS),
    "schedule:feed": PUBLIC,
    "schedule:event_new": roles(*CASEWORK, scope=JOURNAL_SCOPE),
    "schedule:occurrence_change": roles(*CASEWORK, scope="schedule.selectors.event_for"),
    "caseplan:contacts": roles(*CASEWORK, scope="caseplan.selectors.casework_partnership_for"),
    "caseplan:contact_done": roles(*CASEWORK, scope="caseplan.selectors.contact_for"),
    "caseplan:report": roles(*CASEWORK),
    "training:index": SIGNED_IN,
    "training:module": roles(scope="training.selectors.module_for"),
    "training:certificate": roles(scope="training.selectors.module_for"),
    "training:behind": roles(*CASEWORK),
    "training:assign": roles(*CASEWORK, scope="training.selectors.module_for"),
    "training:module_new": roles(DIRECTOR),
    "training:module_edit": roles(DIRECTOR),
    "training:page_new": roles(DIRECTOR),
    "training:page_edit": roles(DIRECTOR),
    # the resource directory: public to read, so families not enrolled can use it; the
    # team curates, imports and exports it (exports name who checked each listing).
    "directory:search": PUBLIC,
    "directory:service": PUBLIC,
    "directory:manage": roles(*CASEWORK),
    "directory:service_new": roles(*CASEWORK),
    "directory:service_edit": roles(*CASEWORK),
    "directory:verify": roles(*CASEWORK),
    "directory:organization_edit": roles(*CASEWORK),
    "directory:export_package": roles(*CASEWORK),
    "directory:export_json": roles(*CASEWORK),
    # referrals: the team refers anyone in their partnerships; a parent refers themself
    # and follows their own; the figures are the director's.
    "referrals:refer": roles(*PARTNERSHIP_MEMBERS),
    "referrals:mine": roles(*PARTNERSHIP_MEMBERS),
    "referrals:referral": roles(*PARTNERSHIP_MEMBERS, scope=REFERRAL_SCOPE),
    "referrals:update": roles(*PARTNERSHIP_MEMBERS, scope=REFERRAL_SCOPE),
    "referrals:figures": roles(DIRECTOR),
    # financial support: the team asks and decides, finance pays, a parent asks for their
    # own home and follows it; funds are for the staff who spend them.
    "assistance:index": roles(*CASEWORK, FINANCE),
    "assistance:fund": roles(DIRECTOR, FINANCE),
    "assistance:request_new": roles(*PARTNERSHIP_MEMBERS, scope=PARTNERSHIP_SCOPE),
    "assistance:request": roles(*PARTNERSHIP_MEMBERS, FINANCE, scope=ASSISTANCE_SCOPE),
    "assistance:decide": roles(*CASEWORK, scope=ASSISTANCE_SCOPE),
    "assistance:submit": roles(*CASEWORK, scope=ASSISTANCE_SCOPE),
    "assistance:mine": roles(*PARENTS),
    "assistance:fund_new": roles(DIRECTOR, FINANCE),
    "assistance:fund_edit": roles(DIRECTOR, FINANCE),
    "assistance:rules": roles(DIRECTOR),
    "assistance:document_add": roles(*PARTNERSHIP_MEMBERS, FINANCE, scope=ASSISTANCE_SCOPE),
    "assistance:document": roles(
        *PARTNERSHIP_MEMBERS, FINANCE, scope="assistance.selectors.document_for"
    ),
    "assistance:report": roles(DIRECTOR, FINANCE),
    "assistance:report_csv": roles(DIRECTOR, FINANCE),
    "assistance:pay": roles(FINANCE, scope=ASSISTANCE_SCOPE),
    "aftercare:schedule": roles(*CASEWORK, scope="caseplan.selectors.casework_partnership_for"),
    "aftercare:check_in": roles(*CASEWORK, scope="aftercare.selectors.follow_up_for"),
    "aftercare:move": roles(*CASEWORK, scope="aftercare.selectors.follow_up_for"),
    "caseplan:plan": roles(
        DIRECTOR, COACH, BIRTH_PARENT, scope="caseplan.selectors.plan_partnership_for"
    ),
    "caseplan:summary_new": roles(*CASEWORK, scope="caseplan.selectors.casework_partnership_for"),
    "caseplan:summary": roles(
        DIRECTOR, COACH, BIRTH_PARENT, scope="caseplan.selectors.summary_for"
    ),
    "caseplan:summary_edit": roles(*CASEWORK, scope="caseplan.selectors.summary_for"),
    "caseplan:step_update": roles(
        DIRECTOR, COACH, BIRTH_PARENT, scope="caseplan.selectors.step_for"
    ),
    "schedule:event_edit": roles(*CASEWORK, scope="schedule.selectors.event_for"),
    "schedule:attendance": roles(*CASEWORK, scope="schedule.selectors.event_for"),
    "schedule:time_zone": roles(*PARTNERSHIP_MEMBERS),
    # gatherings: the listing, each listed gathering's page and calendar, and replying are
    # everyone's (a guest replies with a name and a way to reach them); a reply is opened
    # by the secret in its link alone; organizing, the door and who comes are the team's.
    "gatherings:list": PUBLIC,
    "gatherings:feed": PUBLIC,
    "gatherings:gathering": Rule(roles=None, scope=GATHERING_SCOPE),
    "gatherings:gathering_ics": Rule(roles=None, scope=GATHERING_SCOPE),
    "gatherings:reply": Rule(roles=None, scope=GATHERING_SCOPE),
    "gatherings:registration": PUBLIC,
    "gatherings:registration_cancel": PUBLIC,
    "gatherings:registration_file": PUBLIC,
    "gatherings:new": roles(*CASEWORK),
    "gatherings:attendance": roles(*CASEWORK),
    "gatherings:edit": roles(*CASEWORK, scope=TEAM_GATHERING_SCOPE),
    "gatherings:cancel": roles(*CASEWORK, scope=TEAM_GATHERING_SCOPE),
    "gatherings:organize": roles(*CASEWORK, scope=TEAM_GATHERING_SCOPE),
    "gatherings:check_in": roles(*CASEWORK, scope=TEAM_GATHERING_SCOPE),
    "gatherings:walk_in": roles(*CASEWORK, scope=TEAM_GATHERING_SCOPE),
    "gatherings:share": roles(*CASEWORK, scope=TEAM_GATHERING_SCOPE),
    "gatherings:resource_file": roles(*CASEWORK),
    # intake
    "intake:interest": PUBLIC,
    "intake:contact": PUBLIC,
    "intake:thanks": PUBLIC,
    "intake:queue": roles(*CASEWORK),
    "intake:figures": roles(DIRECTOR),
    "intake:holidays": roles(DIRECTOR),
    "intake:detail": roles(*CASEWORK, scope=SUBMISSION_SCOPE),
    "intake:assign": roles(*CASEWORK, scope=SUBMISSION_SCOPE),
    "intake:attempt": roles(*CASEWORK, scope=SUBMISSION_SCOPE),
    "intake:close": roles(*CASEWORK, scope=SUBMISSION_SCOPE),
    "intake:convert": roles(*CASEWORK, scope=SUBMISSION_SCOPE),
    "intake:link": roles(*CASEWORK, scope=SUBMISSION_SCOPE),
}


def rule_for(view_name: str) -> Rule | None:
    return RULES.get(view_name)


class AccessMiddleware:
    """Enforces RULES before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_name = request.resolver_match.view_name
        rule = rule_for(view_name)
        if rule is None:
            logger.error("No access rule for URL %r; refusing it.", view_name)
            raise Http404
        if rule.public:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rule.allows(request.user):
            raise Http404
        return None
