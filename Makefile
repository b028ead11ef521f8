# CAPISCE Academy: `make run` to try it, `make test` to check it.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The site's public address, printed in QR codes and mail links: where `make run` serves.
SITE_URL ?= http://$(HOST):$(PORT)
SQLITE_PATH ?= db.sqlite3
PRIVATE_ROOT ?= var/private

# What the browser, PDF and recording tests need from Debian: Chromium, fonts, pdftoppm,
# zbarimg, ffmpeg (ffprobe checks uploaded recordings; the tests make audio with ffmpeg).
TEST_PACKAGES := chromium fonts-dejavu-core poppler-utils zbar-tools ffmpeg
TEST_TOOLS := /usr/bin/chromium /usr/bin/pdftoppm /usr/bin/zbarimg /usr/bin/ffprobe

.PHONY: install run run-tools migrate test lint test-postgres test-tools e2e bench bench-peer bench-load profile clean lock reset-db

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py check_database_history
	$(PY) manage.py createcachetable
	$(PY) manage.py migrate --noinput

run: run-tools migrate
	$(PY) manage.py make_dev_signing_key
	SITE_URL=$(SITE_URL) $(PY) manage.py load_initial_data
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Installs Debian packages when it can (as root, or with sudo that asks no password);
# otherwise stops at once with the command to run, before anything starts.
define debian_packages
	@missing=""; for tool in $(1); do [ -x $$tool ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
		elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
		else echo "$(3) Run:"; echo "  sudo apt-get install $(2)"; exit 1; fi; \
	fi
endef

# The site checks recordings with ffprobe (Debian's ffmpeg), the demo's included.
run-tools:
	$(call debian_packages,/usr/bin/ffprobe,ffmpeg,The site checks recorded renditions with ffprobe.)

test-tools:
	$(call debian_packages,$(TEST_TOOLS),$(TEST_PACKAGES),The browser and audio and PDF tests need Debian packages.)

test: lint test-tools
	DJANGO_SETTINGS_MODULE=capisce.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=capisce.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install test-tools
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL=postgres://user@host:5432/name"; exit 1; }
	DJANGO_SETTINGS_MODULE=capisce.settings.test $(PY) manage.py check --database default
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m benchmarks

# Our module page against a wagtail-lms 0.11.1 lesson with the same text, both under
# gunicorn (2 workers each), loaded in alternating rounds. The peer is installed from PyPI
# into benchmarks/peer/.venv (git-ignored); none of its code is in this repository.
bench-peer: install
	$(PY) -m benchmarks.peer

# 100 learners at once through the whole course: two app servers and a task worker on
# PostgreSQL and Redis (127.0.0.1), then one app server on SQLite. ffprobe checks uploads.
bench-load: install run-tools
	$(PY) -m benchmarks.load

# Where one page's time goes: PAGE=module|course|dashboard|quiz_submit|review, or a URL.
PAGE ?= module
profile: install
	$(PY) -m benchmarks.profile_page $(PAGE)

lock: $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

# A local database from before the apps were split cannot be migrated: start again.
reset-db:
	rm -f $(SQLITE_PATH) $(SQLITE_PATH)-wal $(SQLITE_PATH)-shm
	rm -rf media $(PRIVATE_ROOT)
	@echo "Local database, media and private files removed; \`make run\` builds them again."

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
