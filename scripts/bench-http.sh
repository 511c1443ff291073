#!/usr/bin/env bash
# HTTP benchmark: starts `pitstop serve` on a free local port and drives
# /api/v1/routes and /api/v2/plan with wrk over the fixed real pairs in
# bench/pairs.txt. Prints requests per second and latency percentiles.
# Settings (environment): BENCH_SECONDS (default 20), BENCH_CONNECTIONS
# (default 32), BENCH_THREADS (wrk threads, default 2), SERVER_THREADS
# (default 2).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export PITSTOP_DATA_DIR="${PITSTOP_DATA_DIR:-$repo/../shared/data}"
seconds="${BENCH_SECONDS:-20}"
connections="${BENCH_CONNECTIONS:-32}"
wrk_threads="${BENCH_THREADS:-2}"
server_threads="${SERVER_THREADS:-2}"

bash "$repo/scripts/install-dependencies.sh"
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
bash "$repo/scripts/build.sh" >/dev/null

work="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
"${PITSTOP_BUILD_DIR:-$repo/build}/pitstop" --log-level warn serve --port 0 --port-file "$work/port" \
  --threads "$server_threads" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 120); do [ -s "$work/port" ] && break; sleep 0.5; done
port="$(cat "$work/port")"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "server: $server_threads worker threads; wrk: $wrk_threads threads, $connections connections, ${seconds}s"
cd "$repo"
for endpoint in v1 v2; do
  echo "== $endpoint"
  ENDPOINT="$endpoint" PAIRS_FILE="$repo/bench/pairs.txt" wrk -t "$wrk_threads" -c "$connections" \
    -d "${seconds}s" -s "$repo/bench/wrk-plan.lua" "http://127.0.0.1:$port" | grep -E "^(requests|p[0-9])"
done
