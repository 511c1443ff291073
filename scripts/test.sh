#!/usr/bin/env bash
# Runs every test: installs missing packages, builds, then runs the GoogleTest
# suites through CTest, the HTTP API suite (pytest against a real
# `pitstop serve` and private PostgreSQL clusters), the same C++ suites and
# most of the API suite under AddressSanitizer (scripts/test-sanitizers.sh),
# the deployment checks (deploy/tests and
# scripts/test-portability.sh), the web app's tests (scripts/e2e-run.sh), the
# main job's check (scripts/run-app.sh --check) and the end-to-end tests through
# the database-mode stack (scripts/run-native-stack.sh --e2e). The real-data
# suites and every step after them read ../shared/data (or PITSTOP_DATA_DIR).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="${PITSTOP_DATA_DIR:-$repo/../shared/data}"
if [ ! -f "$data_dir/osm/singapore-bike-network-2025-12.osm.pbf" ]; then
  echo "test: real data not found in $data_dir; set PITSTOP_DATA_DIR to the folder described in README.md" >&2
  exit 1
fi

bash "$repo/scripts/install-dependencies.sh"
bash "$repo/scripts/build.sh"

PITSTOP_DATA_DIR="$(realpath -m "$data_dir")"
PITSTOP_BUILD_DIR="$(realpath -m "${PITSTOP_BUILD_DIR:-$repo/build}")"
export PITSTOP_DATA_DIR PITSTOP_BUILD_DIR

echo "test: CTest starts at ${SECONDS} s"
(cd "$PITSTOP_BUILD_DIR" && ctest --output-on-failure --timeout 600)

# The Debian interpreter, because python3-pytest and python3-requests install
# into it; a python3 found first on PATH (pyenv, a virtualenv) may lack them.
cd "$repo"
echo "test: API suite starts at ${SECONDS} s"
/usr/bin/python3 -m pytest -q backend/tests/api

# The C++ suites and the HTTP API suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan/; any sanitizer report fails the run.
echo "test: sanitizer suites start at ${SECONDS} s"
bash "$repo/scripts/test-sanitizers.sh" address

# Static checks of the Dockerfiles and compose files in deploy/ (no Docker
# engine needed), and the portability test: the Release binary plans a real
# trip under qemu with CPU models that lack AVX.
echo "test: deployment checks start at ${SECONDS} s"
/usr/bin/python3 -m pytest -q deploy/tests
echo "test: portability test starts at ${SECONDS} s"
bash "$repo/scripts/test-portability.sh"

# The web app's unit and end-to-end tests, then the main job's check: the whole
# app on the real data serves the page and a plan through the gateway. Both
# reuse the backend built above.
echo "test: web app tests start at ${SECONDS} s"
bash "$repo/scripts/e2e-run.sh"
echo "test: main job check starts at ${SECONDS} s"
bash "$repo/scripts/run-app.sh" --check

# The production topology without Docker: PostgreSQL with PostGIS set up by
# database/migrations/, the backend in database mode, the web app and the gateway,
# with the end-to-end tests run through it.
echo "test: database-mode stack starts at ${SECONDS} s"
bash "$repo/scripts/run-native-stack.sh" --e2e
echo "test: all tests passed in ${SECONDS} s"
