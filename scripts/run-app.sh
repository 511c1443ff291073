#!/usr/bin/env bash
# Starts the PitStop web app on the real data and prints the address to open.
# Three servers run: `pitstop serve` on a free port of 127.0.0.1, the Next.js
# standalone server on 127.0.0.1:3000 (or a free port), and the nginx gateway in
# front of both on PITSTOP_APP_BIND:PITSTOP_APP_PORT.
#
# It first installs what is missing (scripts/install-dependencies.sh, nginx and
# curl, `npm ci` in frontend/). Then it builds the backend (scripts/build.sh)
# and the web app (`next build`, skipped while the last build is newer than the
# app's sources). It runs until Ctrl-C or SIGTERM, then stops every process it
# started and exits 0.
#
# Usage: run-app.sh [--check]
#   --check  starts everything, requests the page and a real plan through the
#            gateway, prints the result, stops, and exits 0 when both pass, else 1
#
# Environment:
#   PITSTOP_DATA_DIR     real data folder (default ../shared/data beside the repository)
#   PITSTOP_BUILD_DIR    backend build folder (default build/)
#   PITSTOP_BUILD_JOBS   compile jobs for the backend (default: the number of cores)
#   PITSTOP_APP_BIND     gateway address: 127.0.0.1 (default, this machine only) or 0.0.0.0 (every interface)
#   PITSTOP_APP_PORT     gateway port (default 8080 when free, else a free port; 0 picks a free port)
#   PITSTOP_APP_RUN_DIR  logs, the backend's port file and the rendered gateway (default run/)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$repo/frontend"

# shellcheck source=scripts/lib/stack.sh
source "$repo/scripts/lib/stack.sh"

usage() {
  echo "usage: $0 [--check]"
  echo "  Starts the PitStop web app and prints the address to open; Ctrl-C stops it."
  echo "  --check  requests the page and a real plan through the gateway, prints the result and stops (exit 0 or 1)."
}

check_mode=0
for argument in "$@"; do
  case "$argument" in
    --check) check_mode=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; stack_fail "unknown argument '$argument'" ;;
  esac
done

data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="$(realpath -m "${PITSTOP_BUILD_DIR:-$repo/build}")"
# --check gets its own folder, so that it can run beside an app already running.
default_run_dir="$repo/run"
[[ "$check_mode" == "1" ]] && default_run_dir="$repo/run/check"
run_dir="$(realpath -m "${PITSTOP_APP_RUN_DIR:-$default_run_dir}")"
bind="${PITSTOP_APP_BIND:-127.0.0.1}"
requested_port="${PITSTOP_APP_PORT:-}"

# --- Settings and ports -------------------------------------------------------------

case "$bind" in
  127.0.0.1 | 0.0.0.0) ;;
  *) stack_fail "PITSTOP_APP_BIND='$bind' is invalid: use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)" ;;
