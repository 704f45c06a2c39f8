# Village: `make run` to try it, `make test` to check it. Needs only Python >= 3.12.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
# uv from PATH if there is one, else installed into the venv from PyPI (pinned in uv.lock).
UV := $(shell command -v uv 2>/dev/null || echo $(VENV)/bin/uv)
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PY)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run prod test pytest check setup lint messages bench bench-data bench-outcomes bench-load bench-audio bench-saturation bench-day bench-mixed clean screenshots design

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Village needs Python 3.12 or newer on PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.synced: $(VENV)/bin/python pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet "uv==$$(sed -n '/^name = "uv"$$/{n;s/version = "\(.*\)"/\1/p}' uv.lock)"
# Where PYTHONDONTWRITEBYTECODE is set (many images set it), no process keeps the bytecode
# it compiles and each compiles its imports again: 1.8 s a start, 0.4 s more of a served
# worker's first page. There the packages are compiled once, here (about 18 s); elsewhere
# Python writes the bytecode as it goes.
	$(UV) sync --frozen --inexact --quiet $(if $(PYTHONDONTWRITEBYTECODE),--compile-bytecode)
	@touch $@

setup: $(VENV)/.synced
	DJANGO_DEBUG=true $(PY) manage.py build_translations

# The demo, served over plain HTTP on this machine: make run and the screenshots' gallery.
run screenshots: export DJANGO_DEBUG ?= true
run screenshots: export VILLAGE_DEMO ?= true
run screenshots: export VILLAGE_HTTPS ?= false
# E-mailed links point at the port this server runs on, unless an address is set.
run: export VILLAGE_SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py start_reminders
	@echo ""
	@echo "Village is at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@$(PY) manage.py db_worker & trap "kill $$! 2>/dev/null" EXIT; \
	  $(PY) manage.py runserver --skip-checks $(HOST):$(PORT)

# Production's way on one machine (README, "Production"): PostgreSQL and the shared cache
# (Redis) started when local and down, migrations, static files, gunicorn with a worker
# per core and a half, the task worker beside it, JSON logs. Every default below is a
# variable of the environment a real deployment sets (behind TLS: VILLAGE_HTTPS=true).
prod: export DJANGO_DEBUG := false
prod: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/village
prod: export VILLAGE_REDIS_URL ?= redis://127.0.0.1:6379/0
prod: export VILLAGE_LOG_FORMAT ?= json
prod: export VILLAGE_HTTPS ?= false
prod: export ALLOWED_HOSTS ?= $(HOST),localhost
prod: export EMAIL_HOST ?= localhost
prod: export VILLAGE_SITE_URL ?= http://$(HOST):$(PORT)
# Without a SECRET_KEY of its own, one is made once into .secret_key (readable by its owner
# alone) so sessions outlive a restart.
prod: setup
	@test -n "$$SECRET_KEY" -o -s .secret_key || { umask 077; $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > .secret_key; }
	@bash deploy/local-services.sh
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" $(PY) manage.py serve --bind $(HOST):$(PORT)

# The checks that do not depend on the database, then the suite. CI runs them once and the
# suite a second time on PostgreSQL (`make pytest`, .ci/run).
test: check pytest

pytest: setup
	$(PY) -m pytest -n $${PYTEST_WORKERS:-2} $(PYTEST_ARGS)

check: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
# Bandit: no high-severity finding in the app's code (decision 0020); tests are exempt.
	$(VENV)/bin/bandit -q -r . -x './.venv,./staticfiles,./design/node_modules,*/tests/*' --severity-level high
	DJANGO_SETTINGS_MODULE=village.test_settings $(PY) manage.py makemigrations --check --dry-run > /dev/null

lint: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# The gallery in docs/screenshots/, from the demo loaded into a throwaway database.
screenshots: setup
	$(PY) manage.py screenshots

# The stylesheet, fonts and icons under static/village/, rebuilt from the npm packages that
# design/package-lock.json pins (decision 0016). Needs Node.js; `make run` does not.
design: setup
	cd design && npm ci --no-audit --no-fund --ignore-scripts
	$(PY) design/build.py

bench: setup
	$(PY) bench/run.py

# A state's program for the load tests (bench/statewide.py): 270 coaches, 8,100
# partnerships, 20,250 children, 202,500 journal posts, 101,250 calendar events, 50,000
# directory services, 20,250 assistance requests, in bench/statewide.sqlite3 or
# DATABASE_URL's database. BENCH_DATA_ARGS="--today 2026-12-07" makes the same again.
bench-data: setup
	$(PY) bench/statewide.py $(BENCH_DATA_ARGS)

# Issue 20's outcome measures and dashboard on 20,000 children and 200,000 events, in a
# database of their own: the pages above are measured on a program of another shape.
bench-outcomes: setup
	$(PY) bench/outcomes.py

# The dashboard served by gunicorn to concurrent clients, on what bench-outcomes left.
bench-load: setup
	$(PY) bench/load.py

# Under make prod's server, on the statewide program (make bench-data): each heavy page at
# 20 connections beside the trivial one (wrk), a realistic day of 20 people, and visitors'
# forms written alone and beside reads. DATABASE_URL picks PostgreSQL. docs/performance.md.
bench-saturation: setup
	$(PY) bench/saturation.py

bench-day: setup
	$(PY) bench/day.py

bench-mixed: setup
	$(PY) bench/mixed.py

# A three-minute voice recording checked and made safe to keep (core/audio.py), as each
# recorder delivers it.
bench-audio: setup
	$(PY) bench/audio.py

clean:
	rm -rf $(VENV) village.sqlite3* staticfiles
