"""`python -m nutgraf.web <command>`: Django's manage.py for the site."""

import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")
execute_from_command_line([f"{sys.executable} -m nutgraf.web", *sys.argv[1:]])
