#!/usr/bin/env bash
# Every test of the VS Code extension, from a fresh clone: npm ci, type check, build, unit tests,
# package the .vsix, and the end-to-end test in code-server + Chromium (installed on first use;
# it prints "SKIPPED: <reason>" and passes only when they cannot be installed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
npm run --silent typecheck
npm run --silent build
npm test
npm run --silent package
npm run --silent test:e2e
