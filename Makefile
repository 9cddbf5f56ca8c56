# Two entry points: `make verify` (the main job) and `make test` (every test suite).
# Both set up everything they need from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export GOTOOLCHAIN := local
export GOFLAGS := -mod=mod
export GOPROXY := off

.PHONY: verify test setup test-python test-go test-extension lint soundness bench bench-frontend bench-mailboat bench-verify bench-explore bench-lsp bench-lsp-responsiveness

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

# The seeded bugs (which must fail: tests check that) live in testdata/ directories, which
# `./...` skips for Go's tools and armada alike; named one by one they are still packages.
SEEDED_BUGS = $(addprefix ./,$(sort $(dir $(shell find proofs mailboat -path '*/testdata/bugs/*' -name '*.go'))))

# The main job: Goose-subset check of the proofs and Mailboat, then the proofs and Mailboat's
# library verified (every package under proofs/ and mailboat, seeded bugs excluded).
verify: setup
	$(BIN)/goose check proofs mailboat $(SEEDED_BUGS)
	$(BIN)/armada verify --no-cache ./proofs/... ./mailboat

lint: setup
	$(BIN)/ruff check goose armada_ls tests bench

# Two test processes: most tests are single-threaded (the soundness oracle and Mailboat's
# bugs run two workers of their own).
test-python: setup
	$(BIN)/pytest -q -n 2

# The shims with Goose's machine API are modules of their own (goose/machine/compat), outside ./...
COMPAT_MODULES = github.com/tchajed/goose/... github.com/goose-lang/goose/... github.com/goose-lang/primitive/... github.com/tchajed/marshal/...

test-go:
	go vet ./... $(COMPAT_MODULES) $(SEEDED_BUGS)
	go test -race -count=1 ./...

# The extension's unit tests, its .vsix, and the end-to-end test in code-server + Chromium
# (installed into vscode-extension/.cache on first use; skipped, saying so, only when they
# cannot be installed).
test-extension: setup
	bash vscode-extension/run-tests.sh

test: setup lint test-python test-go test-extension

# The explorer as the verifier's oracle over every program, proof, seeded bug and mutant of
# the proofs (a seeded sample of them runs in `make test`, tests/soundness): prints the
# mutation score and writes bench/out/soundness/summary.txt; fails on a disagreement.
soundness: setup
	$(BIN)/python -m armada_ls.soundness --profile full --workers 2 --out bench/out/soundness

bench-frontend: setup
	$(BIN)/python bench/frontend.py

bench-mailboat: setup
	go run ./mailboat/bench -out bench/out/mailboat
	$(BIN)/python bench/mailboat_plot.py bench/out/mailboat/mailboat.csv

bench-verify: setup
	$(BIN)/python bench/verify_repldisk.py
	$(BIN)/python bench/verify_proofs.py

bench-explore: setup
	$(BIN)/python bench/explore_repldisk.py
	$(BIN)/python bench/explore_hostcrash.py

bench-lsp: setup
	$(BIN)/python bench/lsp_latency.py

# Deep nesting (30,000 levels: linear), a burst of 100 edits, the random-edit client (2 x 1,000).
bench-lsp-responsiveness: setup
	$(BIN)/python bench/lsp_responsiveness.py

bench: bench-frontend bench-verify bench-explore bench-lsp bench-lsp-responsiveness bench-mailboat
