# The two commands a new user needs: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
MINPAN := $(VENV)/bin/minpan
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-sqlite test-postgres lint security bench clean

$(VENV)/.installed: pyproject.toml
	python3.11 -m venv $(VENV) 2>/dev/null || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The worker (queued sends + the sweep every minute) runs beside the web server and stops with it.
run: install
	$(MINPAN) migrate --noinput
	$(MINPAN) collectstatic --noinput -v0
	$(MINPAN) policy show --active --brief
	$(MINPAN) demo load
	@$(MINPAN) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MINPAN) runserver $(HOST):$(PORT)

# SQLite always; PostgreSQL too when DATABASE_URL names one (CI sets it).
test: install
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$CI" ]; then echo "CI is set but DATABASE_URL is not: refusing to skip PostgreSQL" >&2; exit 1; \
	else echo "DATABASE_URL not set: PostgreSQL run skipped (see .ci/run)"; fi

# Two workers (pytest-xdist) on the two cores CI has: each gets its own test database.
PYTEST_WORKERS ?= 2

test-sqlite: install
	env -u DATABASE_URL $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

test-postgres: install
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS)

# ruff (lint and import order) and mypy with django-stubs; .ci/run runs it before the tests.
lint: install
	$(VENV)/bin/ruff check minpan tests bench
	$(VENV)/bin/mypy minpan

# Django's deployment checks under production settings (DEBUG off, a throwaway key unless one is
# set) with no warning allowed, and bandit over minpan; .ci/run runs it after `make lint`.
security: install
	MINPAN_DEBUG=0 MINPAN_SECRET_KEY="$${MINPAN_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	MINPAN_DATA_KEY="$${MINPAN_DATA_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')}" \
	MINPAN_QUERY_KEY="$${MINPAN_QUERY_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')}" \
	$(MINPAN) check --deploy --fail-level WARNING
	$(VENV)/bin/bandit -q -r minpan -ll

# Benchmarks, not tests (docs/performance.md keeps the figures): the public submission against a bare
# one-INSERT view on gunicorn (bench/intake_speed.py), the staff pages after ANALYZE and the
# side-by-side with django-helpdesk (bench/peers/, which installs helpdesk into its own virtualenv),
# on SQLite files under BENCH_DATA, and on PostgreSQL too when DATABASE_URL names a server (the
# benchmarks make their own databases there). RECORDS=10000 for a quick run.
RECORDS ?= 100000
BENCH_DATA ?= /tmp/minpan-bench
bench: install
	mkdir -p $(BENCH_DATA)
	env -u DATABASE_URL $(PY) -W ignore bench/intake_speed.py --requests 1200 --rounds 4 --seconds 20
	env -u DATABASE_URL DATABASE_URL=sqlite:///$(BENCH_DATA)/desk-$(RECORDS).sqlite3 \
		$(PY) -W ignore bench/desk_pages.py --cases $(RECORDS) --requests 20 --search-requests 3
	env -u DATABASE_URL $(PY) -W ignore bench/peers/side_by_side.py --records $(RECORDS) --data $(BENCH_DATA)/peers
	@if [ -n "$$DATABASE_URL" ]; then \
		DATABASE_URL=$$($(PY) bench/peers/side_by_side.py --print-database intake) \
		$(PY) -W ignore bench/intake_speed.py --requests 1200 --rounds 4 --seconds 20 && \
		$(PY) -W ignore bench/peers/side_by_side.py --records $(RECORDS) --db postgres && \
		DATABASE_URL=$$($(PY) bench/peers/side_by_side.py --print-database desk_$(RECORDS)) \
		$(PY) -W ignore bench/desk_pages.py --cases $(RECORDS) --requests 20 --search-requests 3; \
	else echo "DATABASE_URL not set: the PostgreSQL benchmarks skipped"; fi

clean:
	rm -rf $(VENV) db.sqlite3* .pytest_cache
