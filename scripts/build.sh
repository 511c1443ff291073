#!/usr/bin/env bash
# Configures and builds the backend into build/ (Release, tests included).
# PITSTOP_DATA_DIR sets where the real-data tests read the shared data
# (default: ../shared/data beside the repository).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="${PITSTOP_DATA_DIR:-$repo/../shared/data}"
build_dir="${PITSTOP_BUILD_DIR:-$repo/build}"
jobs="${PITSTOP_BUILD_JOBS:-$(nproc)}"

cmake -S "$repo/backend" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
  -DPITSTOP_DATA_DIR="$(realpath -m "$data_dir")" >/dev/null
cmake --build "$build_dir" --parallel "$jobs"
