#!/usr/bin/env bash
# Builds the libFuzzer targets in backend/fuzz/ with clang into build-fuzz/ and
# runs each for a set time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; TARGET names such as polyline or
# http_request pick targets (default: all). Seeds are cut from the real data in
# PITSTOP_DATA_DIR (default ../shared/data beside the repository) at every run.
# The corpus each target grows is kept in build-fuzz/corpus/TARGET for the next
# run, and a crashing input is written to build-fuzz/crashes/TARGET/. Prints
# one line per target and exits 1 when any target crashed.
#
# Environment: PITSTOP_FUZZ_BUILD_DIR (default build-fuzz), PITSTOP_BUILD_JOBS
# (default 2), PITSTOP_FUZZ_RSS_LIMIT_MB (default 2048).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "fuzz: SECONDS_PER_TARGET must be a whole number of seconds, got '$seconds'" >&2
  exit 2
fi

data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="$(realpath -m "${PITSTOP_FUZZ_BUILD_DIR:-$repo/build-fuzz}")"
jobs="${PITSTOP_BUILD_JOBS:-2}"
rss_limit_mb="${PITSTOP_FUZZ_RSS_LIMIT_MB:-2048}"

all_targets=(lat_lon polyline query_parameters search_query http_request datamall_parking onemap_search
             onemap_route osm_xml osm_pbf)
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then targets=("${all_targets[@]}"); fi
for target in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " == *" $target "* ]]; then
    echo "fuzz: unknown target '$target'; targets: ${all_targets[*]}" >&2
    exit 2
  fi
done

clang_cxx="$(command -v clang++-14 || command -v clang++ || true)"
clang_c="$(command -v clang-14 || command -v clang || true)"
if [ -z "$clang_cxx" ] || [ -z "$clang_c" ]; then
  echo "fuzz: clang not found: run scripts/install-dependencies.sh (it installs clang-14 and libclang-rt-14-dev)" >&2
  exit 1
fi

echo "fuzz: building the targets in $build_dir"
CC="$clang_c" CXX="$clang_cxx" cmake -S "$repo/backend" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPITSTOP_FUZZ=ON -DPITSTOP_BUILD_TESTS=OFF >/dev/null
build_targets=(make_osm_seeds)
for target in "${targets[@]}"; do build_targets+=("${target}_fuzzer"); done
nice -n 10 cmake --build "$build_dir" --parallel "$jobs" --target "${build_targets[@]}"

# Seeds: regenerated from the data at every run, never committed.
seeds="$build_dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
/usr/bin/python3 "$repo/backend/fuzz/make_seeds.py" "$data_dir" "$seeds"
for osm in "$data_dir/osm/"*.osm.pbf; do
  [ -f "$osm" ] || continue
  "$build_dir/fuzz/make_osm_seeds" "$osm" "$seeds/osm-cuts" 15 8
done
mkdir -p "$seeds/osm_xml" "$seeds/osm_pbf"
if [ -d "$seeds/osm-cuts" ]; then
  cp "$seeds/osm-cuts/"*.osm "$seeds/osm_xml/" 2>/dev/null || true
  cp "$seeds/osm-cuts/"*.osm.pbf "$seeds/osm_pbf/" 2>/dev/null || true
fi

# Inputs may be longer than libFuzzer's default 4 KB where real inputs are.
max_len_for() {
  case "$1" in
    osm_xml | osm_pbf) echo 65536 ;;
    http_request | datamall_parking | onemap_route) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

stations="$data_dir/reference/mrt-stations-2018.json"
export PITSTOP_FUZZ_STATIONS=""
if [ -f "$stations" ]; then PITSTOP_FUZZ_STATIONS="$stations"; fi

logs="$build_dir/logs"
mkdir -p "$logs"
failed=()
printf '%-18s %8s %12s %8s  %s\n' target seconds executions corpus result
for target in "${targets[@]}"; do
  corpus="$build_dir/corpus/$target"
  crashes="$build_dir/crashes/$target"
  mkdir -p "$corpus" "$crashes" "$seeds/$target"
  log="$logs/$target.log"
  started=$(date +%s)
  status=0
  (cd "$build_dir" && nice -n 10 "$build_dir/fuzz/${target}_fuzzer" \
    -max_total_time="$seconds" -max_len="$(max_len_for "$target")" -timeout=25 -rss_limit_mb="$rss_limit_mb" \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$seeds/$target") >"$log" 2>&1 || status=$?
  elapsed=$(($(date +%s) - started))
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  corpus_size="$(find "$corpus" -type f | wc -l)"
  if [ "$status" -eq 0 ]; then
    result="clean"
  else
    result="FAILED (exit $status): see $log and $crashes"
    failed+=("$target")
  fi
  printf '%-18s %8s %12s %8s  %s\n' "$target" "$elapsed" "${executions:-?}" "$corpus_size" "$result"
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}; reproduce with build-fuzz/fuzz/TARGET_fuzzer CRASH_FILE" >&2
  exit 1
fi
