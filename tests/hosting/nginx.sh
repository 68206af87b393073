#!/usr/bin/env bash
# Serves the example portal with a real nginx (Debian's package) on a
# loopback port, configured only by the file glassbox writes
# (site/_hosting/nginx.conf), and checks with curl what a resident's browser
# gets: every security header, the cache lifetimes, a 404 with the theme's
# page, a 301 for an old address, and a precompressed response.
#
#   bash tests/hosting/nginx.sh [PATH/TO/glassbox]
#
# Installs nginx with apt-get when it is missing (as root). Changes nothing
# global that lasts: nginx runs from a temporary prefix (`nginx -p DIR -c
# CONF`, its own pid file and logs) and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s%N)

glassbox=${1:-${CARGO_TARGET_DIR:-target}/release/glassbox}
if [ ! -x "$glassbox" ]; then
  echo "nginx.sh: no glassbox binary at $glassbox (run cargo build --release first)" >&2
  exit 2
fi

# nginx: Debian's package, installed without starting the system service.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx.sh: installing Debian's nginx package"
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # Keep the package from starting a system-wide nginx on port 80.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends nginx >/dev/null
  if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
MIME_TYPES=/etc/nginx/mime.types

tmp=$(mktemp -d)
conf="$tmp/nginx.conf"
stop() {
  if [ -s "$tmp/nginx.pid" ]; then
    "$NGINX" -p "$tmp" -c "$conf" -e "$tmp/error.log" -s stop 2>/dev/null || kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$tmp/nginx.pid" ] || break; sleep 0.2; done
  fi
  rm -rf "$tmp"
}
trap stop EXIT

# The example site, with precompressed copies.
if ! "$glassbox" build . --output "$tmp/site" --precompress --quiet 2>"$tmp/build.log"; then
  cat "$tmp/build.log" >&2
  exit 1
fi
# nginx's workers run as `nobody` when started by root: let them read the site.
chmod 755 "$tmp"
chmod -R a+rX "$tmp/site"

port=
for candidate in $(seq 18470 18499); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || { echo "nginx.sh: no free loopback port in 18470-18499" >&2; exit 2; }

mkdir -p "$tmp/temp"
cat >"$conf" <<EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 64; }
http {
    include $MIME_TYPES;
    default_type application/octet-stream;
    access_log $tmp/access.log;
    client_body_temp_path $tmp/temp/body;
    proxy_temp_path $tmp/temp/proxy;
    fastcgi_temp_path $tmp/temp/fastcgi;
    uwsgi_temp_path $tmp/temp/uwsgi;
    scgi_temp_path $tmp/temp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $tmp/site;
        include $tmp/site/_hosting/nginx.conf;
    }
}
EOF
"$NGINX" -p "$tmp" -c "$conf" -e "$tmp/error.log" -t -q
"$NGINX" -p "$tmp" -c "$conf" -e "$tmp/error.log"
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
base="http://127.0.0.1:$port"

passed=0
failed=0
check() { # NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
  fi
}
# The value of header $2 in the response headers file $1.
header() { grep -i "^$2:" "$1" | head -n1 | cut -d: -f2- | sed 's/^ //; s/\r$//'; }
status() { head -n1 "$1" | cut -d' ' -f2; }

# What every response must carry: the `/*` rule of _headers, the one
# description every host file is written from.
mapfile -t expected < <(sed -n '/^\/\*$/,/^[^ ]/p' "$tmp/site/_headers" | grep '^  ' | sed 's/^  //')
check "headers listed in _headers" 5 "${#expected[@]}"
security_headers() { # NAME HEADERS-FILE
  for line in "${expected[@]}"; do
    name=${line%%: *}
    check "$1: $name" "${line#*: }" "$(header "$2" "$name")"
  done
}

# A page: every header, revalidated on each visit.
curl -s -D "$tmp/h" -o "$tmp/body" "$base/"
check "home page status" 200 "$(status "$tmp/h")"
security_headers "home page" "$tmp/h"
check "home page Cache-Control" "public, max-age=0, must-revalidate" "$(header "$tmp/h" Cache-Control)"
check "home page Content-Type" "text/html; charset=utf-8" "$(header "$tmp/h" Content-Type)"
cmp -s "$tmp/body" "$tmp/site/index.html" && same=yes || same=no
check "home page body is index.html" yes "$same"

# A fingerprinted asset: the same headers, kept for a year.
css=$(grep -o 'href="/assets/style\.[0-9a-f]*\.css"' "$tmp/site/index.html" | head -n1 | cut -d'"' -f2)
check "stylesheet is fingerprinted" yes "$([ -n "$css" ] && [ -f "$tmp/site$css" ] && echo yes || echo no)"
curl -s -D "$tmp/h" -o /dev/null "$base$css"
check "stylesheet status" 200 "$(status "$tmp/h")"
check "stylesheet Cache-Control" "public, max-age=31536000, immutable" "$(header "$tmp/h" Cache-Control)"
security_headers "stylesheet" "$tmp/h"
curl -s -D "$tmp/h" -o /dev/null "$base/assets/style.css"
check "unhashed stylesheet is not there" 404 "$(status "$tmp/h")"

# A missing page: 404 with the theme's page and every header.
curl -s -D "$tmp/h" -o "$tmp/body" "$base/systems/no-such-system/"
check "missing page status" 404 "$(status "$tmp/h")"
check "missing page shows the theme's 404 page" yes "$(cmp -s "$tmp/body" "$tmp/site/404.html" && echo yes || echo no)"
security_headers "missing page" "$tmp/h"

# Every old address (an alias): a 301 to the new one, with and without "/".
redirects=0
while read -r from to code; do
  case "$from" in '#'* | '') continue ;; esac
  curl -s -D "$tmp/h" -o /dev/null "$base$from"
  check "alias $from status" 301 "$(status "$tmp/h")"
  check "alias $from Location" "$to" "$(header "$tmp/h" Location)"
  check "alias $from CSP" "yes" "$([ -n "$(header "$tmp/h" Content-Security-Policy)" ] && echo yes || echo no)"
  redirects=$((redirects + 1))
done <"$tmp/site/_redirects"
check "the example has aliases" yes "$([ "$redirects" -ge 2 ] && echo yes || echo no)"

# Precompressed: nginx sends index.html.gz as it is to a client that takes gzip.
curl -s -D "$tmp/h" -o "$tmp/body" -H 'Accept-Encoding: gzip' "$base/"
check "gzip Content-Encoding" gzip "$(header "$tmp/h" Content-Encoding)"
check "gzip body is index.html.gz" yes "$(cmp -s "$tmp/body" "$tmp/site/index.html.gz" && echo yes || echo no)"
check "gzip Vary" "Accept-Encoding" "$(header "$tmp/h" Vary)"
curl -s -o "$tmp/body" --compressed "$base/systems/"
check "gzip decompresses to the page" yes "$(cmp -s "$tmp/body" "$tmp/site/systems/index.html" && echo yes || echo no)"

# The host files are not published.
for file in /_hosting/nginx.conf /_hosting/Caddyfile /_headers /_redirects /.htaccess; do
  check "$file is hidden" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$base$file")"
done

elapsed_ms=$((($(date +%s%N) - started) / 1000000))
echo "nginx $("$NGINX" -v 2>&1 | cut -d/ -f2) hosting checks: $passed passed, $failed failed in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s"
[ "$failed" -eq 0 ]
