"""Settings for the youth dialogue portal, read from the environment.

With nothing set the portal runs on SQLite with eager Celery and console email, so a newcomer can start it
with one command. DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL switch to the real stack.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", default=True)

_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production-0123456789"
SECRET_KEY = envstr("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters when DEBUG is off")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "axes",
    "conferences",
    "petitions",
    "conclusions",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dialogue_portal.middleware.ChosenLanguageMiddleware",
    "dialogue_portal.errors.ErrorPagesMiddleware",  # the portal's 404 page even with DEBUG on (above Common)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (its page is the portal's), before anything reads the body (CSRF, forms).
    "dialogue_portal.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves collected static files itself (no CDN, closed networks); runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "dialogue_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dialogue_portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "dialogue_portal.wsgi.application"

# Database: SQLite by default, DATABASE_URL (postgres:// or sqlite:///) for the real stack.
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured("DATABASE_URL must start with postgres://, postgresql:// or sqlite:///")
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DATABASES["default"].setdefault("TEST", {})
if envstr("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = envstr("TEST_DATABASE_NAME")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: after AXES_FAILURE_LIMIT failed logins of one user name from one address (the portal's login and the
# admin's), that pair is locked out for AXES_COOLOFF_MINUTES with a Vietnamese page; an administrator unlocks it in
# /admin/axes/ (delete the access attempt) or with `manage.py axes_reset_username`. Not per address alone: an office
# behind one NAT address must not lock its colleagues out. Logins without a request (tests, shell) are not counted.
AUTHENTICATION_BACKENDS = [
    "dialogue_portal.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dialogue_portal.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "dialogue_portal.lockout.client_ip"
# The lockout itself is logged by dialogue_portal.lockout; axes' own banner on every command is noise.
AXES_VERBOSE = False
# Client addresses (lockouts, rate limits): REMOTE_ADDR, or the address the TRUSTED_PROXIES proxies in front added to
# X-Forwarded-For (docker-compose: 1, the TLS proxy).
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", 0)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first; English through gettext.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M"]
FORMAT_MODULE_PATH = ["dialogue_portal.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# A whole request body (every file and field of one form) is refused above REQUEST_MAX_BYTES from its Content-Length,
# before it is read (dialogue_portal.middleware); the proxy's client_max_body_size says the same (README).
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", 21 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 5000)
# An uploaded .xlsx is refused before parsing when it would inflate past IMPORT_MAX_UNCOMPRESSED_BYTES, compresses
# more than IMPORT_MAX_COMPRESSION_RATIO times, or holds more than IMPORT_MAX_ARCHIVE_MEMBERS parts (zip bombs). It is
# read in a task (petitions.read_import) of at most IMPORT_READ_TIMEOUT s; a read not heard of for
# IMPORT_STALL_SECONDS (broker down, worker killed) is queued again when its page asks.
IMPORT_MAX_UNCOMPRESSED_BYTES = envint("IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = envint("IMPORT_MAX_COMPRESSION_RATIO", 100)
IMPORT_MAX_ARCHIVE_MEMBERS = envint("IMPORT_MAX_ARCHIVE_MEMBERS", 500)
IMPORT_READ_TIMEOUT = envint("IMPORT_READ_TIMEOUT", 120)
IMPORT_STALL_SECONDS = envint("IMPORT_STALL_SECONDS", 60)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Redis: Celery broker and results, and the cache. Without it Celery runs eagerly in-process.
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("REDIS_URL must start with redis:// or rediss://")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ROUTES = {"conclusions.tasks.render_notice_pdf": {"queue": "documents"}}
# Notice documents (conclusions.notices.documents): appendices longer than NOTICE_LARGE_APPENDIX_ROWS render in a
# task on the "documents" queue, cut into parts of at most NOTICE_CHUNK_ROWS rows laid out by DOCUMENT_RENDER_WORKERS
# processes (0 = one per CPU), each allowed DOCUMENT_RENDER_MEMORY_MB more memory, the whole render
# DOCUMENT_RENDER_TIMEOUT s.
NOTICE_LARGE_APPENDIX_ROWS = envint("NOTICE_LARGE_APPENDIX_ROWS", 60)
NOTICE_CHUNK_ROWS = envint("NOTICE_CHUNK_ROWS", 40)
DOCUMENT_RENDER_WORKERS = envint("DOCUMENT_RENDER_WORKERS", 0)
DOCUMENT_RENDER_MEMORY_MB = envint("DOCUMENT_RENDER_MEMORY_MB", 1024)
DOCUMENT_RENDER_TIMEOUT = envint("DOCUMENT_RENDER_TIMEOUT", 900)
# Render jobs hold a lease while they run (conclusions.notices.leases): renewed every third of
# RENDER_JOB_LEASE_SECONDS; a job whose lease has expired lost its worker and is taken over, at most
# RENDER_JOB_MAX_ATTEMPTS runs in all. The sweeper (beat, every minute) sends queued jobs the broker never got, and
# sends again those still queued after RENDER_JOB_RESEND_SECONDS (a message lost with Redis).
RENDER_JOB_LEASE_SECONDS = envint("RENDER_JOB_LEASE_SECONDS", 90)
RENDER_JOB_MAX_ATTEMPTS = envint("RENDER_JOB_MAX_ATTEMPTS", 3)
RENDER_JOB_RESEND_SECONDS = envint("RENDER_JOB_RESEND_SECONDS", 600)
# Reminders and the email outbox on their own queue: SMTP retries never wait behind PDF rendering.
CELERY_TASK_ROUTES["notifications.*"] = {"queue": "notifications"}
if REDIS_URL:
    # Short timeouts: the cache is a shortcut, and callers fall back to the database when Redis does not answer.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rate limits of renders and exports (dialogue_portal.throttle): per signed-in user, counted in the cache (Redis in
# production, shared by every worker). A cache that does not answer lets requests through (the limit is a brake,
# not a lock). RENDER_CACHE_SECONDS: how long an identical render is served from the cache.
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", default=True)
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "dialogue_portal.lockout.client_ip"
RENDER_RATE = envstr("RENDER_RATE", "6/m")
EXPORT_RATE = envstr("EXPORT_RATE", "20/m")
RENDER_CACHE_SECONDS = envint("RENDER_CACHE_SECONDS", 600)
# A local-memory cache is per process: counts are per worker in development, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"] if not REDIS_URL else []


def _email_settings(url: str) -> dict:
    """EMAIL_URL: console:// (default), smtp://user:pass@host:587?tls=1, smtps://... for implicit TLS."""
    if not url or url.startswith("console:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url.startswith("locmem:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    parsed = urlparse(url)
    if parsed.scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured("EMAIL_URL must be console://, smtp://... or smtps://...")
    query = parse_qs(parsed.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in ("1", "true"),
        "EMAIL_TIMEOUT": 20,
    }


globals().update(_email_settings(envstr("EMAIL_URL", "")))
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Cổng đối thoại thanh niên <no-reply@localhost>")
# Outbox (conferences/notifications/outbox.py): a failing message is retried with a capped backoff for
# OUTBOX_RETRY_FOR_SECONDS (a day) before it is marked failed (OUTBOX_MAX_ATTEMPTS: optional cap, 0 = none);
# stuck-claim timeout.
OUTBOX_RETRY_FOR_SECONDS = envint("OUTBOX_RETRY_FOR_SECONDS", 86400)
OUTBOX_MAX_ATTEMPTS = envint("OUTBOX_MAX_ATTEMPTS", 0)
OUTBOX_RETRY_BASE_SECONDS = envint("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = envint("OUTBOX_RETRY_MAX_SECONDS", 3600)
OUTBOX_STUCK_SECONDS = envint("OUTBOX_STUCK_SECONDS", 600)
# Text messages to people without an account (conferences/notifications/channels.py, README "Text messages"):
# "" off, console:// (log), fake:// (tests), https://TOKEN@gateway/path (HTTP gateway).
SMS_URL = envstr("SMS_URL", "console://" if DEBUG else "")
ZALO_URL = envstr("ZALO_URL", "")
# Questions sent by young people (petitions/questions): per client address and per contact, at most
# QUESTION_RATE_LIMIT an hour; contacts erased QUESTION_CONTACT_RETENTION_MONTHS after the conclusion notice;
# PROXY_COUNT trusted proxies in front of the portal (the client address is read from X-Forwarded-For).
QUESTION_RATE_LIMIT = envint("QUESTION_RATE_LIMIT", 5)
QUESTION_CONTACT_RETENTION_MONTHS = envint("QUESTION_CONTACT_RETENTION_MONTHS", 6)
PROXY_COUNT = envint("PROXY_COUNT", 0)

# Production hardening: on whenever DEBUG is off, so `check --deploy` passes with no warnings.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "dialogue_portal.errors.csrf_failure"  # an expired form explained in Vietnamese
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy on every response: scripts, styles, fonts and images from the portal itself only (assets
# are vendored), no inline script or style attribute, no plugins, no framing; forms post to the portal only.
# Bootstrap's form controls draw their arrows and ticks as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# A refused request (403, 404, 413, 429) is one line in the log; a traceback is for a server error.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_in_one_line": {"()": "dialogue_portal.logfilters.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # On the logger: every handler (Django's own console in development included) gets the record without it.
    "loggers": {
        "django.request": {"filters": ["client_errors_in_one_line"]},
        # qpdf (pikepdf, joining the notice's PDF) says "logger bridge initialized" at INFO on import: only problems.
        "pikepdf": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

# Digital signatures (conclusions.signing): PEM files of the root certificates an uploaded signed notice may chain
# to (comma-separated; e.g. the Government Cipher Committee's root CA), besides those an administrator adds in Admin
# (the demo CA among them); the key the seals are stored encrypted with (default SECRET_KEY); how many files one
# client address may check an hour on the public verify page.
SIGNATURE_TRUST_ROOTS = [p.strip() for p in envstr("SIGNATURE_TRUST_ROOTS", "").split(",") if p.strip()]
SIGNATURE_SEAL_KEY = envstr("SIGNATURE_SEAL_KEY", "")
SIGNATURE_VERIFY_RATE = envint("SIGNATURE_VERIFY_RATE", 30)
