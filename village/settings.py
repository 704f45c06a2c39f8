"""Village settings. Everything that differs between machines comes from the environment.

See README.md for the variables. Bad values stop the process at start (village.env).
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from village.env import env_bool, env_choice, env_int, env_list, env_str
from village.files import default_storage

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
# Demo mode shows the demo logins on the sign-in page. Never on for a real program.
DEMO_MODE = env_bool("VILLAGE_DEMO", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address of the site, used in links sent by e-mail. `make run` sets it to the
# host and port it serves on.
SITE_URL = env_str("VILLAGE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PROGRAM_NAME = env_str("VILLAGE_PROGRAM_NAME", "Partners in Permanency")
# The program's phone and e-mail, printed on its letterhead (letters to employers). Without
# an e-mail, a letter gives its signing coach's own.
PROGRAM_PHONE = env_str("VILLAGE_PROGRAM_PHONE", "")
PROGRAM_EMAIL = env_str("VILLAGE_PROGRAM_EMAIL", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    # Second factors (decision 0017): time-based codes, backup codes and passkeys.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Sign-in lockout per account and per address (decision 0020).
    "axes",
    "core",
    "accounts",
    "audit",
    "families",
    "partnerships",
    "intake",
    "agreements",
    "aboutme",
    "journal",
    "notices",
    "texts",
    "conversations",
    "schedule",
    "caseplan",
    "aftercare",
    "training",
    "directory",
    "outcomes",
    "referrals",
    "assistance",
    "gatherings",
    "transition",
    "lifebook",
    "work",
    "letters",
    "voice",
    "pwa",
    "home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, the first to read a form: a body too large for its view is
    # refused unread (decision 0018).
    "core.uploads.RequestSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.LanguageMiddleware",
    "accounts.middleware.TimeZoneMiddleware",
    "accounts.middleware.NoStoreWhenSignedInMiddleware",
    # Tells the service worker whose pages these are and which to keep offline (pwa/).
    "pwa.offline.OfflineCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.middleware.AuditContextMiddleware",
    # What the person changed shows in their counts and Today at once (notices/badges.py).
    "notices.badges.ForgetOnWriteMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "core.access.AccessMiddleware",
    "core.throttle.PublicPostThrottleMiddleware",
    # After the others, so its lockout page is drawn in the person's language (decision 0020).
    "axes.middleware.AxesMiddleware",
    # Last: runs a writing request's view in one transaction, a reading's in none (0041).
    "core.transactions.WriteTransactionMiddleware",
]

ROOT_URLCONF = "village.urls"
WSGI_APPLICATION = "village.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.village",
                "home.navigation.navigation",
            ],
            "string_if_invalid": "",
        },
    }
]

# --- Database -------------------------------------------------------------------------
# SQLite is the embedded default so a newcomer needs no server; PostgreSQL in production.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'village.sqlite3'}")
# How long a worker keeps its connection between requests, in seconds (0: one a request).
# Opening one costs PostgreSQL ~3 ms and SQLite its PRAGMAs; a kept one is checked first.
# Not in debug: runserver answers each request in a new thread, which would keep its own.
DATABASE_CONN_MAX_AGE = env_int("VILLAGE_DB_CONN_MAX_AGE", 0 if DEBUG else 60, minimum=0)
# PostgreSQL only: the largest pool of connections each process shares among its threads
# (Django's psycopg pool), or 0 for kept connections as above. Gunicorn's sync workers
# answer one request at a time, so a few per process are plenty.
DATABASE_POOL_SIZE = env_int("VILLAGE_DB_POOL_SIZE", 4, minimum=0)
try:
    _database = dj_database_url.parse(
        DATABASE_URL, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
    )
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not understood: {error}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # A write that was answered must survive a crash: WAL with synchronous=FULL, and
    # IMMEDIATE transactions plus a busy timeout so concurrent writers queue instead of
    # failing with "database is locked". See docs/decisions/0002-sqlite-durability.md.
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=FULL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
elif _database["ENGINE"] == "django.db.backends.postgresql":
    # Pages ask short questions: compiling a query plan to machine code (JIT) costs
    # more than it saves, half a second on a directory search over 50,000 services.
    _database.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    if DATABASE_POOL_SIZE:
        # A pool replaces kept connections: Django refuses both at once.
        _database["CONN_MAX_AGE"] = 0
        _database["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_SIZE,
            # A request that waits this long for a connection fails rather than hangs.
            "timeout": 10,
        }
else:
    raise ImproperlyConfigured("DATABASE_URL must name a sqlite:// or postgres:// database.")
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# One cache every process shares (Redis) for the throttles, the sessions and page
# fragments, so several processes and machines count and remember the same. Without it,
# each process keeps its own in memory: right for one process (make run, the tests).
REDIS_URL = env_str("VILLAGE_REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("VILLAGE_REDIS_URL must be a redis://, rediss:// or unix:// URL")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "village",
        }
    }
    # Sessions read from the cache, written through to the database: a Redis restart
    # signs nobody out, and the signed-in browsers page still lists every session.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# The lockout's backend goes first: a locked account is refused before its password is
# even checked (decision 0020).
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LockoutBackend",
    "accounts.backends.UserBackend",
    "accounts.backends.PasskeyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Passwords after NIST SP 800-63B rev. 4 (decision 0020): long rather than complicated,
# never a leaked one or the person's own name, no composition rules, no forced change.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.LengthValidator"},
    {"NAME": "accounts.passwords.BreachedPasswordValidator"},
    {"NAME": "accounts.passwords.OwnNameValidator"},
]
# Lockout (accounts/lockout.py): failed sign-ins counted per account and per address
# within the cool-off; the address's limit is higher, for computers that share one.
AXES_FAILURE_LIMIT = env_int("VILLAGE_SIGN_IN_FAILURES", 10, minimum=3)
LOCKOUT_ADDRESS_FAILURE_LIMIT = env_int("VILLAGE_SIGN_IN_FAILURES_PER_ADDRESS", 50, minimum=3)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("VILLAGE_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
# The sign-in form's e-mail field is Django's `username`.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.address_of"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Tries during a lockout do not lengthen it: "try again in 30 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Sign-ins are in the audit trail; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"
# Invitation and password-reset links are single use and expire after this many hours.
INVITATION_HOURS = env_int("VILLAGE_INVITATION_HOURS", 72, minimum=1)
# How long a family's records are kept after their last partnership closed (and the year
# after reunification was followed up) before a director closes them (decision 0019).
RETENTION_YEARS = env_int("VILLAGE_RETENTION_YEARS", 7, minimum=1)
PASSWORD_RESET_TIMEOUT = INVITATION_HOURS * 3600

# Passkeys belong to the site's domain (its "relying party"). A browser refuses an IP
# address there, so the demo's 127.0.0.1 is named localhost, where browsers allow passkeys
# over plain HTTP.
_site = urlsplit(SITE_URL)
_site_host = "localhost" if _site.hostname in {"127.0.0.1", "::1"} else (_site.hostname or "")
OTP_WEBAUTHN_RP_ID = env_str("VILLAGE_PASSKEY_DOMAIN", _site_host)
OTP_WEBAUTHN_RP_NAME = PROGRAM_NAME
OTP_WEBAUTHN_HELPER_CLASS = "accounts.backends.PasskeyHelper"
# The name an authenticator app shows beside the program's codes.
OTP_TOTP_ISSUER = PROGRAM_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    f"{_site.scheme}://{OTP_WEBAUTHN_RP_ID}" + (f":{_site.port}" if _site.port else "")
]

# Sessions (accounts/sessions.py, decision 0021): signed out after so many minutes without
# activity (staff sooner: they see every family) and after so many hours whatever the
# activity; "a shared computer" at sign-in shortens both. Warned a minute before.
SESSION_IDLE_SECONDS = env_int("VILLAGE_IDLE_MINUTES", 30, minimum=2) * 60
SESSION_IDLE_STAFF_SECONDS = env_int("VILLAGE_IDLE_MINUTES_STAFF", 15, minimum=2) * 60
SESSION_IDLE_SHARED_SECONDS = env_int("VILLAGE_IDLE_MINUTES_SHARED", 10, minimum=2) * 60
SESSION_LIMIT_SECONDS = env_int("VILLAGE_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_LIMIT_SHARED_SECONDS = env_int("VILLAGE_SESSION_HOURS_SHARED", 8, minimum=1) * 3600
SESSION_WARNING_SECONDS = 60

# How long the tab bar's counts of what is new may be reused before they are counted
# again, when nothing announced a change sooner (notices/badges.py, decision 0045).
BADGE_SECONDS = 60
SESSION_COOKIE_AGE = SESSION_LIMIT_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL = env_bool("VILLAGE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
LANGUAGE_COOKIE_SECURE = SECURE_SSL
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
if SECURE_SSL:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("VILLAGE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_SSL_REDIRECT = env_bool("VILLAGE_SSL_REDIRECT", True)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a promise to browsers that is slow to take back: only when asked, so
    # `check --deploy`'s reminder of it (W021) is answered here.
    SECURE_HSTS_PRELOAD = env_bool("VILLAGE_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind a load balancer the client's address arrives in X-Forwarded-For; trust it only
# when told how many proxies stand in front, so nobody can forge "from where" in the audit.
TRUSTED_PROXY_COUNT = env_int("VILLAGE_TRUSTED_PROXIES", 0, minimum=0)

# --- Content Security Policy ----------------------------------------------------------
# Strict from the first page: only our own scripts, styles and images; no inline script
# or event handlers, no third-party origins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # A recording made in the browser is played back from the phone's memory before it
    # is sent (voice/static/voice/recorder.js).
    "media-src": [CSP.SELF, "blob:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# --- Languages and time ---------------------------------------------------------------
LANGUAGE_CODE = "en"
# Dates in words, one way per language (core/formats).
FORMAT_MODULE_PATH = ["core.formats"]
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("VILLAGE_TIME_ZONE", "America/Chicago")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"VILLAGE_TIME_ZONE={TIME_ZONE!r} is not a time zone.") from None

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
# Where `collectstatic` gathers them for whitenoise to serve: a deploy may point elsewhere.
STATIC_ROOT = Path(env_str("VILLAGE_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files: on this machine's disk under MEDIA_ROOT, or in a private bucket of an
# S3-compatible object store that several machines share (village/files.py, decision
# 0042). Either way they are read through Django's storage API alone (core/storage.py) and
# served only by the app's own access-checked views, never from an address of their own.
MEDIA_ROOT = Path(env_str("VILLAGE_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": default_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads (docs/decisions/0018-uploads.md). A form's fields, files aside, up to Django's
# default 2.5 MB (a long text in any script, percent-encoded, fits); files kept in memory
# up to 1 MB, in a temporary file beyond, never more of each than its view's limit
# (core.uploads); no form takes more than one file, so a few is plenty.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Kept files are the program's alone: readable by the user the app runs as, nobody else.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# --- E-mail and background work -------------------------------------------------------
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_CONSOLE = "django.core.mail.backends.console.EmailBackend"
_mail_backend = env_choice("EMAIL_BACKEND", _CONSOLE if DEBUG else _SMTP, {_SMTP, _CONSOLE})
if not DEBUG and _mail_backend != _SMTP:
    # The console prints invitation and reset links into the server's log, where anyone who
    # reads the log could sign in with them, and no family receives them.
    raise ImproperlyConfigured("With DJANGO_DEBUG off, EMAIL_BACKEND must be SMTP.")
MAILERS = {"default": {"BACKEND": _mail_backend}}
# Text messages: the console by default. A provider's backend is a class with
# `send(to, text)` (see notices/sms.py), named here by its dotted path.
SMS_BACKEND = env_str("VILLAGE_SMS_BACKEND", "notices.sms.ConsoleBackend")
# Two-way texts through Twilio (texts/, decision 0038-two-way-texts). The token also
# checks the signature of each webhook: without it, every webhook is refused.
TWILIO_ACCOUNT_SID = env_str("VILLAGE_TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = env_str("VILLAGE_TWILIO_AUTH_TOKEN", "")
TWILIO_FROM = env_str("VILLAGE_TWILIO_FROM", "")
# Twilio's API, unless a proxy (or a test's fake endpoint) stands in for it.
TWILIO_API_URL = env_str("VILLAGE_TWILIO_API_URL", "https://api.twilio.com").rstrip("/")
if TWILIO_FROM and not re.fullmatch(r"\+[1-9][0-9]{6,14}", TWILIO_FROM):
    raise ImproperlyConfigured("VILLAGE_TWILIO_FROM must be a number in E.164, like +15125550123.")
if not TWILIO_API_URL.startswith(("https://", "http://127.0.0.1", "http://localhost")):
    raise ImproperlyConfigured("VILLAGE_TWILIO_API_URL must be an https:// address.")
if SMS_BACKEND == "texts.backends.TwilioBackend":
    _missing = [
        name
        for name, value in (
            ("VILLAGE_TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID),
            ("VILLAGE_TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN),
            ("VILLAGE_TWILIO_FROM", TWILIO_FROM),
        )
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(f"Texts through Twilio need {', '.join(_missing)}.")
# Web Push (notices/push.py, decision 0040): the program's VAPID key pair and an address
# push services can reach it at, all three or none (push is then off). `manage.py
# generate_vapid_keys` prints a pair. Checked when Village starts (notices/apps.py).
VAPID_PUBLIC_KEY = env_str("VILLAGE_VAPID_PUBLIC_KEY", "")
VAPID_PRIVATE_KEY = env_str("VILLAGE_VAPID_PRIVATE_KEY", "")
VAPID_SUBJECT = env_str("VILLAGE_VAPID_SUBJECT", "")
# The push services a browser's subscription may point at; the worker posts nowhere else
# (the address comes from the browser). "*." allows a service's own subdomains.
PUSH_SERVICES = env_list(
    "VILLAGE_PUSH_SERVICES",
    [
        "https://fcm.googleapis.com",  # Chrome, Edge on Android, Samsung Internet, Opera
        "https://*.push.services.mozilla.com",  # Firefox
        "https://*.push.apple.com",  # Safari
        "https://*.notify.windows.com",  # Edge on Windows
    ],
)
if _mail_backend == _SMTP:
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST"),
        "port": env_int("EMAIL_PORT", 587, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Village <no-reply@example.org>")
# The interest and contact forms: how many one address may send in an hour, and how many
# seconds a person takes at the least to fill one (faster is a robot).
INTAKE_SUBMISSIONS_PER_HOUR = env_int("VILLAGE_INTAKE_PER_HOUR", 5, minimum=1)
INTAKE_MINIMUM_SECONDS = env_int("VILLAGE_INTAKE_MINIMUM_SECONDS", 3, minimum=0)
# Throttles (core/throttle.py, decision 0020): reset e-mails per account and per address,
# invitations per sender, and any form a visitor posts, per address and per page.
PASSWORD_RESETS_PER_HOUR = env_int("VILLAGE_RESETS_PER_HOUR", 3, minimum=1)
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env_int("VILLAGE_RESETS_PER_ADDRESS_PER_HOUR", 10, minimum=1)
INVITATIONS_PER_HOUR = env_int("VILLAGE_INVITATIONS_PER_HOUR", 30, minimum=1)
PUBLIC_POSTS_PER_HOUR = env_int("VILLAGE_PUBLIC_POSTS_PER_HOUR", 60, minimum=1)
# A form may be closed as "no response" only after this many contact attempts.
INTAKE_NO_RESPONSE_ATTEMPTS = env_int("VILLAGE_INTAKE_NO_RESPONSE_ATTEMPTS", 3, minimum=1)

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "VILLAGE_TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend",
            {"django_tasks_db.DatabaseBackend", "django.tasks.backends.immediate.ImmediateBackend"},
        ),
        "QUEUES": ["default"],
    }
}

# Logs go to standard error, for the process manager to keep: `text` for a person reading
# a terminal, `json` (one object a line) for a log store; production's `make prod` says
# json. A line a request (core/logs.py) unless turned off; runserver prints its own.
from village.log_formats import LOG_FORMATTERS  # noqa: E402

LOG_FORMAT = env_choice("VILLAGE_LOG_FORMAT", "text", {"text", "json"})
LOG_REQUESTS = env_bool("VILLAGE_LOG_REQUESTS", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": LOG_FORMATTERS,
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("VILLAGE_LOG_LEVEL", "INFO")},
    # Gunicorn's own messages (workers started, killed, timed out) in the same form.
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
if LOG_REQUESTS:
    MIDDLEWARE.insert(0, "core.logs.RequestLogMiddleware")
