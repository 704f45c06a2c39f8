from django.urls import include, path

from accounts.urls import urlpatterns as account_urls
from families.invitation_urls import urlpatterns as invitation_urls

urlpatterns = [
    path("", include("home.urls")),
    path("", include("core.urls")),
    # The manifest and the service worker live at the root: a worker controls only the
    # pages under the folder it is served from.
    path("", include("pwa.urls")),
    # Inviting someone is account business served by families, which makes their Person.
    path("", include((account_urls + [path("accounts/", include(invitation_urls))], "accounts"))),
    path("accounts/passkeys/", include("accounts.passkey_urls")),
    path("audit/", include("audit.urls")),
    path("families/", include("families.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("agreements/", include("agreements.urls")),
    path("about-me/", include("aboutme.urls")),
    path("journal/", include("journal.urls")),
    path("notifications/", include("notices.urls")),
    path("texts/", include("texts.urls")),
    path("messages/", include("conversations.urls")),
    path("calendar/", include("schedule.urls")),
    path("casework/", include("caseplan.urls")),
    path("after/", include("aftercare.urls")),
    path("training/", include("training.urls")),
    path("resources/", include("directory.urls")),
    path("api/hsds/", include("directory.api_urls")),
    path("referrals/", include("referrals.urls")),
    path("assistance/", include("assistance.urls")),
    path("gatherings/", include("gatherings.urls")),
    path("road-home/", include("transition.urls")),
    path("voice/", include("voice.urls")),
    path("life-book/", include("lifebook.urls")),
    path("letters/", include("letters.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("work/", include("work.urls")),
    path("", include("intake.urls")),
]

handler404 = "core.views.not_found"
