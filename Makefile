# Every target sets up what it needs, so any of them works first on a fresh clone.
# Set-up: a .venv with the pinned Python packages; `make test` also installs the
# Debian packages the browser and PDF tests use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready
# chromium: diagrams and browser tests; fonts-noto-cjk: Chinese in diagrams and PDFs;
# poppler-utils: PDF checks; pango: WeasyPrint.
DEBIAN_PACKAGES := chromium fonts-noto-cjk fonts-dejavu-core fontconfig poppler-utils libpango-1.0-0 libpangoft2-1.0-0
export PYTHONDONTWRITEBYTECODE := 1
# Material prints an end-of-life banner on every build; the README covers the plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup system-deps serve build check test lint stamp new-model lock clean pdf offline lighthouse bench translation-status

help:
	@echo "make serve      set up, then serve the site at http://127.0.0.1:8000"
	@echo "make test       set up (Python and Debian packages), then run every test"
	@echo "make build      strict build of both languages into site/"
	@echo "make check      parity checker (both languages cover the same pages, sections, facts, links)"
	@echo "make lint       ruff, Chinese copywriting, Markdown lint and the checker"
	@echo "make pdf        PDFs in both languages into site/downloads/"
	@echo "make offline    the offline copy of the site as site/downloads/ecommerce-models-offline.zip"
	@echo "make stamp      record the current page pairs as translated"
	@echo "make translation-status   which sections are behind in the other language, with the text to translate"
	@echo "make new-model ID=<id>   scaffold a model page in both languages"

$(READY): requirements.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-virtualenv -r requirements.txt
	touch $@

# mermaid-cli renders the diagrams at build time; puppeteer must not download a
# browser (it uses Debian's Chromium through tools/puppeteer.json).
$(NODE_READY): package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: system-deps $(READY) $(NODE_READY)

# Installs only what is missing; needs root (CI and the dev machines are root).
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
	  command -v npm >/dev/null 2>&1 || echo nodejs npm); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict --quiet

# STRICT=1 makes warnings (an outdated translation, a stale review date) fail too.
check: setup
	$(PY) scripts/check_i18n.py $(if $(STRICT),--strict)

lint: setup
	$(BIN)/ruff check scripts hooks tests
	$(BIN)/ruff format --check scripts hooks tests
	$(PY) scripts/lint_docs.py
	$(PY) scripts/check_i18n.py

# The PDFs and the offline zip go into site/downloads/, so they need a built site.
pdf: setup
	@test -f site/index.html || $(MAKE) --no-print-directory build
	$(PY) scripts/pdf.py

offline: setup
	@test -f site/index.html || $(MAKE) --no-print-directory build
	$(PY) scripts/offline.py

# Lighthouse 12, mobile preset, on the built site served with gzip; scores to bench/lighthouse.json.
lighthouse: setup
	@test -f site/index.html || $(MAKE) --no-print-directory build
	$(PY) scripts/lighthouse.py

stamp: setup
	$(PY) scripts/check_i18n.py --stamp

# ARGS carries the rest: make new-model ID=subscription ARGS='--name-zh 订阅电商 --name-en ...'
# (see `$(PY) scripts/new_model.py --help` for every option).
new-model: setup
	@test -n "$(ID)" || { echo "usage: make new-model ID=<id> ARGS='--name-zh ... --name-en ... --dimension ... --related ...'"; exit 2; }
	$(PY) scripts/new_model.py $(ID) $(ARGS)

test: setup
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest

# Not part of `make test`: about 20 minutes on 2 cores. ARGS=--quick is a one-minute smoke run.
bench: setup
	$(PY) scripts/bench.py $(ARGS)

lock:
	$(PY) -m pip install --quiet -r requirements.in
	$(PY) -m pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf site .pytest_cache

# Which sections of which page pairs are behind, with the current text of each changed section.
translation-status: setup
	$(PY) scripts/translation_status.py $(ARGS)
