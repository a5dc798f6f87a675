# The README's commands. Each target installs what it needs into .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
BENCH  ?= ../shared/bench

.PHONY: run brief test test-postgres check-wheel lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What serving and briefs need, and nothing else (no test, benchmark or scale-out tools).
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Everything: the tests, the benchmarks and the scale-out extra (Celery, Redis, PostgreSQL).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench,scale]'
	touch $@ $(VENV)/.installed-run

## run: install, then start the site on SQLite with the sample stories (http://127.0.0.1:8000)
run: $(VENV)/.installed-run
	$(BIN)/nutgraf serve

## brief: install, then print the brief of the bundled sample article
brief: $(VENV)/.installed-run
	$(BIN)/nutgraf brief --format markdown

## test: install, then lint, type-check and run the whole test suite
test: $(VENV)/.installed lint typecheck
	$(BIN)/python -m pytest

## test-postgres: the site's tests again on PostgreSQL, with real Celery workers on Redis
## (a missing PostgreSQL or Redis fails the run, never skips it)
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# Only what a database can change runs again here; the rest ran in `make test`:
# - the XSS corpus runs (2,181 payloads through the engine): escaping and sanitising;
# - the browser tests (-m "not browser"): what a reader's browser does with a page;
# - the tests that start a site of their own (its own SQLite file, or its own PostgreSQL
#   database, made whenever PostgreSQL answers, as in CI): the API fuzzing, the comments' load
#   and cross-worker limits, slow clients and nginx, the scheduler's own process, the
#   PostgreSQL backup round trip.
test-postgres: $(VENV)/.installed
	NUTGRAF_REQUIRE_SERVICES=1 DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/web \
	  -m "not browser" \
	  --deselect tests/web/test_hardening_xss.py::test_every_payload_in_an_ingested_article_comes_out_inert \
	  --deselect tests/web/comments/test_xss.py \
	  --deselect tests/web/api/test_fuzz.py \
	  --deselect tests/web/comments/test_load.py \
	  --deselect tests/web/comments/test_limits.py::test_the_limit_holds_across_gunicorn_workers \
	  --deselect tests/web/test_serving.py \
	  --deselect tests/web/scale/test_feeds.py::test_the_scheduler_process_runs_polls_on_its_job_thread \
	  --deselect tests/web/test_hardening_data.py::test_postgres_backup_and_restore_round_trip

## check-wheel: build the wheel, install it alone in a new venv, and serve and brief from it
check-wheel:
	PYTHON=$(PYTHON) .ci/check-wheel

## lint: ruff, and the import contracts in pyproject.toml (the engine imports no Django, ...)
lint: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports

## typecheck: mypy, strict on the engine; the site (with django-stubs), CLI and benchmarks too
typecheck: $(VENV)/.installed
	$(BIN)/mypy src/nutgraf

## bench: every benchmark on the shared data (minutes, not seconds)
bench: $(VENV)/.installed
	$(BIN)/nutgraf bench all --data $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
