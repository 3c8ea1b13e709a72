# Clausebook: `make install` sets up .venv with the runtime only (what an analyst needs to
# check, build and serve), `make site` builds the site from analyses/, `make test` runs the
# test suite. Each sets up .venv first: `site` and `serve` with the runtime, `test`, `lint`,
# `schema` and `bench` with the test and lint tools too; `make test` also installs Debian's
# chromium for the browser tests (needs root or sudo).

VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := true

.PHONY: install site serve test lint bench chromium schema

# The runtime: `pip install -e .` installs no test, lint or browser tool (pyproject.toml's
# dependencies; the extras `test` and `dev` hold the rest).
$(VENV)/.runtime: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e .
	touch $@

$(VENV)/.installed: $(VENV)/.runtime
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.runtime
	@echo "ready: run .venv/bin/clausebook (or first: . .venv/bin/activate)"

site: $(VENV)/.runtime
	$(VENV)/bin/clausebook build

serve: $(VENV)/.runtime
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
