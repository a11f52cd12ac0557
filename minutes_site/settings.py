"""Minutebook settings, from the environment only.

The defaults are a developer's machine (SQLite, DEBUG on, a cache in memory). Production is a set
of environment variables, listed with their meanings in docs/deployment.md: DEBUG=false,
SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, DATABASE_URL, DATABASE_REPLICA_URLS, CACHE_URL,
HTTPS, TRUST_X_FORWARDED_PROTO and a few more below.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .environment import caches_from_url, replica_databases

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Served over HTTPS (the default in production): cookies only over HTTPS, plain HTTP redirected,
# and browsers told to use HTTPS for a year (HSTS). HTTPS=false for a trial on 127.0.0.1.
HTTPS = envbool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", HTTPS)
# A load balancer asks over plain HTTP on the inside; it must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind nginx (or any proxy) that ends TLS and says so in X-Forwarded-Proto.
if envbool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): the pages run no script, and their only style is the
# site's stylesheet: nothing inline, nothing from elsewhere, never inside another site's frame.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "corsheaders",
    "ninja",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "meetings",
    "meetings.people",
    "meetings.recommendations",
    "meetings.revisions",
    "meetings.alerts",
    "anymail",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files, hashed and compressed, straight from gunicorn (no separate server needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # The API, feeds, calendars and downloads may be read from any site's pages (GET only).
    "corsheaders.middleware.CorsMiddleware",
    # Under /api/ even an error made outside the API (a method it does not allow) is JSON.
    "meetings.middleware.JsonApiErrorsMiddleware",
    # API_RATE_LIMIT per address, counted before the page cache serves an answer (meetings/ratelimit.py).
    "meetings.ratelimit.ApiRateLimitMiddleware",
    # A visitor's GET reads from a replica where there are any (meetings/routers.py).
    "meetings.routers.ReplicaReadsMiddleware",
    # A visitor's reading page seen before: served from here, the rest left out (meetings/pagecache.py).
    "meetings.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A committee's page at an address it had before: a permanent redirect (meetings/addresses.py).
    "meetings.addresses.FormerSlugRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database restarting or failing over: 503 with Retry-After, not a 500.
    "meetings.middleware.DatabaseUnavailableMiddleware",
    # Last, as its documentation asks: answers a locked-out sign-in with its own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "minutes_site.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "minutes_site.wsgi.application"

# SQLite is the embedded default; PostgreSQL is the production database. Connections are kept
# between requests for CONN_MAX_AGE seconds and checked before each request reuses one.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
}
# Read-only streaming replicas (comma-separated URLs): reading pages and search read from them.
REPLICAS = replica_databases(envlist("DATABASE_REPLICA_URLS", ""), conn_max_age=CONN_MAX_AGE)
DATABASES.update(REPLICAS)
REPLICA_DATABASES = list(REPLICAS)
DATABASE_ROUTERS = ["meetings.routers.ReplicaRouter"]

# The cache: memory in each process by default (nothing to install); in production Redis, shared by
# every worker and server ("redis://127.0.0.1:6379/0"). Reading pages are kept in it (meetings/pagecache.py);
# with Redis each worker also keeps its own copies of the pages it served lately ("nearby").
CACHES = caches_from_url(os.environ.get("CACHE_URL", "locmem://"))
# A worker trusts the versions of the site's parts it read for this many seconds: a page it serves
# from the cache then costs no query, and another process's change reaches its visitors at most
# this much later, as a replica's visitors see one a replication delay later. 0: read every time.
PAGE_VERSIONS_FRESH_FOR = float(os.environ.get("PAGE_VERSIONS_FRESH_FOR", "1"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# In production `collectstatic` names each file by its content's hash and compresses it; WhiteNoise
# serves those names with a year's Cache-Control. A developer's machine serves the files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# A developer's machine serves the files from static/ as they change, with no collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

# The day a committee's municipal year begins, as MM-DD ("05-01" is 1 May).
# "Minute 59/16" is minute 59 of the municipal year that began on this day in 2016.
MUNICIPAL_YEAR_START = os.environ.get("MUNICIPAL_YEAR_START", "05-01")

# Who a council's web team can write to about the crawler: sent in its User-Agent
# ("Minutebook/1.0 (...; +mailto:CRAWLER_CONTACT)"). A site's own contact (admin) comes first.
CRAWLER_CONTACT = os.environ.get("CRAWLER_CONTACT", "")

# Staff sign in at /accounts/login/. Failed sign-ins are counted per user name and address together
# (django-axes); after AXES_FAILURE_LIMIT the pair is locked out for AXES_COOLOFF_TIME hours.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/actions/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Uploaded minutes (/staff/import/): at most 20 files a request and 5 MB a file. A file up to 5 MB
# stays in memory; a larger one, refused, is streamed to a temporary file with a name of its own.
UPLOAD_MAX_FILES = 20
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FILES = 100  # beyond this Django refuses the request; up to it the form explains

# Open data. The API (/api/), feeds, calendars and bulk downloads may be read by a page on any
# site, with GET only (django-cors-headers); the API answers an address at most API_RATE_LIMIT
# times ("120/min"), counted in the cache above (shared by every server when that is Redis).
CORS_URLS_REGEX = r"^/(api/.*|.*feed/.*|.*\.ics|data/.*)$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Content-Disposition"]
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/min")
# How long the body a recommendation is addressed to has to respond before it is shown as overdue
# (two months in England: the statutory guidance on overview and scrutiny).
RECOMMENDATION_RESPONSE_MONTHS = int(os.environ.get("RECOMMENDATION_RESPONSE_MONTHS", "2"))

# Email: an email provider's API through django-anymail where ANYMAIL_ESP is set ("postmark",
# "mailgun", "amazon_ses", ...; its settings as ANYMAIL_<NAME>, e.g. ANYMAIL_POSTMARK_SERVER_TOKEN),
# else SMTP where EMAIL_HOST is set (Django's names), else the console (a developer's machine).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in os.environ.items() if name.startswith("ANYMAIL_")}
# The provider's bounce and complaint webhooks (/anymail/<esp>/tracking/) answer only requests
# carrying this "user:password" (HTTP basic auth); unset, a random one refuses every request.
ANYMAIL.setdefault("WEBHOOK_SECRET", f"minutebook:{secrets.token_urlsafe(32)}")
if ANYMAIL.get("ESP"):
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL['ESP']}.EmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() in ("1", "true", "yes")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Minutebook <alerts@localhost>")
# The site's public address, for every link in an email.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Email alerts (meetings/alerts): a confirmation link's life, sign-ups an hour per address and per
# client, and mails sent a second.
ALERT_CONFIRM_DAYS = 7
ALERT_SIGNUPS_PER_HOUR = int(os.environ.get("ALERT_SIGNUPS_PER_HOUR", "5"))
ALERTS_PER_SECOND = float(os.environ.get("ALERTS_PER_SECOND", "10"))
# Behind a proxy, the number of proxies whose X-Forwarded-For the rate limit trusts (django-ninja).
NINJA_NUM_PROXIES = int(os.environ["NUM_PROXIES"]) if os.environ.get("NUM_PROXIES") else None
# What the minutes may be reused under, as the council publishes them: shown on the Open data page
# and in every download.
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "Open Government Licence v3.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
)