esac
if [[ -n "$requested_port" ]] && { [[ ! "$requested_port" =~ ^[0-9]{1,5}$ ]] || ((10#$requested_port > 65535)); }; then
  stack_fail "PITSTOP_APP_PORT='$requested_port' is invalid: use a port from 1 to 65535, or 0 for a free port"
fi
[[ -z "$requested_port" ]] || requested_port=$((10#$requested_port))
[[ -d "$data_dir" ]] || stack_fail "data folder $data_dir is missing: set PITSTOP_DATA_DIR to the folder described in README.md"
mkdir -p "$run_dir"
# One instance per folder: a second one would overwrite the first one's logs
# and gateway files under it.
exec 9>"$run_dir/.lock"
flock -n 9 || stack_fail "another run-app.sh is already using $run_dir: stop it first, or set PITSTOP_APP_RUN_DIR to another folder"

stack_require_node

# The ports are chosen before the build, so a taken PITSTOP_APP_PORT fails at once.
if [[ -z "$requested_port" ]]; then
  gateway_port=8080
  if ! stack_port_is_free "$gateway_port" "$bind"; then
    gateway_port="$(stack_free_port "$bind")"
    stack_log "port 8080 is in use, so the gateway takes the free port $gateway_port (set PITSTOP_APP_PORT to choose one)"
  fi
elif [[ "$requested_port" == "0" ]]; then
  gateway_port="$(stack_free_port "$bind")"
else
  gateway_port="$requested_port"
  stack_port_is_free "$gateway_port" "$bind" \
    || stack_fail "port $gateway_port on $bind is in use: stop what listens there or set PITSTOP_APP_PORT to another port"
fi
frontend_port="$(stack_choose_port "" 3000)"

# --- Install and build ---------------------------------------------------------------

timeout 1800 bash "$repo/scripts/install-dependencies.sh"
stack_install_debian_packages

stack_log "building the backend into $build_dir (the first build takes several minutes; output in $run_dir/backend-build.log)"
if ! PITSTOP_BUILD_DIR="$build_dir" timeout 5400 bash "$repo/scripts/build.sh" >"$run_dir/backend-build.log" 2>&1; then
  tail -n 30 "$run_dir/backend-build.log" >&2
  stack_fail "building the backend failed (log: $run_dir/backend-build.log)"
fi

if stack_node_modules_is_current "$frontend"; then
  stack_log "frontend/node_modules is newer than package-lock.json: skipping npm ci"
else
  stack_npm_ci "$frontend"
fi

if stack_frontend_build_is_current "$frontend"; then
  stack_log "the last next build is newer than the web app's sources: skipping it"
else
  stack_build_frontend "$frontend"
fi

# --- Start ----------------------------------------------------------------------------

stack_trap_cleanup
stack_start_backend "$build_dir" "$data_dir" 0 "$run_dir"
stack_start_frontend "$frontend" "$frontend_port" "$run_dir/frontend.log"
stack_start_gateway "$repo" "$run_dir/gateway" "$bind" "$gateway_port"

# The gateway listens on 127.0.0.1 for both allowed binds.
local_url="http://127.0.0.1:$gateway_port"

# --- Check mode -------------------------------------------------------------------------

# Prints a one-line summary of the plan in the JSON file, such as "4 rides,
# 3 pit stops, 11.0 km, 52 min, ride limit 15 min", and fails unless the plan is
# feasible.
summarize_plan() {
  node -e '
    const plan = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const rides = plan.rides.length;
    const stops = Math.max(rides - 1, 0);
    const summary = `${rides} ride${rides === 1 ? "" : "s"}, ${stops} pit stop${stops === 1 ? "" : "s"}, ` +
      `${(plan.total_distance_m / 1000).toFixed(1)} km, ${Math.round(plan.total_time_s / 60)} min, ` +
      `ride limit ${Math.round(plan.ride_limit_s / 60)} min`;
    if (plan.feasible !== true) {
      console.log(`${summary}; warnings: ${JSON.stringify(plan.warnings)}`);
      process.exit(1);
    }
    console.log(summary);
  ' "$1"
}

# Requests the page and a real plan (Toa Payoh to Holland Village, 15-minute
# rides) through the gateway and prints each result. Fails when either fails.
check_app() {
  local page="$run_dir/check-page.html" plan="$run_dir/check-plan.json" status failures=0
  local plan_path='/api/v2/plan?from=1.332867,103.847143&to=1.312080,103.796038&rideLimitMin=15'

  status="$(curl -sS --max-time 30 -o "$page" -w '%{http_code}' "$local_url/")" || status="no response"
  if [[ "$status" == "200" ]] && grep -q '<title>PitStop' "$page"; then
    echo "check: GET / returned 200 with the PitStop page ($(wc -c <"$page") bytes)"
  else
    echo "check: GET / failed: status $status, expected 200 and a page titled PitStop (body in $page)"
    failures=$((failures + 1))
  fi

  status="$(curl -sS --max-time 120 -o "$plan" -w '%{http_code}' "$local_url$plan_path")" || status="no response"
  local summary=""
  if [[ "$status" == "200" ]] && summary="$(summarize_plan "$plan")"; then
    echo "check: GET $plan_path returned a feasible plan: $summary"
  else
    echo "check: GET $plan_path failed: status $status, expected 200 and a feasible plan${summary:+, got a plan that is not feasible: $summary} (body in $plan)"
    failures=$((failures + 1))
  fi

  ((failures == 0))
}

if [[ "$check_mode" == "1" ]]; then
  if check_app; then
    stack_log "check passed: the page and a feasible plan come through the gateway at $local_url/"
    exit 0
  fi
  stack_log "check failed; logs are in $run_dir"
  exit 1
fi

# --- Run until stopped -------------------------------------------------------------------

echo
echo "PitStop is running: open $local_url/ (Ctrl-C stops it)"
if [[ "$bind" == "0.0.0.0" ]]; then
  addresses="$(hostname -I 2>/dev/null | xargs || true)"
  echo "It listens on every interface, so other machines can open http://ADDRESS:$gateway_port/ with one of this machine's addresses: ${addresses:-see ip address}"
fi
echo "Logs: $run_dir (backend.log, frontend.log, gateway/logs/)"
echo

stop_signal=""
trap 'stop_signal=SIGINT' INT
trap 'stop_signal=SIGTERM' TERM
while [[ -z "$stop_signal" ]]; do
  if exited="$(stack_find_exited_server)"; then
    stack_fail "$exited stopped unexpectedly; see the logs in $run_dir (backend.log, frontend.log, gateway/logs/error.log)"
  fi
  # A background sleep lets the trap run as soon as a signal arrives.
  sleep 1 &
  wait $! || true
done
stack_log "received $stop_signal: stopping PitStop"
exit 0
