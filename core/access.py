"""Who may use each URL, and how its record is loaded, in one place.

Every URL name in the project must have a rule here; a URL without one answers 404
(fail closed) and the access test fails. A rule names the roles that may use the URL and,
for URLs about one record, how that record is loaded for the person asking (`Load`). The
middleware loads it before the view runs, answers 404 when it is not theirs (never 403, so
the page does not even admit that the record exists), announces the reading so the audit
trail records it, and hands the view the record instead of its id. A view cannot forget
either step, because it never sees the id (docs/decisions/0003, 0014).
"""

import functools
import logging
from dataclasses import dataclass, replace

from django.contrib.auth.views import redirect_to_login
from django.dispatch import Signal
from django.http import Http404
from django.utils.module_loading import import_string

from core.roles import CASEWORK, Role
from core.security import SecurityEvent, security_event_announce

logger = logging.getLogger(__name__)

DIRECTOR, COACH, FINANCE = Role.DIRECTOR, Role.COACH, Role.FINANCE
BIRTH_PARENT, PARTNER_PARENT, VOLUNTEER = Role.BIRTH_PARENT, Role.PARTNER_PARENT, Role.VOLUNTEER

#: Sent each time a rule loads an audited record for someone: `user`, `record` and
#: `fields` (which reading of the record, when one record is read in several ways).
#: The audit trail listens (audit/apps.py); core knows nothing of it.
record_read = Signal()
#: Sent once for each page shown by a URL whose rule says it lists records (`lists`):
#: `user`, `model` (the listed model's label) and `filters` ("name=value" of the query
#: string, cut short). One entry a page, whatever the number of rows (decision 0022).
list_read = Signal()

#: How much of a page's query string a list's entry keeps: what was asked, not a copy.
FILTERS_KEPT, FILTER_LENGTH = 10, 40

#: A rule's selector path, resolved once per process rather than on every request.
_selector = functools.cache(import_string)


@dataclass(frozen=True)
class Load:
    """How a URL's record is loaded for the person asking.

    `selector` is the dotted path of a function `(user, key) -> record` that raises Http404
    outside the person's scope; the view receives the record as its argument `name`.
    Reading is audited unless `audit` is False, which a rule says only for records anyone
    may read or that are shown inside another audited page, with its reason beside it.
    `key` names the URL argument the record is loaded by when the URL carries another one
    too (a handout within a reply): the view receives that other argument as it is and
    looks it up within the record.
    """

    selector: str
    name: str
    audit: bool = True
    fields: tuple[str, ...] = ()
    key: str = ""

    def noting(self, *fields: str) -> "Load":
        """The same load, its read audit naming which reading of the record this is."""
        return replace(self, fields=fields)

    def unaudited(self) -> "Load":
        return replace(self, audit=False)

    def __call__(self, user, key):
        return _selector(self.selector)(user, key)


@dataclass(frozen=True)
class Rule:
    #: None: anyone, signed in or not. An empty set: anyone signed in.
    roles: frozenset[str] | None
    #: For URLs about one record: how it is loaded for the person asking.
    load: Load | None = None
    #: For pages that list records of family data: the listed model's label. Each page
    #: shown writes one read entry naming it and the filters asked for.
    lists: str = ""

    @property
    def public(self) -> bool:
        return self.roles is None

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated:
            return False
        return not self.roles or user.has_role(*self.roles)


def roles(*names: str, load: Load | None = None, lists: str = "") -> Rule:
    return Rule(roles=frozenset(names), load=load, lists=lists)


def anyone(*, load: Load) -> Rule:
    """Public, about one record that anyone may read."""
    return Rule(roles=None, load=load)


PUBLIC = Rule(roles=None)
SIGNED_IN = Rule(roles=frozenset())
PARTNERSHIP_MEMBERS = (DIRECTOR, COACH, BIRTH_PARENT, PARTNER_PARENT)
PARENTS = (BIRTH_PARENT, PARTNER_PARENT)

