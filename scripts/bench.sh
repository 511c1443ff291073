#!/usr/bin/env bash
# Benchmarks on the real Singapore data: builds backend/bench (Google
# Benchmark) in its own folder, runs it pinned to one core, then starts
# `pitstop serve` to measure its memory after loading and while serving plans
# with wrk on two cores. docs/benchmarks.md describes the output.
# Settings (environment): PITSTOP_DATA_DIR (default ../shared/data),
# BENCH_BUILD_DIR (default build-bench), BENCH_JOBS (build jobs, default 2),
# BENCH_SECONDS (wrk seconds, default 15), BENCH_CONNECTIONS (default 16).
# Arguments go to the benchmark program, e.g. --benchmark_filter=Plan.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export PITSTOP_DATA_DIR="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="${BENCH_BUILD_DIR:-$repo/build-bench}"
jobs="${BENCH_JOBS:-2}"
seconds="${BENCH_SECONDS:-15}"
connections="${BENCH_CONNECTIONS:-16}"

if [ ! -f "$PITSTOP_DATA_DIR/osm/singapore-bike-network-2025-12.osm.pbf" ]; then
  echo "bench: real data not found in $PITSTOP_DATA_DIR; set PITSTOP_DATA_DIR to the folder described in README.md" >&2
  exit 1
fi
for tool in cmake taskset wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing; run scripts/install-dependencies.sh" >&2; exit 1; }
done
[ -f /usr/include/benchmark/benchmark.h ] || { echo "bench: Google Benchmark is missing: apt-get install libbenchmark-dev" >&2; exit 1; }

cmake -S "$repo/backend" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPITSTOP_BUILD_BENCHMARKS=ON \
  -DPITSTOP_BUILD_TESTS=OFF -DPITSTOP_DATA_DIR="$PITSTOP_DATA_DIR" >/dev/null
cmake --build "$build_dir" -j "$jobs" --target pitstop_benchmarks pitstop >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)," \
  "$(c++ --version | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Single-threaded benchmarks on core 0. p50_us and p99_us are per query.
taskset -c 0 "$build_dir/bench/pitstop_benchmarks" --benchmark_counters_tabular=true \
  --benchmark_out="$build_dir/benchmarks.json" --benchmark_out_format=json "$@"

# Memory of the server: resident after loading, then resident and peak after
# serving plans over the fixed pairs with wrk.
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
# The cache folder is temporary, so that the hierarchy is built as at a first start.
PITSTOP_CACHE_DIR="$work" "$build_dir/pitstop" --log-level info serve --bind 127.0.0.1 --port 0 \
  --port-file "$work/port" --threads 2 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 240); do
  [ -s "$work/port" ] && curl -fs "http://127.0.0.1:$(cat "$work/port")/ready" >/dev/null 2>&1 && break
  sleep 0.25
done
port="$(cat "$work/port")"
memory() { awk '/^(VmRSS|VmHWM)/ {printf "%s %.0f MB  ", $1, $2 / 1024}' "/proc/$server_pid/status"; echo; }
echo "server after loading: $(memory)"
grep -E "contraction hierarchy|graph:" "$work/server.log" | sed 's/^/server log: /' || true
ENDPOINT=v2 PAIRS_FILE="$repo/bench/pairs.txt" wrk -t 2 -c "$connections" -d "${seconds}s" \
  -s "$repo/bench/wrk-plan.lua" "http://127.0.0.1:$port" | grep -E "^(requests|p[0-9])"
echo "server after serving: $(memory)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
