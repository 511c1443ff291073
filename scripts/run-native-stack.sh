#!/usr/bin/env bash
# Starts the production topology of deploy/compose.yaml on this machine from
# Debian packages, with no Docker engine. Four servers run, all on 127.0.0.1:
#
#   PostgreSQL  a private PostgreSQL 15 cluster with PostGIS, set up by the
#               init files of deploy/database.Dockerfile the way the image does it
#   backend     `pitstop serve --skip-migrations` in database mode, logged in as
#               pitstop_server after `pitstop db migrate` ran as the schema owner
#   frontend    the Next.js standalone server
#   gateway     nginx, rendered from gateway/
#
# Usage: run-native-stack.sh [--check | --e2e]
#   (none)   runs until Ctrl-C or SIGTERM; the cluster stays in the run folder,
#            so the next start skips the init scripts and the first refresh,
#            as a container restart on the same volume does
#   --check  starts on a new cluster, requests the page and a real plan through
#            the gateway, checks that the parking spots came from the database,
#            stops, and exits 0 when all pass
#   --e2e    does what --check does, then runs the web app's end-to-end tests
#            (frontend/e2e) through the gateway, and stops
#
# How the cluster mirrors deploy/database.Dockerfile, which copies
# database/migrations/ and deploy/database-init/ into the postgis/postgis
# image's init folder: initdb with POSTGRES_USER as the superuser and its
# password, scram-sha-256 for TCP connections, and the database POSTGRES_DB.
# Then the init files run in name order, as the image runs them: *.sql through psql with ON_ERROR_STOP, *.sh
# by bash with POSTGRES_USER, POSTGRES_DB, PGHOST and PGPORT set. The image's
# own 10_postgis.sh takes its place in that order as `CREATE EXTENSION
# postgis`; the image also adds postgis_topology, fuzzystrmatch and the tiger
# geocoder, which PitStop does not use.
#
# It installs what is missing (scripts/install-dependencies.sh, which brings
# PostgreSQL and PostGIS, nginx, curl, chromium for --e2e, `npm ci`) and builds
# the backend and the web app when they are missing or stale. On exit it stops
# every process it started, PostgreSQL included.
#
# Environment:
#   PITSTOP_DATA_DIR         real data folder (default ../shared/data beside the repository)
#   PITSTOP_BUILD_DIR        backend build folder (default build/)
#   PITSTOP_NATIVE_RUN_DIR   cluster, logs and rendered gateway (default run/native-stack)
#   PITSTOP_NATIVE_DB_PORT   PostgreSQL's TCP port (default: a free port)
#   PITSTOP_NATIVE_PORT      gateway port (default 8080 when free, else a free port)
#   PITSTOP_ARTIFACTS_DIR    screenshots of --e2e (default test-artifacts/native-stack)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
frontend="$repo/frontend"

# shellcheck source=scripts/lib/stack.sh
source "$repo/scripts/lib/stack.sh"

usage() {
  echo "usage: $0 [--check | --e2e]"
  echo "  Starts PostgreSQL with PostGIS, the backend in database mode, the web app and the gateway."
  echo "  --check  requests the page and a plan through the gateway, checks the database, and stops (exit 0 or 1)"
  echo "  --e2e    runs the --check checks, then the end-to-end browser tests through the gateway, and stops"
}

mode=run
for argument in "$@"; do
  case "$argument" in
    --check) mode=check ;;
    --e2e) mode=e2e ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; stack_fail "unknown argument '$argument'" ;;
  esac
done

data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="$(realpath -m "${PITSTOP_BUILD_DIR:-$repo/build}")"
run_dir="$(realpath -m "${PITSTOP_NATIVE_RUN_DIR:-$repo/run/native-stack}")"
artifacts="$(realpath -m "${PITSTOP_ARTIFACTS_DIR:-$repo/test-artifacts/native-stack}")"
pg_bin=/usr/lib/postgresql/15/bin
password_file="$run_dir/db_password"
server_password_file="$run_dir/db_server_password"
# The names that deploy/.env.example uses, so the init scripts see the same values.
export POSTGRES_USER=pitstop POSTGRES_DB=pitstop