PARTNERSHIP = Load("partnerships.selectors.partnership_for", "partnership")
FAMILY = Load("families.selectors.birth_family_for", "family")
HOME = Load("families.selectors.partner_home_for", "home")
CHILD = Load("families.selectors.child_for", "child")
PERSON = Load("families.selectors.person_for", "person")
SUBMISSION = Load("intake.selectors.submission_for", "submission")
AGREEMENT = Load("agreements.selectors.partnership_with_agreement_for", "partnership").noting(
    "agreement"
)
PROFILE = Load("aboutme.selectors.child_profile_for", "child").noting("about_me")
# A partnership a person exchanges news in: its journal, messages, calendar, the children's
# profiles printed together.
EXCHANGE = Load("partnerships.selectors.exchange_partnership_for", "partnership")
# The journal's pages need the partnership's parents alone (its Sharing).
JOURNAL = Load(
    "partnerships.selectors.exchange_partnership_with_parents_for", "partnership"
).noting("journal")
POST = Load("journal.selectors.post_for", "post")
OWN_POST = Load("journal.selectors.own_post_for", "post")
PHOTO = Load("journal.selectors.photo_for", "photo")
REVIEW = Load("journal.selectors.waiting_post_for", "post")
REFERRAL = Load("referrals.selectors.referral_for", "referral")
ASSISTANCE = Load("assistance.selectors.request_for", "assistance_request")
# A fund's pages are for the director and finance: its ledger names families and payments.
FUND = Load("assistance.selectors.fund_for", "fund")
CASEWORK_PARTNERSHIP = Load("partnerships.selectors.casework_partnership_for", "partnership")
CONTACT = Load("caseplan.selectors.contact_for", "contact")
PLAN = Load("caseplan.selectors.plan_partnership_for", "partnership")
SUMMARY = Load("caseplan.selectors.summary_for", "summary")
STEP = Load("caseplan.selectors.step_for", "step")
# Training modules are the program's own teaching pages, the same for everyone who takes
# them, and a certificate is the person's own: reading them is not a case record's reading.
# A passkey is one's own sign-in, not a family's record.
PASSKEY = Load("accounts.factors.passkey_for", "passkey").unaudited()
MODULE = Load("training.selectors.module_for", "module").unaudited()
MODULE_TO_EDIT = Load("training.selectors.module_to_edit", "module").unaudited()
CERTIFICATE = Load("training.selectors.own_completion_for", "completion").unaudited()
# A listing is public, the same for whoever reads it, and so is its organization: reading
# one, to show it or for the team to change or check it, is nobody's record.
LISTING = Load("directory.selectors.listing_for", "listing").unaudited()
ORGANIZATION = Load("directory.selectors.organization_for", "organization").unaudited()
# The HSDS API's records are the public directory's (active listings, their organizations,
# the taxonomies): nobody's record, like a listing's page.
HSDS_SERVICE = Load("directory.hsds.api.public_service_for", "service").unaudited()
HSDS_SERVICE_AT_LOCATION = Load(
    "directory.hsds.api.public_service_at_location_for", "service_at_location"
).unaudited()
HSDS_ORGANIZATION = Load("directory.hsds.api.public_organization_for", "organization").unaudited()
HSDS_TAXONOMY = Load("directory.hsds.api.taxonomy_for", "taxonomy").unaudited()
HSDS_TAXONOMY_TERM = Load("directory.hsds.api.taxonomy_term_for", "taxonomy_term").unaudited()
# A listed gathering's page is public and an unlisted one any signed-in person's: neither
# is anyone's record. The team's pages show who replied, so their reading is audited.
GATHERING = Load("gatherings.selectors.gathering_for", "gathering").unaudited()
TEAM_GATHERING = Load("gatherings.selectors.team_gathering_for", "gathering")
# A reply is opened by the secret in its link alone; the trail keeps the path without it.
REPLY = Load("gatherings.selectors.reply_by_secret", "registration", key="secret")
# A handout is what the team shares with those who came, not anyone's record.
HANDOUT = Load("gatherings.selectors.handout_for", "resource").unaudited()
CONVERSATION = Load("conversations.selectors.conversation_for", "conversation")
# A private feed is its owner's own calendar, fetched by their phone every few hours: no
# one reads another's record, and the trail has never listed these fetches.
FEED = Load("schedule.selectors.feed_owner", "owner").unaudited()
# A family's dates (family time, hearings) are part of its record: the team's pages that
# schedule, change or record them read it.
EVENT = Load("schedule.selectors.event_for", "event")
# An event as a person's calendar shows it: their own family's dates, read in its record.
EVENT_SEEN = Load("schedule.selectors.event_seen_by", "event")
EVENT_TO_CHANGE = Load("schedule.selectors.event_to_change", "event")
FOLLOW_UP = Load("aftercare.selectors.follow_up_for", "follow_up")
# A transition plan is the family's record: its steps and each child's checklist.
TRANSITION = EXCHANGE.noting("transition")
TRANSITION_STEP = Load("transition.selectors.step_for", "step")
TRANSITION_ITEM = Load("transition.selectors.item_for", "item")
# A recording is heard as the agreement and its author's consent allow (voice.hearing).
RECORDING = Load("voice.selectors.recording_for", "recording")
# A child's life book: what the journal, All About Me and the road home hold of them.
LIFE_BOOK = Load("lifebook.selectors.child_for", "child").noting("life_book")
# A parent's own shift, which only she opens: her reading of her own record is not
# audited; her changes are, and so is the team's reading (work/calendar.py, work:partnership).
OWN_SHIFT = Load("work.selectors.shift_for", "shift").unaudited()
# A letter to an employer is the birth parent's, like her case plan: each reading of one,
# on screen or as a PDF, is audited.
LETTER = Load("letters.selectors.letter_for", "letter")
APPROVED_LETTER = Load("letters.selectors.approved_letter_for", "letter").noting("pdf")

