#!/usr/bin/env bash
# What version history adds to a build (issue 18): a 10,000-system portal
# from `glassbox bench-gen`, committed, then COMMITS more commits that each
# change every system file (and the errors and challenge routes). The site is
# built with history off and on; `--timings` prints the `history` stage.
#
# Measured 2026-12-03 on the 2-core machine (shared with other builds, so
# +-30%): 12,200 entries x 21 versions = 256,000 versions.
#   history off: 21.3 s in all (render 12.4 s, write 3.5 s)
#   history on: 286.6 s in all: read git 16.4 s, compare (parse + diff every
#   version) 82.4 s, render 147.2 s and write 32.0 s for the 268,000 extra pages.
# The walk itself (commits and folder trees) is a small part of "read git";
# the cost grows with the number of versions, each parsed and made a page.
#
# Usage: bench/history.sh [SYSTEMS] [COMMITS]   (defaults 10000 and 20)
# Needs a release build (cargo build --release) and git (for making the
# repository only: glassbox reads it without git).
set -euo pipefail
SYSTEMS=${1:-10000}
COMMITS=${2:-20}
BIN=${GLASSBOX:-${CARGO_TARGET_DIR:-target}/release/glassbox}
# The script changes folder below, so the binary is found from here first.
BIN=$(realpath "$BIN")
DIR=${PORTAL:-$(mktemp -d)}
# KEEP=1 leaves the portal and its repository for more runs; the sites
# built are removed at the end either way (see run() below).
trap 'rm -rf "$DIR/site-off" "$DIR/site-on"; [ "${KEEP:-0}" = 1 ] || [ -n "${PORTAL:-}" ] || rm -rf "$DIR"' EXIT
echo "portal: $DIR"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
g() { git -c user.name=Bench -c user.email=bench@example.org -c commit.gpgsign=false -c gc.auto=0 "$@"; }

if [ -n "${PORTAL:-}" ]; then
  # PORTAL=dir: time again a portal a KEEP=1 run made (its repository takes minutes to make).
  cd "$DIR"
  sed -i '/^history:$/,$d' content/portal.yaml
else
"$BIN" bench-gen "$SYSTEMS" "$DIR" >/dev/null
cd "$DIR"
g init -q
g add -A
GIT_COMMITTER_DATE=2026-01-01T09:00:00Z g commit -q -m "Version 0"
for i in $(seq 1 "$COMMITS"); do
  # A change in every entry: the last line of each file gets a new sentence.
  for f in content/systems/*.md content/errors/*.md content/challenges/*.md; do
    printf '\nUpdate %d.\n' "$i" >>"$f"
  done
  g add -A
  day=$(printf '%02d' $(( (i % 28) + 1 )))
  GIT_COMMITTER_DATE="2026-02-${day}T09:00:00Z" g commit -q -m "Version $i"
done
# Pack the objects as a repository kept for a while would have them.
g gc -q
fi

run() {
  local label=$1
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "$label: %e s wall, %U s user, %S s system, peak RSS %M KB" \
    "$BIN" build --timings -q "$DIR" -o "$DIR/site-$label" 2>&1 | grep -E '^  [a-z]|wall' || true
  echo "$label: $(find "$DIR/site-$label" -type f | wc -l) files, $(du -sm "$DIR/site-$label" | cut -f1) MB"
}
# Both sites are removed at the end (the trap above), not between the runs: on ext4 without a
# journal (this machine's disk), making files just after hundreds of
# thousands were deleted is several times slower (the kernel skips the
# inodes freed in the last minutes), which would load one run and not the other.

printf 'history:\n  enabled: false\n' >>content/portal.yaml
run off
sed -i 's/^  enabled: false$/  enabled: true/' content/portal.yaml
run on
