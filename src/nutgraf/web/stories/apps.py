from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "nutgraf.web.stories"
    label = "stories"
    verbose_name = "Stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from nutgraf.web.stories import models
        from nutgraf.web.stories.caching import content_changed

        # Story pages show category, tag and entity names: renames and deletions made in the
        # desk change them. A migration comes with a deployment, whose templates may differ.
        for model in (models.Category, models.Tag, models.Entity):
            post_save.connect(content_changed, sender=model, dispatch_uid=model.__name__)
            post_delete.connect(content_changed, sender=model, dispatch_uid=model.__name__)
        post_migrate.connect(content_changed, dispatch_uid="nutgraf-content-changed")
