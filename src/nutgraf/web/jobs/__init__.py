"""Jobs: fetch, extract and compose an article, re-compose a story, poll a feed.

One interface, `job_enqueue(*, name, key, arguments)` (services.py): with CELERY_BROKER_URL set
it sends the job to Celery workers (worker.py), otherwise it runs it here and now. Either way a
job runs through `job_run`, which holds a lock on its key (locks.py) so that the same story is
never worked on twice at once, and article jobs are idempotent: an (URL, content hash) pair
becomes a story once (articles.py). Fetching keeps its manners in politeness.py.
"""
