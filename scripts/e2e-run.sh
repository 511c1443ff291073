#!/usr/bin/env bash
# Runs the web app's checks: the type check and unit tests (Vitest), then the
# end-to-end tests (playwright-core driving Debian's Chromium). The end-to-end
# tests run against the real stack on 127.0.0.1, which this script starts:
# `pitstop serve` on the real data, the Next.js server, and the nginx gateway in
# front of both. It first installs what is missing (the Debian packages nginx,
# chromium and gettext-base, and `npm ci` in frontend/) and builds the backend
# when build/pitstop is missing. On exit it stops every process it started.
#
# Environment:
#   PITSTOP_DATA_DIR           real data folder (default ../shared/data beside the repository)
#   PITSTOP_BUILD_DIR          backend build folder (default build/)
#   PITSTOP_BUILD_JOBS         compile jobs when the backend must be built (default 1)
#   PITSTOP_E2E_BACKEND_PORT   backend port (default: a free port)
#   PITSTOP_E2E_FRONTEND_PORT  Next.js port (default 3000 when free, else a free port)
#   PITSTOP_E2E_GATEWAY_PORT   gateway port (default 8080 when free, else a free port)
#   PITSTOP_ARTIFACTS_DIR      screenshots and logs (default test-artifacts/)
#   PITSTOP_E2E_SKIP_NPM_CI=1  keeps the installed node_modules
#   PITSTOP_E2E_SKIP_BUILD=1   keeps the last `next build`
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$repo/frontend"
data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="${PITSTOP_BUILD_DIR:-$repo/build}"
artifacts="${PITSTOP_ARTIFACTS_DIR:-$repo/test-artifacts}"
logs="$artifacts/logs"
gateway_dir="$artifacts/gateway"

backend_start_timeout_s=300
frontend_start_timeout_s=60
gateway_start_timeout_s=20

log() { printf '[e2e-run] %s\n' "$*"; }
fail() { printf '[e2e-run] error: %s\n' "$*" >&2; exit 1; }

# --- Install ---------------------------------------------------------------

