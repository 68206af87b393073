#!/usr/bin/env bash
# The accessibility gate, as CI runs it:
#   bash tests/a11y/run.sh [GLASSBOX_BINARY]     (default target/release/glassbox)
# Checks every page of the example portal with every check; of a 200-system
# portal that `glassbox bench-gen` writes, every page with the Nu checker and
# the link check, every notice printed, and two pages of each address shape
# (so of each template) with the browser checks. Then proves that a portal with
# deliberate faults fails. Screenshots and report.json go to a11y-report/
# (git-ignored), kept as CI artefacts. Prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/../.."
STARTED=$SECONDS
BIN="${1:-target/release/glassbox}"
[ -x "$BIN" ] || { echo "a11y gate: no glassbox binary at $BIN (cargo build --release)" >&2; exit 2; }
REPORT=a11y-report
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

bash tests/a11y/setup.sh

# The three portals, built by glassbox itself.
# Build warnings (such as overdue reviews in the example) are not the gate's
# business; a failed build shows its messages and stops the gate.
build() { "$BIN" build "$@" --quiet 2>"$WORK/build.log" || { cat "$WORK/build.log" >&2; exit 1; }; }
build . --output "$WORK/example"
"$BIN" bench-gen 200 "$WORK/p200" >/dev/null
build "$WORK/p200"
mkdir -p "$WORK/faulty"
cp -r tests/fixtures/minimal/content "$WORK/faulty/content"
cp -r tests/fixtures/a11y-faulty/themes "$WORK/faulty/themes"
# A system page far longer than a phone can show (phone-length).
python3 - "$WORK/faulty/content/systems/parking-cameras.md" <<'PY'
import sys
p = sys.argv[1]
text = open(p).read()
long = "\n\n".join(["  We check every case by hand and write to you about what we found, what it means and what you can do next."] * 80)
open(p, "w").write(text.replace("---\n", "---\nwhat_happens_to_you: |-\n" + long + "\n", 1))
PY
build "$WORK/faulty"
# Folded sections that stay closed on paper (folds): the print rule taken out.
sed -i 's/details::details-content { content-visibility: visible; display: block; }//' "$WORK"/faulty/site/assets/style.*.css

rm -rf "$REPORT"
mkdir -p "$REPORT"
node tests/a11y/gate.mjs \
  --site "example=$WORK/example,lang=en-GB,marked=/systems/letter-translation/:pl" \
  --site "systems-200=$WORK/p200/site,lang=en-GB,sample=2" \
  --faulty "$WORK/faulty/site" \
  --expect color-contrast,image-alt,reflow-320,table-headers,text-too-small,nav-rows,phone-length,folds,notice-print \
  --shots "$REPORT/screenshots" \
  --shot / --shot /systems/letter-translation/ --shot /challenge/ask-for-a-human-review/ \
  --shot /how-we-are-doing/ --shot /errors/ \
  --report "$REPORT/report.json" || status=$?
echo "a11y gate: $((SECONDS - STARTED)) s in all, with setup and the three portal builds"
exit "${status:-0}"