[[ -d "$data_dir" ]] || stack_fail "data folder $data_dir is missing: set PITSTOP_DATA_DIR to the folder described in README.md"
init_dirs=("$repo/database/migrations" "$repo/deploy/database-init")
compgen -G "${init_dirs[0]}/*.sql" >/dev/null \
  || stack_fail "${init_dirs[0]} has no .sql files: the schema migrations are needed to set up the cluster"
mkdir -p "$run_dir"
exec 9>"$run_dir/.lock"
flock -n 9 || stack_fail "another run-native-stack.sh is already using $run_dir: stop it first, or set PITSTOP_NATIVE_RUN_DIR"

# --- Install and build ----------------------------------------------------------------

timeout 1800 bash "$repo/scripts/install-dependencies.sh"
if [[ "$mode" == "e2e" ]]; then stack_install_debian_packages chromium; else stack_install_debian_packages; fi
[[ -x "$pg_bin/initdb" ]] || stack_fail "$pg_bin/initdb is missing: apt-get install postgresql-15 postgresql-15-postgis-3"
stack_require_node

stack_log "building the backend into $build_dir (output in $run_dir/backend-build.log)"
if ! PITSTOP_BUILD_DIR="$build_dir" timeout 5400 bash "$repo/scripts/build.sh" >"$run_dir/backend-build.log" 2>&1; then
  tail -n 30 "$run_dir/backend-build.log" >&2
  stack_fail "building the backend failed (log: $run_dir/backend-build.log)"
fi
"$build_dir/pitstop" serve --help | grep -q -- '--database' \
  || stack_fail "$build_dir/pitstop has no database mode (serve --database): rebuild it from a tree with backend/src/store"

if stack_node_modules_is_current "$frontend"; then
  stack_log "frontend/node_modules is newer than package-lock.json: skipping npm ci"
else
  stack_npm_ci "$frontend"
fi
if stack_frontend_build_is_current "$frontend"; then
  stack_log "the last next build is newer than the web app's sources: skipping it"
else
  stack_build_frontend "$frontend"
fi

# --- PostgreSQL -------------------------------------------------------------------------

# initdb and postgres refuse to run as root, so root runs them as "postgres".
as_postgres() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The cluster lives in the run folder when the postgres user can reach it. A
# run folder under /root is closed to that user, so the cluster then goes to a
# folder under /var/tmp whose name is fixed for this run folder.
pg_dir="$run_dir/postgres"
if ! as_postgres test -x "$run_dir"; then
  pg_dir="/var/tmp/pitstop-native-stack-$(printf '%s' "$run_dir" | md5sum | cut -c1-12)"
  stack_log "the postgres user cannot enter $run_dir, so the cluster goes to $pg_dir"
fi
pg_data="$pg_dir/data"
pg_socket="$pg_dir/socket"

pg_started=0
stop_postgres() {
  [[ "$pg_started" == "1" ]] || return 0
  stack_log "stopping PostgreSQL"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
  pg_started=0
}

# --check and --e2e start on a new cluster every time, so theirs is deleted at exit.
stop_everything() {
  local status=$?
  stack_stop_all
  stop_postgres
  if [[ "$mode" != "run" && -n "${pg_dir:-}" ]]; then rm -rf "$pg_dir"; fi
  exit "$status"
}
trap stop_everything EXIT
trap 'exit 130' INT TERM

# Runs one init file the way the PostGIS image's entrypoint does. The file goes
# to standard input, so the postgres user needs no access to the repository.
run_init_file() {
  local file="$1"
  case "$file" in
    *.sql)
      stack_log "init: psql < $(basename "$file")"
      as_postgres psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password \
        -h "$pg_socket" -p "$db_port" -U "$POSTGRES_USER" -d "$POSTGRES_DB" -q <"$file" ;;
    *.sh)
      stack_log "init: bash < $(basename "$file")"
      as_postgres env POSTGRES_USER="$POSTGRES_USER" POSTGRES_DB="$POSTGRES_DB" PGHOST="$pg_socket" \
        PGPORT="$db_port" PGUSER="$POSTGRES_USER" PITSTOP_DB_SERVER_PASSWORD="$(<"$server_password_file")" \
        bash -s <"$file" ;;
    *) stack_log "init: skipping $(basename "$file") (only .sql and .sh run)" ;;
  esac
}

