from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django admin, with the desk's site as the default one."""

    default = False
    default_site = "nutgraf.web.desk.sites.DeskSite"


class DeskConfig(AppConfig):
    default = True
    name = "nutgraf.web.desk"
    label = "desk"
    verbose_name = "Editors' desk"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from nutgraf.web.desk import lockout

        # Failures need no signal: every attempt is counted before its password is checked.
        user_logged_in.connect(lockout.on_logged_in, dispatch_uid="desk-lockout-success")