RULES: dict[str, Rule] = {
    # home
    "home:home": PUBLIC,  # the program overview for visitors, a home page once signed in
    "home:more": SIGNED_IN,  # the rest of a parent's or volunteer's menu
    # core
    "core:healthz": PUBLIC,
    # accounts
    "accounts:set_language": PUBLIC,
    "accounts:sign_in": PUBLIC,
    "accounts:sign_out": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:invitation_accept": PUBLIC,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:settings": SIGNED_IN,
    # Second factors (accounts/factors.py): one's own, whoever one is.
    "accounts:second_factor": SIGNED_IN,
    "accounts:security": SIGNED_IN,
    "accounts:factor_setup": SIGNED_IN,
    "accounts:app_remove": SIGNED_IN,
    "accounts:backup_codes": SIGNED_IN,
    "accounts:passkey_remove": Rule(roles=frozenset(), load=PASSKEY),
    "accounts:confirm_identity": SIGNED_IN,
    # Passkey ceremonies: signing in with one is open to anyone; adding one is one's own.
    "otp_webauthn:credential-authentication-begin": PUBLIC,
    "otp_webauthn:credential-authentication-complete": PUBLIC,
    "otp_webauthn:credential-registration-begin": SIGNED_IN,
    "otp_webauthn:credential-registration-complete": SIGNED_IN,
    "otp_webauthn:js-i18n-catalog": PUBLIC,
    # Sign-in lockouts (decision 0020): only the director lifts one; the unlock is audited.
    "accounts:locked_list": roles(DIRECTOR),
    "accounts:factors_reset": roles(DIRECTOR),
    "accounts:unlock": roles(
        DIRECTOR, load=Load("accounts.selectors.account_to_unlock_for", "account").unaudited()
    ),
    "accounts:sessions": SIGNED_IN,
    "accounts:session_end": SIGNED_IN,  # only the person's own: the view looks among theirs
    "accounts:sessions_end_others": SIGNED_IN,
    "accounts:session_stay": SIGNED_IN,
    "accounts:device_shared": SIGNED_IN,  # this very session, marked shared
    # The installable app (pwa/): the same for everyone.
    "pwa:manifest": PUBLIC,
    "pwa:service_worker": PUBLIC,
    # The invitation page shows the person's name and e-mail: a reading of their record.
    "accounts:invite_person": roles(
        *CASEWORK,
        load=Load("families.selectors.person_invitable_for", "person").noting("email"),
    ),
    "accounts:invite_new": roles(*CASEWORK),
    # audit
    "audit:search": roles(DIRECTOR, lists="audit.auditentry"),
    # families
    "families:family_list": roles(*CASEWORK, lists="families.birthfamily"),
    "families:family_detail": roles(*CASEWORK, load=FAMILY),
    "families:family_edit": roles(*CASEWORK, load=FAMILY),
    # A family's whole record, its export and its closure are the director's (decision 0019).
    "families:records_due": roles(DIRECTOR),
    "families:records": roles(DIRECTOR, load=FAMILY.noting("records")),
    "families:records_download": roles(DIRECTOR, load=FAMILY.noting("records")),
    "families:records_close": roles(DIRECTOR, load=FAMILY.noting("records")),
    "families:family_parent_add": roles(*CASEWORK, load=FAMILY),
    "families:child_add": roles(*CASEWORK, load=FAMILY),
    "families:home_list": roles(*CASEWORK, lists="families.partnerhome"),
    "families:home_new": roles(*CASEWORK),
    "families:home_detail": roles(*CASEWORK, load=HOME),
    "families:home_edit": roles(*CASEWORK, load=HOME),
    "families:home_parent_add": roles(*CASEWORK, load=HOME),
    "families:person_edit": roles(*CASEWORK, load=PERSON),
    "families:child_detail": roles(*CASEWORK, load=CHILD),
    "families:child_edit": roles(*CASEWORK, load=CHILD),
    "families:placement_add": roles(*CASEWORK, load=CHILD),
    "families:permanency_add": roles(*CASEWORK, load=CHILD),
    # partnerships
    "partnerships:list": roles(*CASEWORK, lists="partnerships.partnership"),
    # Its form offers every family and home to choose from: a reading of their list.
    "partnerships:new": roles(*CASEWORK, lists="families.birthfamily"),
    "partnerships:detail": roles(*PARTNERSHIP_MEMBERS, load=PARTNERSHIP),
    "partnerships:edit": roles(*CASEWORK, load=PARTNERSHIP),
    "partnerships:stage_change": roles(*CASEWORK, load=PARTNERSHIP),
    "partnerships:coverage": roles(*CASEWORK),
    # agreements: both homes read it; each parent acknowledges and consents for
    # themselves; the coach drafts it and records court orders.
    "agreements:agreement": roles(*PARTNERSHIP_MEMBERS, load=AGREEMENT),
    "agreements:draft": roles(*CASEWORK, load=AGREEMENT),
    "agreements:acknowledge": roles(*PARENTS, load=AGREEMENT),
    "agreements:consent": roles(*PARENTS, load=AGREEMENT),
    "agreements:restriction_add": roles(*CASEWORK, load=AGREEMENT),
    "agreements:restriction_end": roles(*CASEWORK, load=AGREEMENT),
    # All About Me: the child's profile, for both homes and the coach.
    "aboutme:profile": roles(*PARTNERSHIP_MEMBERS, load=PROFILE),
    "aboutme:edit": roles(*PARTNERSHIP_MEMBERS, load=PROFILE),
    "aboutme:history": roles(*PARTNERSHIP_MEMBERS, load=PROFILE),
    "aboutme:print": roles(*PARTNERSHIP_MEMBERS, load=PROFILE),
    "aboutme:print_all": roles(*PARTNERSHIP_MEMBERS, load=EXCHANGE.noting("about_me")),
    # journal: both homes and the coach; changing a post is for its author, reviewing
    # for the casework team.
    "journal:mine": roles(*PARENTS),  # sends on to their journal; shows nothing itself
    "journal:feed": roles(*PARTNERSHIP_MEMBERS, load=JOURNAL),
    "journal:post_new": roles(*PARTNERSHIP_MEMBERS, load=JOURNAL),
    "journal:review_setting": roles(*CASEWORK, load=JOURNAL),
    "journal:post": roles(*PARTNERSHIP_MEMBERS, load=POST),
    "journal:reply": roles(*PARTNERSHIP_MEMBERS, load=POST),
    "journal:react": roles(*PARTNERSHIP_MEMBERS, load=POST),
    "journal:post_edit": roles(*PARTNERSHIP_MEMBERS, load=OWN_POST),
    "journal:post_withdraw": roles(*PARTNERSHIP_MEMBERS, load=OWN_POST),
    "journal:photo_large": roles(*PARTNERSHIP_MEMBERS, load=PHOTO.noting("large")),
    "journal:photo_small": roles(*PARTNERSHIP_MEMBERS, load=PHOTO.noting("small")),
    "journal:review": roles(*CASEWORK, lists="journal.post"),
    "journal:review_approve": roles(*CASEWORK, load=REVIEW),
    "journal:review_return": roles(*CASEWORK, load=REVIEW),
    # notifications: everyone chooses their own
    "notices:preferences": SIGNED_IN,
    # Twilio's webhooks: a text to the program's number and a text's delivery. Nobody
    # signs in to post them; each request must carry Twilio's signature instead, and an
    # unsigned one is refused (403) and noted in the trail (texts/views.py).
    "texts:incoming": PUBLIC,
    "texts:status": PUBLIC,
    # The browsers that show one's notices: one's own only (notices.selectors.device_of).
    "notices:devices": SIGNED_IN,
    "notices:device_subscribe": SIGNED_IN,
    "notices:device_remove": SIGNED_IN,
    # messages: a parent and the coach, and the two homes when the agreement allows
    "conversations:inbox": roles(*PARTNERSHIP_MEMBERS, lists="conversations.conversation"),
    # Starting a conversation shows nothing of the partnership: it sends to the inbox,
    # or to the new conversation, whose page records its reading.
    "conversations:start": roles(*PARTNERSHIP_MEMBERS, load=EXCHANGE.unaudited()),
    "conversations:thread": roles(*PARTNERSHIP_MEMBERS, load=CONVERSATION),
    # calendar: each person's own; the feed is opened by its secret alone (phones
    # subscribe without signing in), and an unknown or revoked secret answers 404.
    "schedule:agenda": roles(*PARTNERSHIP_MEMBERS, lists="schedule.event"),
    "schedule:feed_manage": roles(*PARTNERSHIP_MEMBERS),
    "schedule:feed": anyone(load=FEED),
    "schedule:event_new": roles(*CASEWORK, load=EXCHANGE),
    "schedule:event": roles(*PARTNERSHIP_MEMBERS, load=EVENT_SEEN),
    "schedule:occurrence_change": roles(*CASEWORK, load=EVENT),
    "caseplan:contacts": roles(*CASEWORK, load=CASEWORK_PARTNERSHIP.noting("contacts")),
    "caseplan:contact_done": roles(*CASEWORK, load=CONTACT),
    "caseplan:report": roles(*CASEWORK, lists="caseplan.contact"),
    "training:index": SIGNED_IN,
    "training:module": roles(load=MODULE),
    "training:certificate": roles(load=CERTIFICATE),
    "training:behind": roles(*CASEWORK, lists="families.person"),
    "training:assign": roles(*CASEWORK, load=MODULE),
    "training:module_new": roles(DIRECTOR),
    "training:module_edit": roles(DIRECTOR, load=MODULE_TO_EDIT),
    "training:page_new": roles(DIRECTOR, load=MODULE_TO_EDIT),
    "training:page_edit": roles(DIRECTOR, load=Load("training.selectors.page_to_edit", "page")),
    # the resource directory: public to read, so families not enrolled can use it; the
    # team curates, imports and exports it (exports name who checked each listing).
    "directory:search": PUBLIC,
    "directory:service": anyone(load=LISTING),
    "directory:manage": roles(*CASEWORK),
    "directory:service_new": roles(*CASEWORK),
    "directory:service_edit": roles(*CASEWORK, load=LISTING),
    "directory:verify": roles(*CASEWORK, load=LISTING),
    "directory:organization_edit": roles(*CASEWORK, load=ORGANIZATION),
    "directory:export_package": roles(*CASEWORK),
    "directory:export_json": roles(*CASEWORK),
    # The HSDS API reads the public directory only: what the search page shows anyone.
    "hsds:about": PUBLIC,
    "hsds:services": PUBLIC,
    "hsds:service": anyone(load=HSDS_SERVICE),
    "hsds:service_at_locations": PUBLIC,
    "hsds:service_at_location": anyone(load=HSDS_SERVICE_AT_LOCATION),
    "hsds:organizations": PUBLIC,
    "hsds:organization": anyone(load=HSDS_ORGANIZATION),
    "hsds:taxonomies": PUBLIC,
    "hsds:taxonomy": anyone(load=HSDS_TAXONOMY),
    "hsds:taxonomy_terms": PUBLIC,
    "hsds:taxonomy_term": anyone(load=HSDS_TAXONOMY_TERM),
    "directory:import_report": roles(*CASEWORK),
    # referrals: the team refers anyone in their partnerships; a parent refers themself
    # and follows their own; the figures are the director's.
    "referrals:refer": roles(*PARTNERSHIP_MEMBERS),
    "referrals:mine": roles(*PARTNERSHIP_MEMBERS, lists="referrals.referral"),
    "referrals:referral": roles(*PARTNERSHIP_MEMBERS, load=REFERRAL),
    "referrals:update": roles(*PARTNERSHIP_MEMBERS, load=REFERRAL),
    "referrals:figures": roles(DIRECTOR),
    # financial support: the team asks and decides, finance pays, a parent asks for their
    # own home and follows it; funds are for the staff who spend them.
    "assistance:index": roles(*CASEWORK, FINANCE, lists="assistance.assistancerequest"),
    "assistance:fund": roles(DIRECTOR, FINANCE, load=FUND.noting("ledger")),
    "assistance:request_new": roles(*PARTNERSHIP_MEMBERS, load=PARTNERSHIP),
    "assistance:request": roles(*PARTNERSHIP_MEMBERS, FINANCE, load=ASSISTANCE),
    "assistance:decide": roles(*CASEWORK, load=ASSISTANCE),
    "assistance:submit": roles(*CASEWORK, load=ASSISTANCE),
    "assistance:mine": roles(*PARENTS, lists="assistance.assistancerequest"),
    "assistance:fund_new": roles(DIRECTOR, FINANCE),
    "assistance:fund_edit": roles(DIRECTOR, FINANCE, load=FUND),
    "assistance:rules": roles(DIRECTOR),
    "assistance:document_add": roles(*PARTNERSHIP_MEMBERS, FINANCE, load=ASSISTANCE),
    "assistance:document": roles(
        *PARTNERSHIP_MEMBERS, FINANCE, load=Load("assistance.selectors.document_for", "document")
    ),
    "assistance:report": roles(DIRECTOR, FINANCE, lists="assistance.entry"),
    "assistance:report_csv": roles(DIRECTOR, FINANCE, lists="assistance.entry"),
    "assistance:pay": roles(FINANCE, load=ASSISTANCE),
    "aftercare:schedule": roles(*CASEWORK, load=CASEWORK_PARTNERSHIP.noting("follow_ups")),
    "aftercare:check_in": roles(*CASEWORK, load=FOLLOW_UP),
    # Moving a check-in shows nothing: it sends to the schedule, which records its
    # reading, and the move is audited as a change.
    "aftercare:move": roles(*CASEWORK, load=FOLLOW_UP.unaudited()),
    # The road home (transition): both homes and the coach read the plan and tick their
    # own items; the coach opens it and sets its steps; each home says whether it wants to
    # stay in touch.
    # Voice recordings (voice): parents record the song and comfort words on a child's
    # All About Me; everyone who may hear one plays it; the coach shares or returns.
    "voice:new": roles(*PARTNERSHIP_MEMBERS, load=EXCHANGE.noting("voice")),
    "voice:recording": roles(*PARTNERSHIP_MEMBERS, load=RECORDING),
    # Audited by the view once a playing (a request from the first byte), not once for
    # every range a player asks for as it seeks.
    "voice:audio": roles(*PARTNERSHIP_MEMBERS, load=RECORDING.unaudited()),
    "voice:words": roles(
        *PARTNERSHIP_MEMBERS, load=Load("voice.selectors.own_recording_for", "recording")
    ),
    "voice:remove": roles(
        *PARTNERSHIP_MEMBERS, load=Load("voice.selectors.removable_recording_for", "recording")
    ),
    "voice:review": roles(*CASEWORK, lists="voice.recording"),
    "voice:share": roles(
        *CASEWORK, load=Load("voice.selectors.waiting_recording_for", "recording")
    ),
    "voice:return": roles(
        *CASEWORK, load=Load("voice.selectors.waiting_recording_for", "recording")
    ),
    "transition:plan": roles(*PARTNERSHIP_MEMBERS, load=TRANSITION),
    "transition:open": roles(*CASEWORK, load=CASEWORK_PARTNERSHIP.noting("transition")),
    "transition:step_new": roles(*CASEWORK, load=CASEWORK_PARTNERSHIP.noting("transition")),
    "transition:item_new": roles(*CASEWORK, load=CASEWORK_PARTNERSHIP.noting("transition")),
    "transition:step": roles(*CASEWORK, load=TRANSITION_STEP),
    "transition:item": roles(*PARTNERSHIP_MEMBERS, load=TRANSITION_ITEM),
    "transition:keep_in_touch": roles(*PARENTS, load=TRANSITION),
    # The life book: both homes and the coach choose what goes in and print it once both
    # homes have seen the choice; the coach offers it to the family at reunification and
    # the birth parent alone answers whether the partner home keeps a copy.
    "lifebook:book": roles(*PARTNERSHIP_MEMBERS, load=LIFE_BOOK),
    "lifebook:pick": roles(*PARTNERSHIP_MEMBERS, load=LIFE_BOOK),
    "lifebook:unpick": roles(*PARTNERSHIP_MEMBERS, load=LIFE_BOOK),
    "lifebook:seen": roles(*PARENTS, load=LIFE_BOOK),
    "lifebook:pdf": roles(*PARTNERSHIP_MEMBERS, load=LIFE_BOOK),
    "lifebook:photos": roles(*PARTNERSHIP_MEMBERS, load=LIFE_BOOK),
    "lifebook:offer": roles(*CASEWORK, load=LIFE_BOOK),
    "lifebook:partner_copy": roles(BIRTH_PARENT, load=LIFE_BOOK),
    "caseplan:plan": roles(DIRECTOR, COACH, BIRTH_PARENT, load=PLAN.noting("case_plan")),
    # A draft built from the case plan is a reading of the partnership's record.
    "caseplan:summary_new": roles(
        *CASEWORK, load=CASEWORK_PARTNERSHIP.noting("court_summary_draft")
    ),
    "caseplan:summary": roles(DIRECTOR, COACH, BIRTH_PARENT, load=SUMMARY),
    "caseplan:summary_edit": roles(*CASEWORK, load=SUMMARY),
    "caseplan:step_update": roles(DIRECTOR, COACH, BIRTH_PARENT, load=STEP),
    "schedule:event_edit": roles(*CASEWORK, load=EVENT_TO_CHANGE),
    "schedule:attendance": roles(*CASEWORK, load=EVENT),
    "schedule:time_zone": roles(*PARTNERSHIP_MEMBERS),
    # letters: the birth parent asks for one and approves it; her coach drafts one for her
    # and prints it once she has approved it; the partner home never reaches them.
    "letters:letters": roles(
        DIRECTOR,
        COACH,
        BIRTH_PARENT,
        load=Load("letters.selectors.partnership_for", "partnership").noting("letters"),
    ),
    "letters:letter_new": roles(
        DIRECTOR,
        COACH,
        BIRTH_PARENT,
        load=Load("letters.selectors.partnership_for", "partnership").noting("letters"),
    ),
    "letters:letter": roles(DIRECTOR, COACH, BIRTH_PARENT, load=LETTER),
    "letters:approve": roles(BIRTH_PARENT, load=LETTER),
    "letters:letter_pdf": roles(DIRECTOR, COACH, BIRTH_PARENT, load=APPROVED_LETTER),
    # gatherings: the listing, each listed gathering's page and calendar, and replying are
    # everyone's (a guest replies with a name and a way to reach them); a reply is opened
    # by the secret in its link alone; organizing, the door and who comes are the team's.
    "gatherings:list": PUBLIC,
    "gatherings:feed": PUBLIC,
    "gatherings:gathering": anyone(load=GATHERING),
    "gatherings:gathering_ics": anyone(load=GATHERING),
    "gatherings:reply": anyone(load=GATHERING),
    "gatherings:registration": anyone(load=REPLY),
    # Cancelling only sends to the reply's page (which records its reading) or cancels
    # it (recorded as a change); a handout's link checks the reply, never shows it.
    "gatherings:registration_cancel": anyone(load=REPLY.unaudited()),
    "gatherings:registration_file": anyone(load=REPLY.unaudited()),
    "gatherings:new": roles(*CASEWORK),
    "gatherings:attendance": roles(*CASEWORK, lists="gatherings.registration"),
    "gatherings:edit": roles(*CASEWORK, load=TEAM_GATHERING),
    "gatherings:cancel": roles(*CASEWORK, load=TEAM_GATHERING),
    "gatherings:organize": roles(*CASEWORK, load=TEAM_GATHERING),
    "gatherings:check_in": roles(*CASEWORK, load=TEAM_GATHERING),
    "gatherings:walk_in": roles(*CASEWORK, load=TEAM_GATHERING),
    "gatherings:share": roles(*CASEWORK, load=TEAM_GATHERING),
    "gatherings:resource_file": roles(*CASEWORK, load=HANDOUT),
    # outcomes: the director and finance read the program's figures (consenting families
    # only), a coach their own caseload's; the CSV files and the grant report leave the
    # program, so they are the program's figures alone; the exits behind a figure name
    # children, for the casework team.
    "outcomes:dashboard": roles(*CASEWORK, FINANCE),
    "outcomes:table_csv": roles(DIRECTOR, FINANCE),
    "outcomes:report": roles(DIRECTOR, FINANCE),
    "outcomes:report_pdf": roles(DIRECTOR, FINANCE),
    "outcomes:behind": roles(*CASEWORK, lists="families.permanencyevent"),
    # intake
    "intake:interest": PUBLIC,
    "intake:contact": PUBLIC,
    "intake:thanks": PUBLIC,
    "intake:queue": roles(*CASEWORK, lists="intake.submission"),
    "intake:figures": roles(DIRECTOR),
    "intake:holidays": roles(DIRECTOR),
    "intake:detail": roles(*CASEWORK, load=SUBMISSION),
    "intake:assign": roles(*CASEWORK, load=SUBMISSION),
    "intake:attempt": roles(*CASEWORK, load=SUBMISSION),
    "intake:close": roles(*CASEWORK, load=SUBMISSION),
    "intake:convert": roles(*CASEWORK, load=SUBMISSION),
    "intake:link": roles(*CASEWORK, load=SUBMISSION),
    # work shifts: each parent enters and changes her own; the team reads when the parents
    # of a partnership they see work (never where), and that reading is audited.
    "work:shifts": roles(*PARENTS),
    "work:shift_new": roles(*PARENTS),
    "work:week": roles(*PARENTS),
    "work:shift": roles(*PARENTS, load=OWN_SHIFT),
    "work:partnership": roles(*CASEWORK, load=CASEWORK_PARTNERSHIP.noting("work_shifts")),
}


