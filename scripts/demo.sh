#!/usr/bin/env bash
# The main job on real data: installs missing packages, builds, and starts the
# PitStop web app (scripts/run-app.sh, which receives every argument), then
# prints the address to open. Ctrl-C stops it.
#
# `--cli` plans a trip in the terminal instead: it installs, builds the backend,
# then plans a real trip across central Singapore and prints it. Arguments after
# --cli replace the example trip, e.g.:
#   bash scripts/demo.sh --cli --from "Bishan MRT" --to "1.3008,103.8455" --ride-limit 15
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"

if [ "${1:-}" != "--cli" ]; then
  exec bash "$repo/scripts/run-app.sh" "$@"
fi
shift

export PITSTOP_DATA_DIR="${PITSTOP_DATA_DIR:-$repo/../shared/data}"

bash "$repo/scripts/install-dependencies.sh"
bash "$repo/scripts/build.sh" >/dev/null

pitstop="${PITSTOP_BUILD_DIR:-$repo/build}/pitstop"
if [ "$#" -gt 0 ]; then
  exec "$pitstop" --log-level warn plan "$@"
fi

echo "== Toa Payoh MRT to Holland Village MRT on a pass with a 15-minute ride limit =="
"$pitstop" --log-level warn plan --from "Toa Payoh MRT" --to "Holland Village MRT" --ride-limit 15 --margin 2
