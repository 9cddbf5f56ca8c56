#!/usr/bin/env bash
# Installs code-server (from the npm registry) into vscode-extension/.cache/code-server-<version>
# and makes sure Debian's Chromium (and, until code-server is cached, the packages its native
# modules need to build) are present, installing them with apt-get when root.
#
# Prints the code-server entry point on the last line of stdout on success.
# Exits 3 (with a "SKIPPED: <reason>" line) when something cannot be installed on this machine.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT_DIR="$(cd "$HERE/../.." && pwd)"
CACHE="${ARMADA_E2E_CACHE:-$EXT_DIR/.cache}"
PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
ENTRY="$PREFIX/node_modules/code-server/out/node/entry.js"
STAMP="$PREFIX/.complete"

log() { echo "[setup-code-server] $*" >&2; }
skip() { echo "SKIPPED: $*"; exit 3; }

cached() { [[ -f "$STAMP" && -f "$ENTRY" ]]; }
CHROMIUM="${ARMADA_E2E_CHROMIUM:-/usr/bin/chromium}"

# --- Debian packages --------------------------------------------------------------------------
# Chromium always; what building code-server's native modules needs only until it is cached.
DEB_PACKAGES=(chromium)
cached || DEB_PACKAGES+=(ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config
                         build-essential python3)
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${DEB_PACKAGES[@]}"; do
    [[ $p == chromium && -x "$CHROMIUM" ]] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    skip "Debian packages missing (${missing[*]}) and not root with apt-get to install them"
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || skip "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || skip "apt-get install ${missing[*]} failed"
fi
[[ -x "$CHROMIUM" ]] || skip "no Chromium at $CHROMIUM (install Debian's chromium, or set ARMADA_E2E_CHROMIUM)"

# --- code-server --------------------------------------------------------------------------------
if cached; then
  log "code-server $CODE_SERVER_VERSION cached in $PREFIX"
  echo "$ENTRY"
  exit 0
fi
command -v rg >/dev/null || skip "ripgrep (rg) is needed to install code-server offline"

log "installing code-server $CODE_SERVER_VERSION into $PREFIX (about a minute)"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cd "$PREFIX"
echo '{"name":"armada-e2e-code-server","private":true}' > package.json
# Its post-install would download things; run the useful parts of it by hand below.
npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2 \
  || skip "npm install code-server@$CODE_SERVER_VERSION failed"

CS="$PREFIX/node_modules/code-server"
VS="$CS/lib/vscode"
cd "$VS"
npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2 \
  || skip "npm install in code-server's lib/vscode failed"
# @vscode/ripgrep's post-install downloads rg unless one is already there: give it Debian's.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild >&2 || skip "npm rebuild of code-server's native modules failed"
# What code-server's own post-install would have done.
ln -sfn node_modules node_modules.asar
[[ -e bin/remote-cli/code-linux.sh ]] && ln -sfn code-linux.sh bin/remote-cli/code-server
[[ -e bin/helpers/browser-linux.sh ]] && ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --no-audit --no-fund --omit=dev >&2) \
  || skip "npm install in code-server's built-in extensions failed"
# argon2 (code-server's password hashing, loaded at start-up) is hoisted to the top.
cd "$PREFIX"
npm_config_yes=true npm rebuild argon2 >&2 || skip "npm rebuild argon2 failed"

[[ -f "$ENTRY" ]] || skip "code-server entry point $ENTRY missing after install"
touch "$STAMP"
log "code-server installed"
echo "$ENTRY"
