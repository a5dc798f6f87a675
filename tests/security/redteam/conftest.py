"""The red-team suite: one test per finding of the attack on the running site (issue 14).

Each test states the attack as an attacker would make it, through the real admin, the real
API or a real server on 127.0.0.1, and fails on the code before its fix. The site's fixtures
(Django set up, sample stories, an editor) come from tests/web/conftest.py.
"""

from tests.web.conftest import (  # noqa: F401  (fixtures, re-exported for this folder)
    editor,
    make_story,
    nothing_kept_for_readers,
    published,
    sample_inputs,
)
