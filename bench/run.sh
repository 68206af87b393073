#!/usr/bin/env bash
# The build at several sizes, in one run, as a Markdown table for
# docs/performance.md (issue 27): for each size a fresh `glassbox bench-gen`
# portal is built three times into the same folder (the first into a new
# folder; the third is what an editor or CI sees on a rebuild: it writes
# into the site before last), then the output is copied with `cp -r` for
# the floor.
#
# Usage: bench/run.sh [SIZES...]   (default: 1000 10000; add 100000 for the
# large one, about 10 GB of disk)
# Needs a release build (cargo build --release); GLASSBOX or
# CARGO_TARGET_DIR point at another binary.
#
# Columns: wall, user and system seconds and peak RSS of the build (GNU
# time), files and MB written, the largest HTML page, and the build's wall
# over the `cp -r` of its own output. Walls vary with other work on the
# machine: run it twice before trusting a change of less than 20 %.
# Not done yet: the peer corpus against Hugo in the same run.
set -euo pipefail
BIN=${GLASSBOX:-${CARGO_TARGET_DIR:-target}/release/glassbox}
BIN=$(realpath "$BIN")
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795000000

echo "| systems | build | wall s | user s | system s | peak RSS MB | files | MB | largest page KB | wall / cp -r |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
  portal="$WORK/p$n"
  "$BIN" bench-gen "$n" "$portal" >/dev/null 2>&1
  rows=()
  # The first build, into a new folder; then a second that keeps the first
  # as its spare, and a third, measured, that writes into it (the steady
  # state of rebuilding a site).
  for build in first second again; do
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$BIN" build -q "$portal" -o "$WORK/site$n" >/dev/null 2>&1
    [ "$build" != second ] || continue
    read -r wall user sys rss <"$WORK/time"
    rows+=("$build $wall $user $sys $rss")
  done
  files=$(find "$WORK/site$n" -type f | wc -l)
  mb=$(du -sm --apparent-size "$WORK/site$n" | cut -f1)
  largest=$(find "$WORK/site$n" -name '*.html' -printf '%s\n' | sort -n | tail -1)
  start=$(date +%s.%N)
  cp -r "$WORK/site$n" "$WORK/copy$n"
  copy=$(echo "$(date +%s.%N) - $start" | bc)
  rm -rf "$WORK/copy$n"
  for row in "${rows[@]}"; do
    read -r build wall user sys rss <<<"$row"
    printf '| %s | %s | %s | %s | %s | %d | %s | %s | %d | %.1f |\n' \
      "$n" "$build" "$wall" "$user" "$sys" $((rss / 1024)) "$files" "$mb" $((largest / 1024)) \
      "$(echo "$wall / $copy" | bc -l)"
  done
  rm -rf "$portal" "$WORK/site$n" "$WORK/.site$n.spare"
done
