# Minutebook. `make run` serves the site with the sample minutes; `make test` runs every test
# on SQLite and then on PostgreSQL.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/minutebook

.PHONY: setup run serve test test-sqlite test-postgres lint bench browser screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# psycopg2 builds against libpq: install Debian's libpq-dev where pg_config is missing.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	@command -v pg_config >/dev/null 2>&1 || { \
		echo "pg_config not found: installing Debian's libpq-dev so psycopg2 can build"; \
		apt-get update -qq && apt-get install -y -qq libpq-dev; }
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput

run: setup
	$(BIN)/python manage.py import_minutes meetings/sample_minutes/
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production settings under gunicorn (minutes_site/gunicorn.conf.py), with the environment of
# docs/minutebook.env (see docs/deployment.md). To try it on this machine over plain HTTP:
#   SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') HTTPS=false make serve
serve: setup
	@test -n "$$SECRET_KEY" || { echo "make serve runs the production settings: set SECRET_KEY (and see docs/deployment.md)"; exit 1; }
	DEBUG=false $(BIN)/python manage.py migrate --noinput
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput -v0
	DEBUG=false $(BIN)/gunicorn -c minutes_site/gunicorn.conf.py

test: setup lint browser test-sqlite test-postgres

# Browser tests drive Debian's Chromium, and the HTML checker runs on Java: install them (as root)
# when missing, from Debian's packages, never a downloaded browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Chromium not found: installing Debian's chromium and chromium-driver for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else \
			echo "Chromium not found and not root: the browser tests will be skipped (apt-get install chromium)"; \
		fi; }
	@command -v java >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Java not found: installing Debian's openjdk-17-jre-headless for the W3C HTML checker"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
		else \
			echo "Java not found and not root: the HTML validity test will be skipped (apt-get install openjdk-17-jre-headless)"; \
		fi; }

# Every kind of page at 320 and 1280 px, for a reviewer to look at (not committed).
SCREENSHOTS_DIR ?= screenshots
screenshots: setup browser
	rm -rf $(SCREENSHOTS_DIR)
	env -u DATABASE_URL SCREENSHOTS_DIR=$(abspath $(SCREENSHOTS_DIR)) $(BIN)/pytest -m screenshots tests/test_accessibility.py
	@echo "Screenshots of every kind of page are in $(SCREENSHOTS_DIR)/"

test-sqlite: $(VENV)/.installed
	@echo "== Tests on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

# Under CI=true a PostgreSQL that does not answer is a failure; elsewhere the pass is skipped, loudly.
test-postgres: $(VENV)/.installed
	@if $(BIN)/python tests/postgres_available.py "$(TEST_DATABASE_URL)"; then \
		echo "== Tests on PostgreSQL ($(TEST_DATABASE_URL))"; \
		DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "FAILED: CI=true needs PostgreSQL, and none answered at $(TEST_DATABASE_URL)"; exit 1; \
	else \
		echo "SKIPPED: the PostgreSQL pass, because no PostgreSQL answered at $(TEST_DATABASE_URL)."; \
		echo "         Only SQLite was tested. Set TEST_DATABASE_URL or start PostgreSQL to run it."; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: setup
	$(BIN)/python bench/parse.py

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache .hypothesis
