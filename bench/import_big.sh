#!/usr/bin/env bash
# How long an import takes and how much memory it needs (issue 26). Files
# are made from the real register snapshots in shared/research/data
# (bench/import_big.py repeats their records with new titles, ids and
# addresses), and each is imported into a fresh copy of the example portal
# with a release build. Prints, per file: exit code, wall time and peak RSS
# (GNU time), the entries in content/systems afterwards, and the summary
# line or the error.
#
# Usage:
#   bench/import_big.sh                     the limits suite: files of 200 MB
#                                           (over the size limit), of 24 MB,
#                                           and of 24 MB or 24,999 records
#                                           (just under the limits of 25 MB
#                                           and 25,000 records)
#   bench/import_big.sh SIZE_MB [RECORDS]   files of SIZE_MB, or of RECORDS
#                                           records if that comes first
# FORMATS="atrs.json nl.json" picks files (default: atrs.json atrs.csv
# nl.json nl.csv nl-min.csv; nl-min.csv has the smallest rows an NL import
# takes, so the most records per MB).
# Needs a release build (cargo build --release), python3 and GNU time.
# DATA points at the register snapshots (default ../shared/research/data beside the repository).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${GLASSBOX:-${CARGO_TARGET_DIR:-$ROOT/target}/release/glassbox}
DATA=${DATA:-$ROOT/../shared/research/data}
read -r -a FILES <<<"${FORMATS:-atrs.json atrs.csv nl.json nl.csv nl-min.csv}"
DIR=$(mktemp -d)
# KEEP=1 leaves the files and portals for more runs.
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
echo "files and portals in $DIR; $(nproc) cores"

run() {
  local size=$1 records=${2:-}
  local label="$size MB${records:+, at most $records records}"
  local in="$DIR/in-$size-${records:-all}"
  mkdir -p "$in"
  python3 "$HERE/import_big.py" "$DATA" "$in" "$size" $records
  echo "== files of $label"
  # The portals are all made first: ext4 is slow to make files right after
  # many were deleted, so nothing is deleted until the end.
  for f in "${FILES[@]}"; do
    mkdir -p "$in/portal-$f"
    cp -r "$ROOT/content" "$in/portal-$f/content"
  done
  for f in "${FILES[@]}"; do
    local format=${f%%[.-]*} portal="$in/portal-$f"
    local mb
    mb=$(du -m --apparent-size "$in/$f" | cut -f1)
    set +e
    /usr/bin/time -f '%e s, %M KB (user %U s, sys %S s)' -o "$in/time" \
      "$BIN" import "$format" "$in/$f" --into "$portal" --today 2026-11-26 \
      >"$in/out" 2>"$in/err"
    local code=$?
    set -e
    local entries
    entries=$(find "$portal/content/systems" -maxdepth 1 -name '*.md' | wc -l)
    printf '%-10s %4s MB  exit %s  %-44s %6s entries  load %s\n    %s\n' \
      "$f" "$mb" "$code" "$(tail -1 "$in/time")" "$entries" \
      "$(cut -d' ' -f1 /proc/loadavg)" \
      "$(grep -E '^(Imported|error)' "$in/err" | head -1 | cut -c1-160)"
  done
}

if [ $# -gt 0 ]; then
  run "$1" "${2:-}"
else
  run 200
  run 24
  run 24 24999
fi