install_debian_packages() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || missing+=(nginx)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [[ ${#missing[@]} -eq 0 ]] && return
  [[ "$(id -u)" -eq 0 ]] || fail "missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_debian_packages
command -v node >/dev/null 2>&1 || fail "node is not installed: install Node.js 20.19 or newer"
command -v npm >/dev/null 2>&1 || fail "npm is not installed: install it with Node.js"

if [[ "${PITSTOP_E2E_SKIP_NPM_CI:-0}" != "1" ]]; then
  log "npm ci in frontend/"
  (cd "$frontend" && timeout 900 npm ci --no-audit --no-fund)
fi

if [[ ! -x "$build_dir/pitstop" ]]; then
  log "building the backend into $build_dir (PITSTOP_BUILD_JOBS=${PITSTOP_BUILD_JOBS:-1})"
  PITSTOP_BUILD_DIR="$build_dir" PITSTOP_BUILD_JOBS="${PITSTOP_BUILD_JOBS:-1}" timeout 5400 bash "$repo/scripts/build.sh"
fi
[[ -d "$data_dir" ]] || fail "data folder $data_dir is missing: set PITSTOP_DATA_DIR"

# --- Unit tests and build ----------------------------------------------------

log "type check and unit tests"
(cd "$frontend" && timeout 600 npm run --silent typecheck && timeout 600 npm test)

if [[ "${PITSTOP_E2E_SKIP_BUILD:-0}" != "1" ]]; then
  log "next build"
  (cd "$frontend" && NEXT_TELEMETRY_DISABLED=1 timeout 900 npm run build)
fi

# --- Start the stack -----------------------------------------------------------

mkdir -p "$logs"
backend_pid=""
frontend_pid=""
nginx_started=0

stop_group() {
  local pid="$1" name="$2"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  log "$name did not stop within 10 s: killing it"
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  if [[ "$nginx_started" == "1" ]]; then
    log "stopping nginx"
    nginx -p "$gateway_dir/" -c "$gateway_dir/nginx.conf" -s quit 2>/dev/null || true
    # nginx -s quit only sends a signal, so wait for the master to exit and free the port.
    for _ in $(seq 1 50); do
      [[ -f "$gateway_dir/logs/nginx.pid" ]] || break
      sleep 0.2
    done
  fi
  stop_group "$frontend_pid" "the Next.js server"
  stop_group "$backend_pid" "the backend"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_is_free() {
  node -e '
    const server = require("net").createServer();
    server.once("error", () => process.exit(1));
    server.listen(Number(process.argv[1]), "127.0.0.1", () => server.close(() => process.exit(0)));
  ' "$1"
}

free_port() {
  node -e '
    const server = require("net").createServer();
    server.listen(0, "127.0.0.1", () => { console.log(server.address().port); server.close(); });
  '
}

choose_port() {
  local configured="$1" preferred="$2"
  if [[ -n "$configured" ]]; then
    echo "$configured"
  elif port_is_free "$preferred"; then
    echo "$preferred"
  else
    free_port
  fi
}

# Waits until URL responds with 2xx, the process PID exits, or TIMEOUT seconds pass.
wait_for_url() {
  local url="$1" timeout_s="$2" name="$3" pid="${4:-}" log_file="${5:-}"
  local deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; then
      log "$name is up at $url"
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      [[ -n "$log_file" ]] && tail -n 30 "$log_file" >&2
      fail "$name exited before it responded at $url (log: $log_file)"
    fi
    sleep 1
  done
  [[ -n "$log_file" ]] && tail -n 30 "$log_file" >&2
  fail "$name did not respond at $url within $timeout_s s (log: $log_file)"
}

backend_port="${PITSTOP_E2E_BACKEND_PORT:-0}"
port_file="$logs/backend.port"
rm -f "$port_file"
log "starting the backend: $build_dir/pitstop serve (data $data_dir)"
# setsid puts each server in its own process group, so cleanup stops it with all its children.
PITSTOP_DATA_DIR="$data_dir" setsid "$build_dir/pitstop" serve --bind 127.0.0.1 --port "$backend_port" \
  --port-file "$port_file" >"$logs/backend.log" 2>&1 &
backend_pid=$!

deadline=$((SECONDS + backend_start_timeout_s))
until [[ -s "$port_file" ]]; do
  kill -0 "$backend_pid" 2>/dev/null || { tail -n 30 "$logs/backend.log" >&2; fail "the backend exited while loading (log: $logs/backend.log)"; }
  ((SECONDS < deadline)) || fail "the backend did not start listening within $backend_start_timeout_s s (log: $logs/backend.log)"
  sleep 1
done
backend_port="$(tr -d '[:space:]' <"$port_file")"
wait_for_url "http://127.0.0.1:$backend_port/ready" "$backend_start_timeout_s" "the backend" "$backend_pid" "$logs/backend.log"

frontend_port="$(choose_port "${PITSTOP_E2E_FRONTEND_PORT:-}" 3000)"
log "starting the Next.js server on 127.0.0.1:$frontend_port"
(cd "$frontend" && HOSTNAME=127.0.0.1 PORT="$frontend_port" NEXT_TELEMETRY_DISABLED=1 \
  exec setsid node .next/standalone/server.js >"$logs/frontend.log" 2>&1) &
frontend_pid=$!
wait_for_url "http://127.0.0.1:$frontend_port/" "$frontend_start_timeout_s" "the Next.js server" "$frontend_pid" "$logs/frontend.log"

gateway_port="$(choose_port "${PITSTOP_E2E_GATEWAY_PORT:-}" 8080)"
rm -rf "$gateway_dir"
PITSTOP_GATEWAY_PORT="127.0.0.1:$gateway_port" \
  PITSTOP_BACKEND_ADDR="127.0.0.1:$backend_port" \
  PITSTOP_FRONTEND_ADDR="127.0.0.1:$frontend_port" \
  bash "$repo/scripts/web-render-gateway.sh" "$gateway_dir" >/dev/null
log "starting nginx on 127.0.0.1:$gateway_port"
nginx -p "$gateway_dir/" -c "$gateway_dir/nginx.conf"
nginx_started=1
wait_for_url "http://127.0.0.1:$gateway_port/" "$gateway_start_timeout_s" "the gateway" "" "$gateway_dir/logs/error.log"

# --- End-to-end tests ----------------------------------------------------------

log "end-to-end tests against http://127.0.0.1:$gateway_port/"
(cd "$frontend" && PITSTOP_E2E_BASE_URL="http://127.0.0.1:$gateway_port" PITSTOP_ARTIFACTS_DIR="$artifacts" \
  timeout 900 npm run --silent test:e2e)
log "screenshots are in $artifacts"
