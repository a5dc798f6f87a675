"""Jobs: fetch, extract and compose an article, re-compose a story, poll a feed, make an API
submission into a story.

One interface, `job_enqueue(*, name, key, arguments)` (services.py): with CELERY_BROKER_URL set
it sends the job to Celery workers (the app in web/celery.py, the task in tasks.py), otherwise
to this process's job thread (local.py); never run in the caller's thread. Either way a job
runs through `job_run`, which holds a lease on its key (locks.py) so that the same story is
never worked on twice at once, and article jobs are idempotent: an (URL, content hash) pair
becomes a story once (articles.py). Fetching keeps its manners in politeness.py; errors.py
holds JobLater and JobQueueDown.
"""
