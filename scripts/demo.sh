#!/usr/bin/env bash
# The main job on real data: installs missing packages, builds, then plans a
# real trip across central Singapore and prints it. Extra arguments replace
# the example trip, e.g.:
#   bash scripts/demo.sh --from "Bishan MRT" --to "1.3008,103.8455" --ride-limit 15
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export PITSTOP_DATA_DIR="${PITSTOP_DATA_DIR:-$repo/../shared/data}"

bash "$repo/scripts/install-dependencies.sh"
bash "$repo/scripts/build.sh" >/dev/null

pitstop="${PITSTOP_BUILD_DIR:-$repo/build}/pitstop"
if [ "$#" -gt 0 ]; then
  exec "$pitstop" --log-level warn plan "$@"
fi

echo "== Toa Payoh MRT to Holland Village MRT on a pass with a 15-minute ride limit =="
"$pitstop" --log-level warn plan --from "Toa Payoh MRT" --to "Holland Village MRT" --ride-limit 15 --margin 2
