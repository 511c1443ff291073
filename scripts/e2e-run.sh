#!/usr/bin/env bash
# Runs the web app's checks: the type check and unit tests (Vitest), then the
# end-to-end tests (playwright-core driving Debian's Chromium). The end-to-end
# tests run against the real stack on 127.0.0.1, which this script starts:
# `pitstop serve` on the real data, the Next.js server, and the nginx gateway in
# front of both. It first installs what is missing (the Debian packages nginx,
# chromium and gettext-base, and `npm ci` in frontend/). When build/pitstop is
# missing, it also installs the backend's build packages
# (scripts/install-dependencies.sh) and builds the backend. On exit it stops
# every process it started.
# scripts/lib/stack.sh contains the start and stop steps, shared with scripts/run-app.sh.
#
# Environment:
#   PITSTOP_DATA_DIR           real data folder (default ../shared/data beside the repository)
#   PITSTOP_BUILD_DIR          backend build folder (default build/)
#   PITSTOP_BUILD_JOBS         compile jobs when the backend must be built (default 1)
#   PITSTOP_E2E_BACKEND_PORT   backend port (default: a free port)
#   PITSTOP_E2E_FRONTEND_PORT  Next.js port (default 3000 when free, else a free port)
#   PITSTOP_E2E_GATEWAY_PORT   gateway port (default 8080 when free, else a free port)
#   PITSTOP_ARTIFACTS_DIR      screenshots and logs (default test-artifacts/)
#   PITSTOP_E2E_SKIP_NPM_CI=1  keeps the installed node_modules
#   PITSTOP_E2E_SKIP_BUILD=1   keeps the last `next build`
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$repo/frontend"
data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="${PITSTOP_BUILD_DIR:-$repo/build}"
artifacts="${PITSTOP_ARTIFACTS_DIR:-$repo/test-artifacts}"
logs="$artifacts/logs"
gateway_dir="$artifacts/gateway"

# shellcheck source=scripts/lib/stack.sh
source "$repo/scripts/lib/stack.sh"

# --- Install ---------------------------------------------------------------

stack_install_debian_packages chromium gettext-base
stack_require_node

if [[ "${PITSTOP_E2E_SKIP_NPM_CI:-0}" != "1" ]]; then
  stack_npm_ci "$frontend"
fi

stack_build_backend_if_missing "$repo" "$build_dir"
[[ -d "$data_dir" ]] || stack_fail "data folder $data_dir is missing: set PITSTOP_DATA_DIR"

# --- Unit tests and build ----------------------------------------------------

stack_log "type check and unit tests"
(cd "$frontend" && timeout 600 npm run --silent typecheck && timeout 600 npm test)

if [[ "${PITSTOP_E2E_SKIP_BUILD:-0}" != "1" ]]; then
  stack_build_frontend "$frontend"
fi

# --- Start the stack -----------------------------------------------------------

mkdir -p "$logs"
stack_trap_cleanup

stack_start_backend "$build_dir" "$data_dir" "${PITSTOP_E2E_BACKEND_PORT:-0}" "$logs"
frontend_port="$(stack_choose_port "${PITSTOP_E2E_FRONTEND_PORT:-}" 3000)"
stack_start_frontend "$frontend" "$frontend_port" "$logs/frontend.log"
gateway_port="$(stack_choose_port "${PITSTOP_E2E_GATEWAY_PORT:-}" 8080)"
stack_start_gateway "$repo" "$gateway_dir" 127.0.0.1 "$gateway_port"

# --- End-to-end tests ----------------------------------------------------------

stack_log "end-to-end tests against http://127.0.0.1:$gateway_port/"
(cd "$frontend" && PITSTOP_E2E_BASE_URL="http://127.0.0.1:$gateway_port" PITSTOP_ARTIFACTS_DIR="$artifacts" \
  timeout 900 npm run --silent test:e2e)
stack_log "screenshots are in $artifacts"
