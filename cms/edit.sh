#!/usr/bin/env bash
# Edit a portal in forms on this computer:
#   bash cms/edit.sh [PORTAL_DIR] [GLASSBOX_BINARY]
# Starts the local backend (decap-server, which writes the files the forms
# save into PORTAL_DIR) and `glassbox serve` (the preview, with the forms at
# /admin/), both on 127.0.0.1 only. Ctrl-C stops both.
set -euo pipefail
GLASSBOX_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORTAL="$(cd "${1:-.}" && pwd)"
BIN="${2:-}"
if [ -z "$BIN" ]; then
  if command -v glassbox >/dev/null 2>&1; then BIN=glassbox
  else BIN="$GLASSBOX_SRC/target/release/glassbox"; fi
fi
[ -f "$PORTAL/content/portal.yaml" ] || { echo "edit: $PORTAL has no content/portal.yaml; give the portal folder" >&2; exit 2; }
command -v "$BIN" >/dev/null 2>&1 || [ -x "$BIN" ] || { echo "edit: no glassbox at $BIN; run cargo build --release in $GLASSBOX_SRC" >&2; exit 2; }
bash "$GLASSBOX_SRC/cms/setup.sh"
CMS_PORT="${GLASSBOX_CMS_PORT:-8081}"
BIND_HOST=127.0.0.1 PORT="$CMS_PORT" MODE=fs GIT_REPO_DIRECTORY="$PORTAL" LOG_LEVEL=warn \
  node "$GLASSBOX_SRC/cms/node_modules/decap-server/dist/index.js" &
BACKEND=$!
trap 'kill "$BACKEND" 2>/dev/null || true' EXIT
echo "The forms save into $PORTAL (local backend on 127.0.0.1:$CMS_PORT)."
echo "Open the address below with /admin/ added, e.g. http://127.0.0.1:4455/admin/"
GLASSBOX_CMS_DIR="$GLASSBOX_SRC/cms" GLASSBOX_CMS_BACKEND="http://127.0.0.1:$CMS_PORT/api/v1" \
  "$BIN" serve "$PORTAL" "${@:3}"