def rule_for(view_name: str) -> Rule | None:
    return RULES.get(view_name)


class AccessMiddleware:
    """Enforces RULES before any view runs, and loads the record a rule names."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lists = getattr(request, "village_lists", "")
        # A list is read when its page is shown: not when the view sent elsewhere or failed.
        if lists and (response.status_code < 300 or response.status_code == 400):
            list_read.send(sender=Rule, user=request.user, model=lists, filters=filters_of(request))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_name = request.resolver_match.view_name
        rule = rule_for(view_name)
        if rule is None:
            logger.error("No access rule for URL %r; refusing it.", view_name)
            raise Http404
        if not rule.public:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule.allows(request.user):
                refused(request)
        if rule.load is not None:
            load_record(request, rule.load, view_kwargs)
        request.village_lists = rule.lists
        return None


def refused(request):
    """Answer 404, and tell the audit trail who was refused which page: by its URL's name,
    never the id that was tried (decision 0022). One entry a refusal."""
    security_event_announce(
        event=SecurityEvent.REFUSED,
        user=request.user if request.user.is_authenticated else None,
        detail=request.resolver_match.view_name,
    )
    raise Http404


def filters_of(request) -> list[str]:
    """A list page's query string as "name=value", each cut short, the first few only."""
    asked = [
        f"{name[:FILTER_LENGTH]}={value[:FILTER_LENGTH]}"
        for name in sorted(request.GET)[:FILTERS_KEPT]
        for value in request.GET.getlist(name)
        if value
    ]
    return asked[:FILTERS_KEPT]


#: The largest key a table holds (a signed 64-bit integer); SQLite refuses a larger number
#: in a query with OverflowError rather than finding nothing.
LARGEST_KEY = 2**63 - 1


def fits_a_key(key) -> bool:
    return not isinstance(key, int) or 0 <= key <= LARGEST_KEY


def load_record(request, load: Load, view_kwargs: dict) -> None:
    """Swap the URL's key for the record, loaded for the person asking (404 when it is
    not theirs), and announce the reading. Django passes this same dict to the view."""
    if load.key:
        key_name = load.key
    else:
        ((key_name, _),) = view_kwargs.items()  # a record's URL carries its key alone
    if not fits_a_key(view_kwargs[key_name]):
        refused(request)  # more digits than any key has: no record, and no query (0023)
    try:
        record = load(request.user, view_kwargs[key_name])
    except Http404:
        refused(request)
    if load.audit:
        record_read.send(sender=Load, user=request.user, record=record, fields=load.fields)
    del view_kwargs[key_name]
    view_kwargs[load.name] = record
