"""Make a site ready to run: environment, database, static files, samples and an editor.

Used by `nutgraf serve` and the benchmark; a production deployment runs the same steps through
`python -m nutgraf.web migrate` and `collectstatic` instead.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SETTINGS = "nutgraf.web.settings.base"
EDITOR = "editor"


@dataclass(frozen=True, slots=True)
class Prepared:
    data_dir: Path
    stories_loaded: int
    editor: str
    password: str | None  # None when the account already existed and was not reset
    password_file: Path


def local_environment(*, data_dir: Path, host: str) -> dict[str, str]:
    """Environment for a site on this machine: a kept secret key, plain HTTP, SQLite in data_dir."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "NUTGRAF_DATA_DIR": str(data_dir),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or key_file.read_text().strip(),
        "NUTGRAF_HTTPS": os.environ.get("NUTGRAF_HTTPS", "0"),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", f"{host},localhost,127.0.0.1"),
    }


def site_prepare(*, data_dir: Path, samples: bool = True, reset_password: bool = False) -> Prepared:
    """Migrate, collect static files, load samples into an empty site, ensure the editor."""
    import django
    from django.core.management import call_command

    django.setup()
    from nutgraf.web.coverage.samples import coverage_samples_load
    from nutgraf.web.desk.services import editor_ensure
    from nutgraf.web.stories.models import Story
    from nutgraf.web.stories.samples import samples_load

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    loaded = 0
    if samples and not Story.objects.exists():
        loaded = samples_load()
        loaded += len(coverage_samples_load())  # several outlets per event: coverage pages
    _, password = editor_ensure(username=EDITOR, reset=reset_password)
    password_file = data_dir / "editor-password"
    if password is not None:
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    elif password_file.exists():
        password = password_file.read_text().strip()
    return Prepared(
        data_dir=data_dir,
        stories_loaded=loaded,
        editor=EDITOR,
        password=password,
        password_file=password_file,
    )
