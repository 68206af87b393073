#!/usr/bin/env bash
# How long a big import takes and how much memory it needs (issue 26): files
# of SIZE MB (default 200) made from the real register snapshots in
# shared/research/data (bench/import_big.py repeats their records with new
# titles, ids and addresses), each imported into a fresh copy of the example
# portal with a release build. Prints wall time and peak RSS per file.
#
# Usage: bench/import_big.sh [SIZE_MB] [FORMATS...]
#   FORMATS: any of atrs.json atrs.csv nl.json nl.csv (default: all four)
# Needs a release build (cargo build --release), python3 and GNU time.
# DATA points at the register snapshots (default /work/shared/research/data).
set -euo pipefail
SIZE=${1:-200}
shift || true
FORMATS=("$@")
[ ${#FORMATS[@]} -gt 0 ] || FORMATS=(atrs.json atrs.csv nl.json nl.csv)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${GLASSBOX:-${CARGO_TARGET_DIR:-$ROOT/target}/release/glassbox}
DATA=${DATA:-/work/shared/research/data}
DIR=$(mktemp -d)
# KEEP=1 leaves the files and portals for more runs.
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
echo "files and portals in $DIR"
mkdir -p "$DIR/in"
python3 "$HERE/import_big.py" "$DATA" "$DIR/in" "$SIZE"

for f in "${FORMATS[@]}"; do
  format=${f%%.*}
  portal="$DIR/portal-${f/./-}"
  rm -rf "$portal"
  mkdir -p "$portal"
  cp -r "$ROOT/content" "$portal/content"
  size=$(du -m --apparent-size "$DIR/in/$f" | cut -f1)
  set +e
  /usr/bin/time -f '%e s %M KB' -o "$DIR/time" \
    "$BIN" import "$format" "$DIR/in/$f" --into "$portal" --today 2026-11-26 \
    >"$DIR/out" 2>"$DIR/err"
  code=$?
  set -e
  entries=$(find "$portal/content/systems" -maxdepth 1 -name '*.md' | wc -l)
  echo "$f ($size MB): exit $code, $(cat "$DIR/time"), $entries entries; $(grep -E '^(Imported|error)' "$DIR/err" | head -c 300)"
  rm -rf "$portal"
done
