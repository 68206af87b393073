#!/usr/bin/env bash
# The browser test of the editing forms, as CI runs it:
#   bash tests/cms/run.sh [GLASSBOX_BINARY]     (default target/release/glassbox)
# Installs what it needs (Debian's chromium, Node.js, the pinned npm packages
# of cms/ and tests/cms/), copies the example portal into a temporary folder,
# starts the local backend (decap-server) and `glassbox serve` on 127.0.0.1,
# and runs tests/cms/forms.mjs against them. Screenshots and report.json go
# to cms-report/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BIN="${1:-target/release/glassbox}"
[ -x "$BIN" ] || { echo "cms test: no glassbox binary at $BIN (cargo build --release)" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# What the test needs: chromium and node (apt), then the pinned npm packages.
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-dejavu-core)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${#need[@]}" -gt 0 ]; then
  echo "cms test: apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash cms/setup.sh
(cd tests/cms && npm ci --no-audit --no-fund --loglevel=error)

# A copy of the example portal: the forms write into it.
mkdir -p "$WORK/portal"
cp -r content "$WORK/portal/content"

# A free loopback port for the backend.
CMS_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
BIND_HOST=127.0.0.1 PORT="$CMS_PORT" MODE=fs GIT_REPO_DIRECTORY="$WORK/portal" LOG_LEVEL=warn \
  node cms/node_modules/decap-server/dist/index.js >"$WORK/backend.log" 2>&1 &
PIDS+=($!)

GLASSBOX_CMS_DIR="$ROOT/cms" GLASSBOX_CMS_BACKEND="http://127.0.0.1:$CMS_PORT/api/v1" \
  "$BIN" serve "$WORK/portal" --port 0 --today 2026-12-01 >"$WORK/serve.out" 2>"$WORK/serve.err" &
PIDS+=($!)

URL=""
for _ in $(seq 1 100); do
  URL="$(sed -n 's/^Serving the portal at //p' "$WORK/serve.out")"
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "cms test: glassbox serve did not start" >&2; cat "$WORK/serve.err" >&2; exit 1; }
for _ in $(seq 1 100); do
  curl -s -o /dev/null -X POST -H 'content-type: application/json' -d '{"action":"info"}' \
    "http://127.0.0.1:$CMS_PORT/api/v1" && break
  sleep 0.1
done

rm -rf cms-report
mkdir -p cms-report
status=0
node tests/cms/forms.mjs --url "$URL" --portal "$WORK/portal" \
  --shots cms-report/screenshots --report cms-report/report.json || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- glassbox serve said:" >&2; tail -30 "$WORK/serve.err" >&2
  echo "--- decap-server said:" >&2; tail -30 "$WORK/backend.log" >&2
fi
exit "$status"
