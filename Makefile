# wijktools: `make demo` and `make test` are the two set-up commands (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format data browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (wijktools)" > /dev/null
	touch $(STAMP)

## Create .venv and install wijktools with its development tools
install: $(STAMP)

## Rebuild derived data (parquet caches) from data/raw
data: install
	$(BIN)/python -m wijktools data bouwen

## Build the demo outputs on the shipped data into exports/
demo: install
	$(BIN)/python -m wijktools demo

## Headless Chromium for the browser tests (Debian package; needs root or sudo)
browser:
	@command -v chromium > /dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; }

## Run every test: lint, unit tests, notebooks
test: install browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadfile
	@if ls notebooks/*.ipynb > /dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && WIJKTOOLS_DB=$$tmp/nbval.sqlite WIJKTOOLS_EXPORTS=$$tmp/exports \
	  $(BIN)/python -m pytest -q -p no:xdist --nbval-lax notebooks; fi

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

## Print performance figures (not a test)
bench: install
	for b in benchmarks/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) data/derived exports/*
