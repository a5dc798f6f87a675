from django.apps import AppConfig


class LimitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nutgraf.web.limits"
    label = "limits"
    verbose_name = "Rate limits"
