from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "nutgraf.web.jobs"
    label = "jobs"
    verbose_name = "Jobs"