new_cluster=0
if [[ "$mode" != "run" ]]; then
  rm -rf "$pg_dir"
fi
if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  new_cluster=1
  rm -rf "$pg_dir"
  mkdir -p "$pg_data" "$pg_socket"
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$password_file")
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$server_password_file")
  cp "$password_file" "$pg_dir/pwfile"
  [[ "$(id -u)" -eq 0 ]] && chown -R postgres:postgres "$pg_dir"
  chmod 700 "$pg_data" "$pg_socket"
  stack_log "initdb: new cluster in $pg_data (superuser $POSTGRES_USER)"
  as_postgres "$pg_bin/initdb" -D "$pg_data" --username="$POSTGRES_USER" --pwfile="$pg_dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$run_dir/initdb.log"
  rm -f "$pg_dir/pwfile"
fi
[[ -s "$password_file" && -s "$server_password_file" ]] \
  || stack_fail "$password_file or $server_password_file is missing: delete $pg_dir to start on a new cluster"

db_port="${PITSTOP_NATIVE_DB_PORT:-$(stack_free_port 127.0.0.1)}"
stack_log "starting PostgreSQL on 127.0.0.1:$db_port"
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_dir/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$db_port -c unix_socket_directories=$pg_socket" start >/dev/null \
  || { tail -n 20 "$pg_dir/postgres.log" >&2; stack_fail "PostgreSQL did not start (log: $pg_dir/postgres.log)"; }
pg_started=1

if [[ "$new_cluster" == "1" ]]; then
  as_postgres "$pg_bin/createdb" -h "$pg_socket" -p "$db_port" -U "$POSTGRES_USER" "$POSTGRES_DB"
  # The init files and the image's 10_postgis.sh, sorted by name as the image
  # sorts its init folder. A name in both folders would be one file there.
  while IFS= read -r file; do
    if [[ "$file" == "10_postgis.sh" ]]; then
      stack_log "init: CREATE EXTENSION postgis (the image's 10_postgis.sh)"
      as_postgres psql -v ON_ERROR_STOP=1 --no-psqlrc -q -h "$pg_socket" -p "$db_port" -U "$POSTGRES_USER" \
        -d "$POSTGRES_DB" -c 'CREATE EXTENSION IF NOT EXISTS postgis'
    else
      run_init_file "$file"
    fi
  done < <({ find "${init_dirs[@]}" -maxdepth 1 -type f; echo 10_postgis.sh; } \
             | awk -F/ '{ print $NF "\t" $0 }' | LC_ALL=C sort | cut -f2)
else
  stack_log "the cluster exists: skipping the init files, as the image does on an existing volume"
fi

# --- Backend, web app and gateway --------------------------------------------------------------

# As compose.yaml's migrate service: the schema owner applies the migrations
# that the cluster is missing (none on a new cluster).
stack_log "pitstop db migrate as $POSTGRES_USER"
PITSTOP_DATABASE_URL="postgresql://$POSTGRES_USER@127.0.0.1:$db_port/$POSTGRES_DB" \
  PITSTOP_DATABASE_PASSWORD_FILE="$password_file" "$build_dir/pitstop" db migrate

# `pitstop serve` reads these through its options' environment variables, as
# in the backend container. Parking comes from the data folder's DataMall file.
export PITSTOP_DATABASE_URL="postgresql://pitstop_server@127.0.0.1:$db_port/$POSTGRES_DB"
export PITSTOP_DATABASE_PASSWORD_FILE="$server_password_file"
export PITSTOP_REFRESH_SOURCES=files PITSTOP_REFRESH_SCHEDULE=off PITSTOP_REFRESH_ON_START=auto

