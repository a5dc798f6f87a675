"""The site's settings, read from the environment; the defaults are the safe production ones.

SECRET_KEY             required unless DEBUG is on (`nutgraf serve` makes and keeps one)
DEBUG                  "1"/"true" turns on Django's debug pages; off by default
ALLOWED_HOSTS          comma-separated host names; default "localhost,127.0.0.1"
DATABASE_URL           default: SQLite at $NUTGRAF_DATA_DIR/nutgraf.sqlite3
CACHE_URL              redis://host:6379/0 for a shared cache; default a table in the database
NUTGRAF_DATA_DIR       where the SQLite file, uploads and collected static files live; ./var
NUTGRAF_HTTPS          "1" (default): HSTS, secure cookies, redirect to HTTPS; "0" for plain
                       HTTP on a developer's machine
NUTGRAF_BEHIND_PROXY   "1": trust X-Forwarded-Proto and the last X-Forwarded-For hop from
                       the reverse proxy in front
NUTGRAF_COMMENT_RATE   comments per client address, "count/seconds"; default "5/60"
NUTGRAF_REPORT_RATE    reports of comments per client address; default "10/3600"
NUTGRAF_COMMENT_MIN_SECONDS  a comment form sent back sooner is refused; default 3
NUTGRAF_PAGE_CACHE     seconds a public page is cached whole; 0 (default) turns it off
NUTGRAF_SITE_NAME      the name in the masthead, feeds and JSON-LD; default "nutgraf"
NUTGRAF_SITE_URL       absolute base URL for feeds, sitemaps and canonical links
NUTGRAF_TIME_ZONE      the site's time zone (desk times, pages without script); default "UTC"
NUTGRAF_API_READ_RATE  API reads per client address, "count/seconds"; default "120/60"
NUTGRAF_API_BRIEF_RATE POST /api/v1/briefs per client address; default "10/60"
NUTGRAF_API_BRIEF_SECONDS  time budget of one brief made for the API; default 30
NUTGRAF_API_BRIEF_CONCURRENCY  briefs without a token composed at once, by all web processes
                       together; default 2 (keep it below the site's worker threads)
NUTGRAF_API_WRITE_RATE API writes per token; default "60/60"
NUTGRAF_API_MAX_BODY   largest API request body in bytes; default 1048576
NUTGRAF_CORS_ORIGINS   comma-separated origins allowed to call the API ("*": any); default none
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from nutgraf.web.settings.database import database_from_url


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NUTGRAF_DATA_DIR", "var")).resolve()

DEBUG = _flag("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (or DEBUG=1 on a developer's machine)."
        )
    SECRET_KEY = "insecure-debug-only-" + "x" * 40
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "localhost,127.0.0.1")

SITE_NAME = os.environ.get("NUTGRAF_SITE_NAME", "nutgraf")
SITE_URL = os.environ.get("NUTGRAF_SITE_URL", "").rstrip("/")
SITE_DESCRIPTION = "Clear, sourced explainers of the news: every point cites the reporting."

INSTALLED_APPS = [
    "nutgraf.web.desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "nutgraf.web.stories",
    "nutgraf.web.comments",
    "nutgraf.web.coverage",
    "nutgraf.web.desk",
    "nutgraf.web.jobs",
    "nutgraf.web.subscriptions",
    "nutgraf.web.limits",
    "ninja",
    "nutgraf.web.api",
]

PAGE_CACHE_SECONDS = int(os.environ.get("NUTGRAF_PAGE_CACHE", "0") or 0)

MIDDLEWARE = [
    "nutgraf.web.headers.SecurityHeadersMiddleware",
    "nutgraf.web.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for a page whose ETag or Last-Modified the browser (or nginx) already has.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF, whose marks say a page issued a token (never shared); stories/caching.py.
    "nutgraf.web.stories.caching.SharedPageMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Cookies that make a request personal: its answer is private and never shared (the desk's
# session; the comments only their author sees while they await moderation). deploy/nginx.conf
# bypasses its micro-cache for the same names.
PERSONAL_COOKIES = ("sessionid", "nutgraf_comments")

ROOT_URLCONF = "nutgraf.web.urls"
WSGI_APPLICATION = "nutgraf.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nutgraf.web.stories.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'nutgraf.sqlite3'}"),
        base_dir=Path.cwd(),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = os.environ.get("CACHE_URL", "")
CACHES: dict[str, dict[str, Any]]
_shared_cache: dict[str, Any]
if _cache_url.startswith(("redis://", "rediss://")):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _cache_url,
    }
else:
    # A table in the site's database (made by the comments app's migration): every gunicorn
    # worker shares it, so rate limits hold across processes without Redis.
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "nutgraf_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
CACHES = {
    "default": _shared_cache,
    # Whole pages and template fragments (stories/caching.py), in each process's memory: their
    # keys carry the content generation, read from "default", so no process serves a stale copy.
    # At most MAX_ENTRIES (least recently used go first): about 15 MB of 15 KB pages.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "nutgraf-pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# Comments: rate limits per client address ("count/seconds") and the least time a person
# takes to fill in the form.
COMMENT_RATE = os.environ.get("NUTGRAF_COMMENT_RATE", "5/60")
REPORT_RATE = os.environ.get("NUTGRAF_REPORT_RATE", "10/3600")
COMMENT_MIN_SECONDS = float(os.environ.get("NUTGRAF_COMMENT_MIN_SECONDS", "3"))

# JSON API (nutgraf.web.api): rate limits ("count/seconds"), body size, CORS origins.
API_READ_RATE = os.environ.get("NUTGRAF_API_READ_RATE", "120/60")
API_BRIEF_RATE = os.environ.get("NUTGRAF_API_BRIEF_RATE", "10/60")
API_WRITE_RATE = os.environ.get("NUTGRAF_API_WRITE_RATE", "60/60")
API_MAX_BODY_BYTES = int(os.environ.get("NUTGRAF_API_MAX_BODY", str(1024 * 1024)))
API_BRIEF_SECONDS = float(os.environ.get("NUTGRAF_API_BRIEF_SECONDS", "30"))
API_BRIEF_CONCURRENCY = int(os.environ.get("NUTGRAF_API_BRIEF_CONCURRENCY", "2"))
API_CORS_ORIGINS = _list("NUTGRAF_CORS_ORIGINS", "")

# Argon2 first, as Django's documentation recommends; the others still check older hashes,
# which Django upgrades to Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("NUTGRAF_TIME_ZONE", "UTC")  # the desk's times; pages say which
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"  # uploaded images, re-encoded (stories/images.py)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "admin:login"

# Security: HTTPS everywhere unless NUTGRAF_HTTPS=0 (plain HTTP on 127.0.0.1).
HTTPS = _flag("NUTGRAF_HTTPS", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: forms carry it
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
BEHIND_PROXY = _flag("NUTGRAF_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", "")
# A comment or report form sent without its token (the page's script did not run) comes back
# once with one; every other refusal is Django's own (nutgraf/web/views.py).
CSRF_FAILURE_VIEW = "nutgraf.web.views.csrf_failure"

# Jobs on Celery or in-process, fetching manners, and LOGGING (text or JSON lines).
from nutgraf.web.settings.scale import *  # noqa: E402, F403
