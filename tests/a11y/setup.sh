#!/usr/bin/env bash
# Installs what the accessibility gate needs on a fresh Debian machine:
# Debian's chromium (never a downloaded browser build), Java for the Nu HTML
# checker, Node.js and npm, then the pinned npm packages of tests/a11y.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-dejavu-core)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${#need[@]}" -gt 0 ]; then
  echo "a11y setup: apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the
# machine's java runs vnu.jar instead.
(cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