stack_backend_serve_args=(--skip-migrations)
stack_start_backend "$build_dir" "$data_dir" 0 "$run_dir"
frontend_port="$(stack_choose_port "" 3000)"
stack_start_frontend "$frontend" "$frontend_port" "$run_dir/frontend.log"
gateway_port="$(stack_choose_port "${PITSTOP_NATIVE_PORT:-}" 8080)"
stack_start_gateway "$repo" "$run_dir/gateway" 127.0.0.1 "$gateway_port"
local_url="http://127.0.0.1:$gateway_port"

# --- Modes ---------------------------------------------------------------------------------------

# Prints the number of parking spots in the database.
count_spots() {
  as_postgres psql --no-psqlrc -tA -h "$pg_socket" -p "$db_port" -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
    -c 'SELECT count(*) FROM parking_spots'
}

check_stack() {
  local failures=0 status spots
  local plan_path='/api/v2/plan?from=1.332867,103.847143&to=1.312080,103.796038&rideLimitMin=15'

  status="$(curl -sS --max-time 30 -o "$run_dir/check-page.html" -w '%{http_code}' "$local_url/")" || status="no response"
  if [[ "$status" == "200" ]] && grep -q '<title>PitStop' "$run_dir/check-page.html"; then
    echo "check: GET / returned 200 with the PitStop page"
  else
    echo "check: GET / failed: status $status, expected 200 and a page titled PitStop"
    failures=$((failures + 1))
  fi

  status="$(curl -sS --max-time 120 -o "$run_dir/check-plan.json" -w '%{http_code}' "$local_url$plan_path")" \
    || status="no response"
  if [[ "$status" == "200" ]] && python3 -c '
import json, sys
plan = json.load(open(sys.argv[1]))
sys.exit(0 if plan["feasible"] and len(plan["rides"]) >= 2 else 1)' "$run_dir/check-plan.json"; then
    echo "check: GET $plan_path returned a feasible plan with pit stops"
  else
    echo "check: GET $plan_path failed: status $status, expected 200 and a feasible plan (body in $run_dir/check-plan.json)"
    failures=$((failures + 1))
  fi

  spots="$(count_spots)" || spots=0
  if ((spots > 0)); then
    echo "check: the database holds $spots parking spots from the first refresh"
  else
    echo "check: the parking_spots table is empty, expected the spots of the first refresh"
    failures=$((failures + 1))
  fi

  # The backend keeps one connection open (it LISTENs for refreshes); its role shows the login.
  local roles
  roles="$(as_postgres psql --no-psqlrc -tA -h "$pg_socket" -p "$db_port" -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
    -c "SELECT string_agg(DISTINCT usename, ',') FROM pg_stat_activity WHERE application_name = 'pitstop'")" || roles=""
  if [[ "$roles" == "pitstop_server" ]]; then
    echo "check: the backend is connected as pitstop_server, which cannot change the schema"
  else
    echo "check: the backend's connections use the roles '$roles', expected only pitstop_server"
    failures=$((failures + 1))
  fi
  echo "run-native-stack: $((4 - failures)) passed, $failures failed"
  ((failures == 0))
}

case "$mode" in
  check)
    check_stack
    ;;
  e2e)
    check_stack
    stack_log "end-to-end tests against $local_url/ (backend in database mode)"
    mkdir -p "$artifacts"
    (cd "$frontend" && PITSTOP_E2E_BASE_URL="$local_url" PITSTOP_ARTIFACTS_DIR="$artifacts" \
      timeout 900 npm run --silent test:e2e)
    ;;
  run)
    echo
    echo "PitStop (database mode) is running: open $local_url/ (Ctrl-C stops it)"
    echo "PostgreSQL: psql '$PITSTOP_DATABASE_URL' (password in $server_password_file)"
    echo "Logs: $run_dir (backend.log, frontend.log, gateway/logs/) and $pg_dir/postgres.log"
    stop_signal=""
    trap 'stop_signal=SIGINT' INT
    trap 'stop_signal=SIGTERM' TERM
    while [[ -z "$stop_signal" ]]; do
      if exited="$(stack_find_exited_server)"; then
        stack_fail "$exited stopped unexpectedly; see the logs in $run_dir"
      fi
      sleep 1 &
      wait $! || true
    done
    stack_log "received $stop_signal: stopping"
    ;;
esac
