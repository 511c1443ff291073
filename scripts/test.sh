#!/usr/bin/env bash
# Runs every test: installs missing packages, builds, then runs the GoogleTest
# suites through CTest, the HTTP API suite (pytest against a real
# `pitstop serve`), the web app's tests (scripts/e2e-run.sh) and the main job's
# check (scripts/run-app.sh --check). The real-data suites and every step after
# them read ../shared/data (or PITSTOP_DATA_DIR).
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

(cd "$PITSTOP_BUILD_DIR" && ctest --output-on-failure --timeout 600)

# The Debian interpreter, because python3-pytest and python3-requests install
# into it; a python3 found first on PATH (pyenv, a virtualenv) may lack them.
cd "$repo"
/usr/bin/python3 -m pytest -q backend/tests/api

# The web app's unit and end-to-end tests, then the main job's check: the whole
# app on the real data serves the page and a plan through the gateway. Both
# reuse the backend built above.
bash "$repo/scripts/e2e-run.sh"
bash "$repo/scripts/run-app.sh" --check
