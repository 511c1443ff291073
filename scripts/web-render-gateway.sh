#!/usr/bin/env bash
# Renders the nginx gateway (gateway/) into OUTDIR with the ports and upstreams
# from the environment, creates the logs/ and temp/ folders that nginx writes to,
# and checks the result with `nginx -t`. Run the gateway with:
#
#   nginx -p OUTDIR -c OUTDIR/nginx.conf            (add -s stop to stop it)
#
# Environment:
#   PITSTOP_GATEWAY_PORT   listen port, or ADDRESS:PORT such as 127.0.0.1:8080 (default 8080)
#   PITSTOP_BACKEND_ADDR   HOST:PORT of `pitstop serve` (default 127.0.0.1:8000)
#   PITSTOP_FRONTEND_ADDR  HOST:PORT of the Next.js server (default 127.0.0.1:3000)
#   PITSTOP_TILE_ORIGIN    origin of the map tiles, allowed in the CSP img-src
#                          (default https://www.onemap.gov.sg)
#   PITSTOP_GATEWAY_RESOLVER  DNS server address, such as Docker's 127.0.0.11. When set,
#                          nginx looks the upstream names up again while it runs
#                          (`resolve`, which needs nginx 1.27.3 or newer). It then
#                          starts while they are down and follows their address
#                          changes. Unset (the default) resolves them once at start.
#   PITSTOP_GATEWAY_SKIP_TEST=1  skips `nginx -t`
#
# When nginx starts as root its workers run as "nobody", so OUTDIR and every folder
# above it must be readable and searchable by others (a folder under /root is not).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

repo="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="$repo/gateway"
out_dir="$1"

port="${PITSTOP_GATEWAY_PORT:-8080}"
backend="${PITSTOP_BACKEND_ADDR:-127.0.0.1:8000}"
frontend="${PITSTOP_FRONTEND_ADDR:-127.0.0.1:3000}"
tile_origin="${PITSTOP_TILE_ORIGIN:-https://www.onemap.gov.sg}"
resolver="${PITSTOP_GATEWAY_RESOLVER:-}"

# The values go into sed replacements and nginx directives, so only plain address characters pass.
check_value() {
  local name="$1" value="$2" pattern="$3" example="$4"
  if [[ ! "$value" =~ $pattern ]]; then
    echo "$0: $name='$value' is invalid: expected a value such as $example" >&2
    exit 2
  fi
}
check_value PITSTOP_GATEWAY_PORT "$port" '^([0-9.]+:|\[[0-9a-fA-F:]+\]:)?[0-9]{1,5}$' "8080 or 127.0.0.1:8080"
check_value PITSTOP_BACKEND_ADDR "$backend" '^[A-Za-z0-9.-]+:[0-9]{1,5}$|^unix:/[A-Za-z0-9._/-]+$' "127.0.0.1:8000"
check_value PITSTOP_FRONTEND_ADDR "$frontend" '^[A-Za-z0-9.-]+:[0-9]{1,5}$|^unix:/[A-Za-z0-9._/-]+$' "127.0.0.1:3000"
check_value PITSTOP_TILE_ORIGIN "$tile_origin" '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' "https://www.onemap.gov.sg"
if [[ -n "$resolver" ]]; then
  check_value PITSTOP_GATEWAY_RESOLVER "$resolver" '^[0-9.]+(:[0-9]{1,5})?$|^\[[0-9a-fA-F:]+\](:[0-9]{1,5})?$' "127.0.0.11"
  if [[ "$backend" == unix:* || "$frontend" == unix:* ]]; then
    echo "$0: PITSTOP_GATEWAY_RESOLVER needs host names, but an upstream is a Unix socket: unset one of them" >&2
    exit 2
  fi
fi

mkdir -p "$out_dir/conf.d" "$out_dir/logs" "$out_dir/temp"
out_dir="$(cd "$out_dir" && pwd)"
# nginx creates temp/* itself and hands them to the worker user, who must be able to reach them.
chmod 755 "$out_dir" "$out_dir/temp"

cp "$source_dir/nginx.conf" "$out_dir/nginx.conf"
for file in "$source_dir"/conf.d/*.conf; do
  sed -E \
    -e "s|^([[:space:]]*listen )[^;]+;([[:space:]]*# template: PITSTOP_GATEWAY_PORT)$|\1${port};\2|" \
    -e "s|^([[:space:]]*server )[^;]+;([[:space:]]*# template: PITSTOP_BACKEND_ADDR)$|\1${backend};\2|" \
    -e "s|^([[:space:]]*server )[^;]+;([[:space:]]*# template: PITSTOP_FRONTEND_ADDR)$|\1${frontend};\2|" \
    -e "/# template: PITSTOP_TILE_ORIGIN$/ s|https://www\.onemap\.gov\.sg|${tile_origin}|" \
    "$file" >"$out_dir/conf.d/$(basename "$file")"
done

# A template line that lost its marker would keep its default silently, so check each one.
pitstop_conf="$out_dir/conf.d/pitstop.conf"
for expected in "listen ${port};" "server ${backend};" "server ${frontend};" "img-src 'self' data: blob: ${tile_origin};"; do
  if ! grep -qF -- "$expected" "$pitstop_conf"; then
    echo "$0: rendering failed: '$expected' is missing from $pitstop_conf; check the '# template:' markers in gateway/conf.d/pitstop.conf" >&2
    exit 1
  fi
done

# Dynamic lookup: each upstream gets shared memory (required by `resolve`) and
# the DNS server; valid=10s bounds how long an old address is used.
if [[ -n "$resolver" ]]; then
  sed -i -E \
    -e "s/^([[:space:]]*server [^;]+);([[:space:]]*# template: PITSTOP_(BACKEND|FRONTEND)_ADDR)$/\1 resolve;\2/" \
    -e "s/^([[:space:]]*)upstream ([A-Za-z0-9_]+) \{$/&\n\1    zone \2 64k;\n\1    resolver ${resolver} valid=10s;/" \
    "$pitstop_conf"
  for expected in "server ${backend} resolve;" "server ${frontend} resolve;" "zone pitstop_backend 64k;" "zone pitstop_frontend 64k;"; do
    if ! grep -qF -- "$expected" "$pitstop_conf"; then
      echo "$0: rendering failed: '$expected' is missing from $pitstop_conf; check the upstream blocks in gateway/conf.d/pitstop.conf" >&2
      exit 1
    fi
  done
fi

if [[ "${PITSTOP_GATEWAY_SKIP_TEST:-0}" != "1" ]]; then
  if ! command -v nginx >/dev/null 2>&1; then
    echo "$0: nginx is not installed (Debian: apt-get install nginx); set PITSTOP_GATEWAY_SKIP_TEST=1 to render without checking" >&2
    exit 1
  fi
  nginx -t -q -p "$out_dir/" -c "$out_dir/nginx.conf"
fi

echo "Rendered the gateway into $out_dir (listen $port, backend $backend, frontend $frontend)."
echo "Start: nginx -p $out_dir/ -c $out_dir/nginx.conf    Stop: nginx -p $out_dir/ -c $out_dir/nginx.conf -s stop"
