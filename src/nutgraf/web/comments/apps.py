from django.apps import AppConfig


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nutgraf.web.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self) -> None:
        from nutgraf.web.comments.forms import FORM_TOKEN_FIELD, refresh_form_token
        from nutgraf.web.stories.pagecache import fresh_field

        # A cached story page must not carry the time it was first rendered: the form's
        # "sent back too fast" check counts from when this reader was shown it.
        fresh_field(FORM_TOKEN_FIELD, refresh_form_token)
