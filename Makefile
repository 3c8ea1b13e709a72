# Clausebook: `make site` builds the site from analyses/, `make test` runs the test suite.
# Both set up a virtual environment in .venv first; `make test` also installs Debian's
# chromium for the browser tests (needs root or sudo).

VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := true

.PHONY: site serve test lint bench chromium schema

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

site: $(VENV)/.installed
	$(VENV)/bin/clausebook build

serve: $(VENV)/.installed
	$(VENV)/bin/clausebook serve --dirty

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed chromium
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/ruff format --check generator tests
	$(VENV)/bin/mypy

schema: $(VENV)/.installed
	$(VENV)/bin/clausebook schema

bench: $(VENV)/.installed chromium
	$(PY) tests/bench/run.py
