from django.apps import AppConfig
from django.conf import settings


class JobsConfig(AppConfig):
    name = "nutgraf.web.jobs"
    label = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        from nutgraf.web.jobs.local import LocalRunner

        # This process's runner of jobs when no broker is configured (jobs/local.py).
        self.runner = LocalRunner(background=settings.JOBS_LOCAL_THREAD)
