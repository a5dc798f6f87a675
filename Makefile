# The README's commands. Each target installs what it needs into .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
BENCH  ?= ../shared/bench

.PHONY: run brief test test-postgres lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench,scale]'
	touch $@

## run: install, then start the site on SQLite with the sample stories (http://127.0.0.1:8000)
run: $(VENV)/.installed
	$(BIN)/nutgraf serve

## brief: install, then print the brief of the bundled sample article
brief: $(VENV)/.installed
	$(BIN)/nutgraf brief --format markdown

## test: install, then lint, type-check and run the whole test suite
test: $(VENV)/.installed lint typecheck
	$(BIN)/python -m pytest

## test-postgres: the site's tests again on PostgreSQL, with real Celery workers on Redis
## (a missing PostgreSQL or Redis fails the run, never skips it)
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# The XSS corpus runs (2,181 payloads through the engine) check escaping and sanitising, which
# no database changes; they run once, in `make test`.
test-postgres: $(VENV)/.installed
	NUTGRAF_REQUIRE_SERVICES=1 DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/web \
	  --deselect tests/web/test_hardening_xss.py::test_every_payload_in_an_ingested_article_comes_out_inert \
	  --deselect tests/web/comments/test_xss.py

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(VENV)/.installed
	$(BIN)/mypy src/nutgraf/engine

## bench: every benchmark on the shared data (minutes, not seconds)
bench: $(VENV)/.installed
	$(BIN)/nutgraf bench all --data $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
