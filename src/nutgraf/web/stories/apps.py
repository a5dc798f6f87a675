from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "nutgraf.web.stories"
    label = "stories"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"
