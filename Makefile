# Two entry points: `make verify` (the main job) and `make test` (every test suite).
# Both set up everything they need from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export GOTOOLCHAIN := local
export GOFLAGS := -mod=mod
export GOPROXY := off

.PHONY: verify test setup test-python test-go test-extension lint bench bench-frontend

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

test: setup lint test-python test-go

bench-frontend: setup
	$(BIN)/python bench/frontend.py

bench: bench-frontend
