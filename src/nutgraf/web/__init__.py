"""The site: a Django project that stores, publishes and serves the engine's briefs.

The engine (`nutgraf.engine`) never imports Django; this package calls into it and stores the
JSON it returns (docs/brief-json.md) unchanged apart from an editor's edits.
"""
