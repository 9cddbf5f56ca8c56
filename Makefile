# Two entry points: `make verify` (the main job) and `make test` (every test suite).
# Both set up everything they need from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export GOTOOLCHAIN := local
export GOFLAGS := -mod=mod
export GOPROXY := off

.PHONY: verify test setup test-python test-go test-extension lint bench bench-frontend bench-mailboat

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

verify: setup
	$(BIN)/goose check proofs mailboat

lint: setup
	$(BIN)/ruff check goose armada_ls tests bench

test-python: setup
	$(BIN)/pytest -q

test-go:
	go vet ./...
	go test -race -count=1 ./...

# The extension's unit tests, its .vsix, and the end-to-end test in code-server + Chromium
# (installed into vscode-extension/.cache on first use; skipped, saying so, only when they
# cannot be installed).
test-extension: setup
	bash vscode-extension/run-tests.sh

test: setup lint test-python test-go test-extension

bench-frontend: setup
	$(BIN)/python bench/frontend.py

bench-mailboat: setup
	go run ./mailboat/bench -out bench/out/mailboat
	$(BIN)/python bench/mailboat_plot.py bench/out/mailboat/mailboat.csv

bench: bench-frontend bench-mailboat
