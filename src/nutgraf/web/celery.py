"""The site's Celery app, in Celery's standard Django layout: `celery -A nutgraf.web worker`.

Its settings are Django's, under the CELERY_ namespace (settings/scale.py); its tasks are
found by autodiscovery in each installed app's `tasks.py` (jobs/tasks.py). Importing this
module sets nothing up: the worker calls django.setup() itself (Celery's Django fix-up), and
the web process only sends tasks by name (jobs/services.py), so it never imports the tasks.
Celery is the `scale` extra: nothing imports this module without a broker configured.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")

app = Celery("nutgraf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _load_model(**_: Any) -> None:
    """Load the language model before the first job (pool children inherit it by fork)."""
    from nutgraf.engine.nlp import load_model

    load_model()
