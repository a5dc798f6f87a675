"""Feed subscriptions: the desk follows RSS/Atom feeds and sitemaps; new items become drafts.

models.py holds each feed's schedule and health; services.py polls one feed (conditional
requests, robots.txt, the host's turn, back-off when it fails) and enqueues an article job per
new item; scheduler.py is the loop `nutgraf scheduler` runs; admin.py shows health on the desk.
"""
