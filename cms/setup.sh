#!/usr/bin/env bash
# Installs the editing forms (Decap CMS and its local backend, decap-server)
# from npm, exactly as pinned by cms/package-lock.json, into cms/node_modules.
# Needs Node.js 18 or later and npm; on Debian or Ubuntu this script installs
# them with apt-get when they are missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "cms setup: apt-get install nodejs npm"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "cms setup: Node.js and npm are needed; install them from https://nodejs.org/ and run this again" >&2
    exit 2
  fi
fi
# Skip the install when node_modules was made from this very lockfile.
STAMP="$HERE/node_modules/.glassbox-lock"
if [ -f "$HERE/node_modules/decap-cms/dist/decap-cms.js" ] && cmp -s "$HERE/package-lock.json" "$STAMP"; then
  exit 0
fi
# --ignore-scripts: nothing the forms need runs at install time.
(cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
cp "$HERE/package-lock.json" "$STAMP"
