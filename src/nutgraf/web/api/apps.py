from django.apps import AppConfig


class ApiConfig(AppConfig):
    default = True
    name = "nutgraf.web.api"
    label = "api"
    verbose_name = "JSON API"
