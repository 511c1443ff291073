#!/usr/bin/env bash
# Runs every test: installs missing packages, builds, then runs the GoogleTest
# suites through CTest. The real-data suites read ../shared/data (or
# PITSTOP_DATA_DIR).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="${PITSTOP_DATA_DIR:-$repo/../shared/data}"
if [ ! -f "$data_dir/osm/singapore-bike-network-2025-12.osm.pbf" ]; then
  echo "test: real data not found in $data_dir; set PITSTOP_DATA_DIR to the folder described in README.md" >&2
  exit 1
fi

bash "$repo/scripts/install-dependencies.sh"
bash "$repo/scripts/build.sh"

cd "${PITSTOP_BUILD_DIR:-$repo/build}"
ctest --output-on-failure --timeout 600
