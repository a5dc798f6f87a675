"""Settings for pytest: a throwaway secret, plain HTTP, plain static storage, fast hashing."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("NUTGRAF_HTTPS", "0")

from nutgraf.web.settings.base import *  # noqa: F403
from nutgraf.web.settings.base import DATA_DIR

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "test.sqlite3"),
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }
}
if os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql")):
    # `make test-postgres`: the same tests on PostgreSQL (pytest-django makes test_<name>).
    from pathlib import Path

    from nutgraf.web.settings.database import database_from_url

    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"], base_dir=Path.cwd())}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "http://testserver"
# Jobs without a broker wait for the test to run them (LocalRunner.run_pending), on its thread
# and inside its transaction; the site's own thread is tested against a live server.
JOBS_LOCAL_THREAD = False
# Static files come from the apps' folders; no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
