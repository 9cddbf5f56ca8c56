#!/usr/bin/env bash
# `npm run test:e2e`: installs what the end-to-end test needs (code-server into .cache, Debian's
# Chromium), builds the .vsix if missing, finds armada-ls, and runs test/e2e/e2e.mjs.
# Exits 0 with a "SKIPPED: <reason>" line only when Chromium or code-server cannot be installed.
#
# Environment: ARMADA_LS (server to test; default <repo>/.venv/bin/armada-ls, set up with
# `make setup` when missing), ARMADA_E2E_CACHE (code-server cache; default .cache),
# ARMADA_E2E_KEEP=1 (keep the temporary workspace and logs).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT_DIR="$(cd "$HERE/../.." && pwd)"
REPO="$(cd "$EXT_DIR/.." && pwd)"
cd "$EXT_DIR"

set +e
setup_out="$(bash "$HERE/setup-code-server.sh")"
rc=$?
set -e
if [[ $rc -eq 3 ]]; then
  echo "$setup_out" | grep '^SKIPPED:' || echo "SKIPPED: code-server or Chromium could not be installed"
  exit 0
elif [[ $rc -ne 0 ]]; then
  echo "error: setup-code-server.sh failed ($rc)" >&2
  exit "$rc"
fi
entry="$(echo "$setup_out" | tail -n 1)"

if [[ ! -f armada.vsix || -n "$(find src syntaxes package.json -newer armada.vsix -print -quit)" ]]; then
  npm run --silent package >/dev/null
fi

server="${ARMADA_LS:-$REPO/.venv/bin/armada-ls}"
if [[ ! -x "$server" && -z "${ARMADA_LS:-}" && -f "$REPO/Makefile" ]]; then
  echo "[e2e] $server missing: running make setup" >&2
  make -C "$REPO" setup >&2
fi
if [[ ! -x "$server" ]]; then
  echo "error: the language server $server is missing (run make setup at the repository root, or set ARMADA_LS)" >&2
  exit 1
fi

exec node "$HERE/e2e.mjs" --code-server "$entry" --vsix armada.vsix --server "$server"
