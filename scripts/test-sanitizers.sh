#!/usr/bin/env bash
# Runs the C++ suites under sanitizers, each build in its own folder:
#
#   address  AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/): every
#            CTest suite, then the API tests with hostile, heavy or database
#            traffic against the sanitized server.
#   thread   ThreadSanitizer (build-tsan/): the HTTP server's unit tests and the
#            API suite's connection, shutdown and load tests, which run the
#            server's worker threads concurrently.
#
#   scripts/test-sanitizers.sh [address] [thread]     (default: address)
#
# Any sanitizer report fails the run: the options below stop the process at the
# first report with a non-zero exit status, and leaks count as reports.
# scripts/test.sh calls this with "address". PITSTOP_DATA_DIR and
# PITSTOP_BUILD_JOBS apply as in scripts/build.sh.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
jobs="${PITSTOP_BUILD_JOBS:-$(nproc)}"
kinds=("$@")
if [ "${#kinds[@]}" -eq 0 ]; then kinds=(address); fi

# ASan keeps freed memory in a quarantine of 256 MB by default, which counts in
# the server's resident memory; 64 MB keeps test_load.py's limit on memory growth
# meaningful (the server grew by 207 MB under load with the default).
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:quarantine_size_mb=64"
# backend/tests/lsan-suppressions.txt explains its one entry, a libpqxx 6.4 leak.
export LSAN_OPTIONS="suppressions=$repo/backend/tests/lsan-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"

build() {
  local kind="$1" build_dir="$2"
  shift 2
  echo "test-sanitizers: building with PITSTOP_SANITIZE=$kind in $build_dir"
  # -g1 keeps the line tables that sanitizer reports need and compiles faster than -g.
  cmake -S "$repo/backend" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DPITSTOP_SANITIZE="$kind" \
    -DPITSTOP_DATA_DIR="$data_dir" >/dev/null
  cmake --build "$build_dir" --parallel "$jobs" "$@"
}

for kind in "${kinds[@]}"; do
  case "$kind" in
    address)
      build_dir="$(realpath -m "${PITSTOP_ASAN_BUILD_DIR:-$repo/build-asan}")"
      build address "$build_dir"
      started=$(date +%s)
      (cd "$build_dir" && ctest --output-on-failure --timeout 1800)
      # Only the API tests with hostile, heavy or database traffic and real plans run
      # here. The rest of the API suite runs against the normal build, so CI stays short.
      PITSTOP_BUILD_DIR="$build_dir" PITSTOP_DATA_DIR="$data_dir" \
        /usr/bin/python3 -m pytest -q -p no:cacheprovider \
        "$repo/backend/tests/api/test_bad_input_catalogue.py" "$repo/backend/tests/api/test_errors.py" \
        "$repo/backend/tests/api/test_limits.py" "$repo/backend/tests/api/test_load.py" \
        "$repo/backend/tests/api/test_shutdown.py" "$repo/backend/tests/api/test_security_defaults.py" \
        "$repo/backend/tests/api/test_plan.py" "$repo/backend/tests/api/test_database_server.py" \
        -k "not test_replicas_run_one_scheduled_refresh"
      echo "test-sanitizers: address tests took $(($(date +%s) - started)) s"
      ;;
    thread)
      # Not part of CI, because a third full build would not fit its time budget.
      build_dir="$(realpath -m "${PITSTOP_TSAN_BUILD_DIR:-$repo/build-tsan}")"
      build thread "$build_dir" --target pitstop pitstop_unit_tests
      started=$(date +%s)
      "$build_dir/tests/pitstop_unit_tests" --gtest_filter='HttpServer*'
      PITSTOP_BUILD_DIR="$build_dir" PITSTOP_DATA_DIR="$data_dir" \
        /usr/bin/python3 -m pytest -q -p no:cacheprovider "$repo/backend/tests/api/test_limits.py" \
        "$repo/backend/tests/api/test_shutdown.py" "$repo/backend/tests/api/test_load.py"
      echo "test-sanitizers: thread tests took $(($(date +%s) - started)) s"
      ;;
    *)
      echo "test-sanitizers: unknown sanitizer '$kind': use address or thread" >&2
      exit 2
      ;;
  esac
done
