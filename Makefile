# wijktools: `make demo` and `make test` are the two set-up commands (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APP_STAMP := $(VENV)/.installed-app
# The versions the tests passed with; a fresh machine gets exactly these (see `make constraints`).
CONSTRAINTS := requirements/constraints.txt
PIP := $(BIN)/python -m pip install -q -c $(CONSTRAINTS)

.PHONY: install install-app demo test lint format data browser bench constraints clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(APP_STAMP): pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(PIP) -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (wijktools)" > /dev/null
	touch $(APP_STAMP)

$(STAMP): $(APP_STAMP)
	$(PIP) -e ".[dev]"
	touch $(STAMP)

## Create .venv with wijktools only (what an adviser needs; used by `make demo`)
install-app: $(APP_STAMP)

## Create .venv and install wijktools with its development tools
install: $(STAMP)

## Rebuild derived data (Arrow caches) from data/raw
data: install-app
	$(BIN)/python -m wijktools data bouwen

## Build the demo outputs on the shipped data into exports/ (no development tools needed)
demo: install-app
	$(BIN)/python -m wijktools demo

## Headless Chromium for the browser tests (Debian package; needs root or sudo)
browser:
	@command -v chromium > /dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; }

## Run every test: lint, notebooks stored without outputs, unit tests and the notebooks run by
## papermill on the shipped data (tests/test_notebooks.py and friends)
test: install browser
	$(BIN)/ruff check .
	$(BIN)/nbstripout --keep-id --verify notebooks/*.ipynb
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

## Print performance figures (not a test)
bench: install
	for b in benchmarks/*.py; do $(BIN)/python $$b; done

## Rewrite the constraints file from the tested .venv (after a deliberate upgrade)
constraints: install
	{ sed -n '1,/^[^#]/{/^#/p}' $(CONSTRAINTS); \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^wijktools\b'; } > $(CONSTRAINTS).tmp
	mv $(CONSTRAINTS).tmp $(CONSTRAINTS)

clean:
	rm -rf $(VENV) data/derived exports/*
