# shellcheck shell=bash
# Starts and stops the PitStop stack on this machine: `pitstop serve` on the real
# data, the Next.js standalone server, and the nginx gateway in front of both.
# scripts/e2e-run.sh and scripts/run-app.sh source this file after
# `set -euo pipefail`.
#
# Every message starts with [stack_log_tag], which defaults to the sourcing
# script's name without .sh. The start functions store what they started in the
# stack_* variables below, and stack_stop_all stops exactly those processes.
# stack_trap_cleanup installs an EXIT trap that calls it.

stack_log_tag="${stack_log_tag:-$(basename "$0" .sh)}"

stack_backend_start_timeout_s=300
stack_frontend_start_timeout_s=60
stack_gateway_start_timeout_s=20

stack_backend_pid=""
stack_backend_port=""
# Extra `pitstop serve` options for stack_start_backend, such as --skip-migrations.
stack_backend_serve_args=()
stack_frontend_pid=""
stack_frontend_port=""
stack_gateway_dir=""
stack_gateway_started=0

stack_log() { printf '[%s] %s\n' "$stack_log_tag" "$*"; }
stack_fail() { printf '[%s] error: %s\n' "$stack_log_tag" "$*" >&2; exit 1; }

# --- Install and build ---------------------------------------------------------

# Installs nginx and curl, plus the optional packages named as arguments
# (chromium, gettext-base), when their commands are missing. Needs root only
# when something is missing.
stack_install_debian_packages() {
  local missing=() package
  command -v nginx >/dev/null 2>&1 || missing+=(nginx)
  for package in "$@"; do
    case "$package" in
      chromium) [[ -x /usr/bin/chromium ]] || missing+=(chromium) ;;
      gettext-base) command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base) ;;
      *) stack_fail "stack_install_debian_packages: unknown package '$package' (expected chromium or gettext-base)" ;;
    esac
  done
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [[ ${#missing[@]} -eq 0 ]] && return
  [[ "$(id -u)" -eq 0 ]] || stack_fail "missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
  stack_log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

stack_require_node() {
  command -v node >/dev/null 2>&1 || stack_fail "node is not installed: install Node.js 20.19 or newer"
  command -v npm >/dev/null 2>&1 || stack_fail "npm is not installed: install it with Node.js"
}

stack_npm_ci() {
  local frontend="$1"
  stack_log "npm ci in frontend/"
  (cd "$frontend" && timeout 900 npm ci --no-audit --no-fund)
}

# Succeeds when node_modules was installed after the last change to
# package.json and package-lock.json (npm writes node_modules/.package-lock.json
# on every install).
stack_node_modules_is_current() {
  local frontend="$1"
  local installed="$frontend/node_modules/.package-lock.json"
  [[ -f "$installed" && "$installed" -nt "$frontend/package-lock.json" && "$installed" -nt "$frontend/package.json" ]]
}

stack_build_backend_if_missing() {
  local repo="$1" build_dir="$2"
  [[ -x "$build_dir/pitstop" ]] && return
  timeout 1800 bash "$repo/scripts/install-dependencies.sh"
  stack_log "building the backend into $build_dir (PITSTOP_BUILD_JOBS=${PITSTOP_BUILD_JOBS:-1})"
  PITSTOP_BUILD_DIR="$build_dir" PITSTOP_BUILD_JOBS="${PITSTOP_BUILD_JOBS:-1}" timeout 5400 bash "$repo/scripts/build.sh"
}

# The NEXT_PUBLIC_* variables are compiled into the page, so the build stamp
# records them and a change to any of them makes the build stale.
stack_frontend_build_settings() {
  env | grep '^NEXT_PUBLIC_' | LC_ALL=C sort || true
}

# Runs `next build` (its postbuild step copies the static assets into
# .next/standalone) and then writes the stamp that
# stack_frontend_build_is_current compares against.
stack_build_frontend() {
  local frontend="$1"
  local stamp="$frontend/.next/pitstop-build-stamp"
  stack_log "next build"
  rm -f "$stamp"
  (cd "$frontend" && NEXT_TELEMETRY_DISABLED=1 timeout 900 npm run build)
  stack_frontend_build_settings >"$stamp"
}

# Succeeds when the last stack_build_frontend ran with the same NEXT_PUBLIC_*
# values and after every change to the app's sources, configuration and
# installed packages.
stack_frontend_build_is_current() {
  local frontend="$1"
  local stamp="$frontend/.next/pitstop-build-stamp"
  [[ -f "$stamp" && -f "$frontend/.next/standalone/server.js" ]] || return 1
  [[ "$(cat "$stamp")" == "$(stack_frontend_build_settings)" ]] || return 1

  local sources=() path newer
  for path in src public scripts next.config.ts package.json package-lock.json tsconfig.json \
      node_modules/.package-lock.json; do
    [[ -e "$frontend/$path" ]] && sources+=("$frontend/$path")
  done
  newer="$(find "${sources[@]}" -newer "$stamp" -print -quit)"
  [[ -z "$newer" ]]
}

# --- Ports and waiting -----------------------------------------------------------

# Succeeds when PORT can be bound on HOST (default 127.0.0.1).
stack_port_is_free() {
  node -e '
    const server = require("net").createServer();
    server.once("error", () => process.exit(1));
    server.listen(Number(process.argv[1]), process.argv[2], () => server.close(() => process.exit(0)));
  ' "$1" "${2:-127.0.0.1}"
}

# Prints a port that the system reports free on HOST (default 127.0.0.1).
stack_free_port() {
  node -e '
    const server = require("net").createServer();
    server.listen(0, process.argv[1], () => { console.log(server.address().port); server.close(); });
  ' "${1:-127.0.0.1}"
}

# Prints CONFIGURED when it is set, else PREFERRED when that port is free on
# 127.0.0.1, else a free port.
stack_choose_port() {
  local configured="$1" preferred="$2"
  if [[ -n "$configured" ]]; then
    echo "$configured"
  elif stack_port_is_free "$preferred"; then
    echo "$preferred"
  else
    stack_free_port 127.0.0.1
  fi
}

# Waits until URL responds with 2xx, the process PID exits, or TIMEOUT seconds pass.
stack_wait_for_url() {
  local url="$1" timeout_s="$2" name="$3" pid="${4:-}" log_file="${5:-}"
  local deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; then
      stack_log "$name is up at $url"
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      [[ -n "$log_file" ]] && tail -n 30 "$log_file" >&2
      stack_fail "$name exited before it responded at $url (log: $log_file)"
    fi
    sleep 1
  done
  [[ -n "$log_file" ]] && tail -n 30 "$log_file" >&2
  stack_fail "$name did not respond at $url within $timeout_s s (log: $log_file)"
}

# --- Start -------------------------------------------------------------------------

# Starts `pitstop serve` on 127.0.0.1:PORT (0 picks a free port) and waits until
# /ready succeeds. Writes LOG_DIR/backend.log and LOG_DIR/backend.port, and sets
# stack_backend_pid and stack_backend_port.
stack_start_backend() {
  local build_dir="$1" data_dir="$2" port="$3" log_dir="$4"
  local port_file="$log_dir/backend.port" log_file="$log_dir/backend.log"
  rm -f "$port_file"
  stack_log "starting the backend: $build_dir/pitstop serve (data $data_dir)"
  # setsid puts each server in its own process group, so stack_stop_all stops it with all its children.
  PITSTOP_DATA_DIR="$data_dir" setsid "$build_dir/pitstop" serve --bind 127.0.0.1 --port "$port" \
    --port-file "$port_file" "${stack_backend_serve_args[@]}" >"$log_file" 2>&1 &
  stack_backend_pid=$!

  local deadline=$((SECONDS + stack_backend_start_timeout_s))
  until [[ -s "$port_file" ]]; do
    kill -0 "$stack_backend_pid" 2>/dev/null || { tail -n 30 "$log_file" >&2; stack_fail "the backend exited while loading (log: $log_file)"; }
    ((SECONDS < deadline)) || stack_fail "the backend did not start listening within $stack_backend_start_timeout_s s (log: $log_file)"
    sleep 1
  done
  stack_backend_port="$(tr -d '[:space:]' <"$port_file")"
  stack_wait_for_url "http://127.0.0.1:$stack_backend_port/ready" "$stack_backend_start_timeout_s" "the backend" \
    "$stack_backend_pid" "$log_file"
}

# Starts the Next.js standalone server of the last `next build` on
# 127.0.0.1:PORT and waits until it serves the page. Sets stack_frontend_pid and
# stack_frontend_port.
stack_start_frontend() {
  local frontend="$1" port="$2" log_file="$3"
  stack_log "starting the Next.js server on 127.0.0.1:$port"
  (cd "$frontend" && HOSTNAME=127.0.0.1 PORT="$port" NEXT_TELEMETRY_DISABLED=1 \
    exec setsid node .next/standalone/server.js >"$log_file" 2>&1) &
  stack_frontend_pid=$!
  stack_frontend_port="$port"
  stack_wait_for_url "http://127.0.0.1:$port/" "$stack_frontend_start_timeout_s" "the Next.js server" \
    "$stack_frontend_pid" "$log_file"
}

# Renders the gateway into GATEWAY_DIR (emptied first) for the backend and
# frontend started above, starts nginx listening on BIND:PORT, and waits until
# it serves the page. BIND is 127.0.0.1 or 0.0.0.0, and the wait goes to
# 127.0.0.1 in both cases. Sets stack_gateway_dir and stack_gateway_started.
stack_start_gateway() {
  local repo="$1" gateway_dir="$2" bind="$3" port="$4"
  [[ -n "$stack_backend_port" && -n "$stack_frontend_port" ]] \
    || stack_fail "stack_start_gateway: start the backend and the Next.js server first"

  rm -rf "$gateway_dir"
  PITSTOP_GATEWAY_PORT="$bind:$port" \
    PITSTOP_BACKEND_ADDR="127.0.0.1:$stack_backend_port" \
    PITSTOP_FRONTEND_ADDR="127.0.0.1:$stack_frontend_port" \
    bash "$repo/scripts/web-render-gateway.sh" "$gateway_dir" >/dev/null
  stack_gateway_dir="$(cd "$gateway_dir" && pwd)"
  stack_warn_unless_nobody_can_enter "$stack_gateway_dir/temp"

  stack_log "starting nginx on $bind:$port"
  nginx -p "$stack_gateway_dir/" -c "$stack_gateway_dir/nginx.conf"
  stack_gateway_started=1
  stack_wait_for_url "http://127.0.0.1:$port/" "$stack_gateway_start_timeout_s" "the gateway" "" \
    "$stack_gateway_dir/logs/error.log"
}

# nginx started as root runs its workers as "nobody". Workers that cannot enter
# temp/ fail every response too large for the proxy buffers, such as a long plan.
stack_warn_unless_nobody_can_enter() {
  local dir="$1"
  [[ "$(id -u)" -eq 0 ]] || return 0
  command -v runuser >/dev/null 2>&1 || return 0
  if ! runuser -u nobody -- test -x "$dir" 2>/dev/null; then
    stack_log "warning: nginx's workers (user nobody) cannot enter $dir, so large responses will fail; use a folder that every user can read, not one under /root"
  fi
}

# Prints the name of the first started server that is no longer running, and
# fails when none has exited.
stack_find_exited_server() {
  if [[ -n "$stack_backend_pid" ]] && ! kill -0 "$stack_backend_pid" 2>/dev/null; then
    echo "the backend"
  elif [[ -n "$stack_frontend_pid" ]] && ! kill -0 "$stack_frontend_pid" 2>/dev/null; then
    echo "the Next.js server"
  elif [[ "$stack_gateway_started" == "1" ]] && ! stack_gateway_is_running; then
    echo "the gateway"
  else
    return 1
  fi
}

stack_gateway_is_running() {
  local pid_file="$stack_gateway_dir/logs/nginx.pid"
  [[ -s "$pid_file" ]] && kill -0 "$(tr -d '[:space:]' <"$pid_file")" 2>/dev/null
}

# --- Stop ----------------------------------------------------------------------------

# Sends SIGTERM to the process group PID and waits up to 10 s before SIGKILL.
stack_stop_group() {
  local pid="$1" name="$2"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  stack_log "stopping $name (process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  stack_log "$name did not stop within 10 s: killing it"
  kill -KILL -- "-$pid" 2>/dev/null || true
}

# Stops the gateway, the Next.js server and the backend, whichever were started.
stack_stop_all() {
  if [[ "$stack_gateway_started" == "1" ]]; then
    stack_log "stopping nginx"
    nginx -p "$stack_gateway_dir/" -c "$stack_gateway_dir/nginx.conf" -s quit 2>/dev/null || true
    # nginx -s quit only sends a signal, so wait for the master to exit and free the port.
    for _ in $(seq 1 50); do
      [[ -f "$stack_gateway_dir/logs/nginx.pid" ]] || break
      sleep 0.2
    done
    stack_gateway_started=0
  fi
  stack_stop_group "$stack_frontend_pid" "the Next.js server"
  stack_frontend_pid=""
  stack_stop_group "$stack_backend_pid" "the backend"
  stack_backend_pid=""
}

stack_stop_all_and_exit() {
  local status=$?
  stack_stop_all
  exit "$status"
}

# Stops the stack whenever the script exits. SIGINT and SIGTERM exit with status 130.
stack_trap_cleanup() {
  trap stack_stop_all_and_exit EXIT
  trap 'exit 130' INT TERM
}
