"""ASGI entry point: what `nutgraf serve` runs (gunicorn's asgi worker, `nutgraf.web.asgi`).

An event loop reads each request whole before Django sees it, so a client that sends its
headers or body a byte at a time holds a coroutine, not one of the few threads that run views.
"""

import os
import sys
import warnings

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nutgraf.web.settings.base")

# WhiteNoise answers static files with a file iterator, which Django's ASGI handler streams
# from a thread and warns about once per file. That is the documented way WhiteNoise works
# under ASGI; behind nginx (docs/nginx.conf) static files never reach Django at all.
warnings.filterwarnings("ignore", "StreamingHttpResponse must consume synchronous iterators")

# The event loop and the thread that runs views take turns on one interpreter lock; a short
# switch interval lets the loop answer while a long page renders (as wsgi.py, for gthread).
sys.setswitchinterval(0.001)

application = get_asgi_application()
