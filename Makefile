# Everyday commands. `make` alone lists them; each target documents itself with a `## ` comment.

PYTHON ?= python3.11
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make run` serves the site at, for every absolute URL it writes (canonical and
# alternate links, sitemap, feeds, open data): the seeded Site ("localhost", not configured)
# takes it from WAGTAILADMIN_BASE_URL (clermont_intl/public_urls.py). Set it when HOST is
# 0.0.0.0 or the site is reached through another name.
RUN_BASE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core, at most four (each has its own test database and
# its own Redis databases, tests/loopback.py redis_database); TEST_WORKERS=0 runs everything in
# this process. Each worker runs its share in the collected order (tests/conftest.py); a worker
# that has finished takes the last tests of another's share (--dist worksteal): the tests last
# a few milliseconds to a minute, and the run ends when the slowest share does.
TEST_WORKERS ?= auto
PARALLEL := -n $(TEST_WORKERS) --maxprocesses 4 --dist worksteal
# What `make test-fast` leaves out (the markers are described in pyproject.toml).
FAST_TIER := not browser and not stack and not processes and not slow
# Where `make lock` builds its throwaway virtualenv.
LOCK_VENV ?= /tmp/clermont-intl-lock

PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DEMO_EDITOR_FILE := var/demo-editor.txt
# pip-audit lives in a virtualenv of its own: its dependencies never mix with the site's pins.
AUDIT_VENV ?= var/audit
PIP_AUDIT_VERSION ?= 2.10.1

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-browser lint check lock clean install messages msgfmt migrate seed demo-editor browser-tools bench audit

help: ## List the available commands
	@echo "Usage: make <target> [HOST=127.0.0.1] [PORT=8000] [RUN_BASE_URL=http://HOST:PORT] [PYTEST_ARGS=...]"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: install messages migrate seed demo-editor ## Set up and run the site locally (SQLite unless DATABASE_URL), with seeded content
	@echo
	@echo "Site:   $(RUN_BASE_URL)/  (redirects to /fr/ or /en/)"
	@echo "Admin:  $(RUN_BASE_URL)/admin/"
	@sed 's/^/        /' $(DEMO_EDITOR_FILE)
	@echo
	@echo "Scheduler: scheduled publishing and queued e-mails every minute, beside the server"
	export WAGTAILADMIN_BASE_URL="$(RUN_BASE_URL)"; $(MANAGE) run_scheduler & trap 'kill $$! 2>/dev/null' EXIT INT TERM; WAGTAILADMIN_BASE_URL="$(RUN_BASE_URL)" $(MANAGE) runserver $(HOST):$(PORT)

test: install messages browser-tools ## Set up and run every test, as CI does (PostgreSQL if DATABASE_URL is set, else SQLite)
	$(PY) -m pytest $(PARALLEL) $(PYTEST_ARGS)

test-fast: install messages ## The inner loop: every test but the browser, the servers, other processes and slow drills
	$(PY) -m pytest $(PARALLEL) -m "$(FAST_TIER)" $(PYTEST_ARGS)

test-browser: ## Only the browser tests (Chromium, axe-core, Nu Html Checker); screenshots in var/screenshots/
	$(MAKE) test PYTEST_ARGS="-m browser $(PYTEST_ARGS)"

bench: install messages ## Benchmark a large site: uncached, through Varnish, and static nginx (writes docs/performance.md)
	$(PY) -m bench.run

lint: install ## Lint with ruff
	$(VENV)/bin/ruff check .

check: install ## Django system checks, and fail if a model change has no migration
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

audit: $(AUDIT_VENV)/.pip-audit-$(PIP_AUDIT_VERSION) ## Check the pinned dependencies (constraints.txt) against PyPI's advisories; fails if any package could not be checked
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip --requirement constraints.txt \
	  --vulnerability-service pypi --progress-spinner off

lock: ## Regenerate constraints.txt from pyproject.toml in a fresh virtualenv
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/pip install --quiet -e ".[test]"
	{ \
	  echo '# Pinned versions of every package that `pip install -e ".[test]"` resolves to, on Python 3.11.'; \
	  echo '# Install with:  pip install -c constraints.txt -e ".[test]"   (make run / make test do this)'; \
	  echo '# Regenerate after changing dependencies in pyproject.toml:  make lock'; \
	  echo '# (a fresh venv, `pip install -e ".[test]"`, then `pip freeze --exclude-editable`).'; \
	  $(LOCK_VENV)/bin/pip freeze --exclude-editable; \
	} > constraints.txt
	rm -rf $(LOCK_VENV)

backup: install ## Back up the database (pg_dump -Fc) and media files into var/backups/<timestamp>/ (BACKUP_DIR)
	$(MANAGE) backup_site

restore: install ## Restore a backup: make restore BACKUP=var/backups/<timestamp> (replaces database and media)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/<timestamp>" >&2; exit 2; }
	$(MANAGE) restore_site "$(BACKUP)" $(if $(NOINPUT),--noinput)

clean: ## Remove the virtualenv, caches, compiled translations and collected static files (keeps db.sqlite3 and var/media)
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info var/static var/test-media var/cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find locale -name '*.mo' -delete 2>/dev/null || true

# --- Steps shared by the targets above -------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

# --strict: a package the advisory service cannot answer for (offline, unknown) fails the audit
# instead of being left out of an all-clear.
$(AUDIT_VENV)/.pip-audit-$(PIP_AUDIT_VERSION):
	rm -rf $(AUDIT_VENV)
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet "pip-audit==$(PIP_AUDIT_VERSION)"
	touch $@

# Reinstalls only when the dependencies or their pins change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(VENV)/bin/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

# The checkers the browser tests use (axe-core, vnu-jar), pinned in .ci/node, installed under var/.
# Without npm the browser tests skip locally (and fail under CI=true).
var/node/.installed: .ci/node/package.json .ci/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p var/node && cp .ci/node/package.json .ci/node/package-lock.json var/node/ && \
	  npm ci --prefix var/node --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the browser tests will be skipped (install Node.js and npm)." >&2; \
	fi

browser-tools: var/node/.installed

msgfmt:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing gettext (msgfmt compiles the translations)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; \
	  else \
	    echo "msgfmt (GNU gettext) is needed to compile the translations." >&2; \
	    echo "Install it (Debian/Ubuntu: sudo apt-get install gettext; macOS: brew install gettext), then run make again." >&2; \
	    exit 1; \
	  fi; \
	}

messages: install msgfmt
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity 0

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) load_seed_content

# The demo editor account: created once; its password comes from DEMO_EDITOR_PASSWORD or is
# generated, and is kept in var/demo-editor.txt so that later runs can show it again.
define DEMO_EDITOR_PY
import os, secrets
from pathlib import Path
from django.contrib.auth import get_user_model

User = get_user_model()
path = Path("$(DEMO_EDITOR_FILE)")
password = os.environ.get("DEMO_EDITOR_PASSWORD")
user = User.objects.filter(username="editeur").first()
if user is None:
    password = password or secrets.token_urlsafe(12)
    User.objects.create_superuser("editeur", "editeur@example.org", password)
    print("Created the demo editor account.")
elif password:
    user.set_password(password)
    user.save(update_fields=["password"])
if password:
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"Login:    editeur\nPassword: {password}\n")
elif not path.exists():
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        "Login:    editeur\nPassword: unknown (the account existed before);"
        " set one with DEMO_EDITOR_PASSWORD=... make run\n"
    )
endef
export DEMO_EDITOR_PY

demo-editor: migrate
	$(MANAGE) shell --no-imports -c "$$DEMO_EDITOR_PY"
