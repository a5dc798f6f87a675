from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "nutgraf.web.subscriptions"
    label = "subscriptions"
    verbose_name = "Feed subscriptions"
