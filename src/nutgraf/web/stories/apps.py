from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "nutgraf.web.stories"
    label = "stories"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Stored articles show category, tag and entity names (rendering.py): renames and
        # deletions made in the desk mark those articles stale.
        from django.db.models.signals import post_save, pre_delete

        from nutgraf.web.stories import models, rendering

        for model in (models.Category, models.Tag, models.Entity):
            post_save.connect(rendering.stale_on_rename, sender=model, dispatch_uid=model.__name__)
            pre_delete.connect(rendering.stale_on_rename, sender=model, dispatch_uid=model.__name__)
