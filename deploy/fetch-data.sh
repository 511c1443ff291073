#!/usr/bin/env bash
# Downloads the data that PitStop's backend reads from its data folder, for a
# server with internet access:
#
#   DIR/osm/singapore.osm.pbf                 Singapore cut out of Geofabrik's
#                                             Malaysia, Singapore and Brunei extract
#   DIR/reference/mrt-stations-2018.json      MRT/LRT stations from the npm package
#                                             nearest-mrt 2.1.1 (place search)
#
# Bicycle parking is not downloaded here: the backend fetches it from LTA
# DataMall into the database on its first start when a DataMall AccountKey is
# set (see docs/deployment.md).
#
# Usage: fetch-data.sh [--force] DIR
#   --force  downloads again even when a file exists (the monthly OSM update)
#
# In the compose stack, `docker compose --profile tools run --rm fetch-data`
# runs this script in deploy/fetch-data.Dockerfile with the data volume at /data.
# On a host, it needs bash, curl, osmium-tool and jq (Debian: apt-get install
# curl osmium-tool jq).
#
# Environment:
#   PITSTOP_OSM_SOURCE_URL  the extract to download (default Geofabrik's
#                           malaysia-singapore-brunei-latest.osm.pbf; its .md5
#                           file is checked when the server offers one)
#   PITSTOP_OSM_BBOX        the box to keep, WEST,SOUTH,EAST,NORTH in degrees
#                           (default 103.6,1.2,104.1,1.48: Singapore)
#   PITSTOP_STATIONS_URL    the nearest-mrt package tarball (default 2.1.1 from the npm
#                           registry, whose station list is checked by SHA-256)
set -euo pipefail

osm_url="${PITSTOP_OSM_SOURCE_URL:-https://download.geofabrik.de/asia/malaysia-singapore-brunei-latest.osm.pbf}"
bbox="${PITSTOP_OSM_BBOX:-103.6,1.2,104.1,1.48}"
stations_url="${PITSTOP_STATIONS_URL:-https://registry.npmjs.org/nearest-mrt/-/nearest-mrt-2.1.1.tgz}"
# data/processed/mrt_stations.json of nearest-mrt 2.1.1; checked unless PITSTOP_STATIONS_URL is set.
stations_sha256=0508e0a8ff8ac6c2e9fbd671f7c8ef8ae5c340accfdf65766d26c904848dfe7f

log() { printf '[fetch-data] %s\n' "$*"; }
fail() { printf '[fetch-data] error: %s\n' "$*" >&2; exit 1; }

usage() {
  echo "usage: $0 [--force] DIR"
  echo "  Downloads Singapore's OSM extract and the MRT station list into DIR."
}

force=0
data_dir=""
for argument in "$@"; do
  case "$argument" in
    --force) force=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; fail "unknown option '$argument'" ;;
    *) [[ -z "$data_dir" ]] || { usage >&2; fail "more than one DIR given"; }; data_dir="$argument" ;;
  esac
done
[[ -n "$data_dir" ]] || { usage >&2; fail "DIR is missing"; }

for command in curl osmium jq tar md5sum sha256sum; do
  command -v "$command" >/dev/null 2>&1 \
    || fail "$command is not installed (Debian: apt-get install curl osmium-tool jq tar coreutils)"
done
[[ "$bbox" =~ ^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$ ]] \
  || fail "PITSTOP_OSM_BBOX='$bbox' is invalid: use WEST,SOUTH,EAST,NORTH in degrees, such as 103.6,1.2,104.1,1.48"

mkdir -p "$data_dir/osm" "$data_dir/reference"
work="$(mktemp -d "$data_dir/.fetch-data.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Downloads URL to FILE with retries; fails on an HTTP error.
download() {
  local url="$1" file="$2"
  log "downloading $url"
  curl -fL --retry 5 --retry-delay 10 --connect-timeout 30 -o "$file" "$url" \
    || fail "downloading $url failed: check the server's internet access and the URL"
}

# --- OpenStreetMap -----------------------------------------------------------------

osm_file="$data_dir/osm/singapore.osm.pbf"
if [[ -s "$osm_file" && "$force" == "0" ]]; then
  log "$osm_file exists: keeping it (--force downloads it again)"
else
  download "$osm_url" "$work/source.osm.pbf"
  # Geofabrik publishes FILE.md5 beside every extract; other servers may not.
  if curl -fsSL --retry 3 --connect-timeout 30 -o "$work/source.md5" "$osm_url.md5" 2>/dev/null; then
    expected="$(cut -d' ' -f1 "$work/source.md5")"
    actual="$(md5sum "$work/source.osm.pbf" | cut -d' ' -f1)"
    [[ "$expected" == "$actual" ]] \
      || fail "the MD5 of $osm_url is $actual, but $osm_url.md5 gives $expected: the download is damaged, run again"
    log "MD5 checked: $actual"
  else
    log "no $osm_url.md5 on the server: skipping the MD5 check"
  fi

  log "cutting out the box $bbox"
  # complete_ways keeps every node of a way that crosses the box edge, so roads
  # at the border stay whole.
  osmium extract --bbox "$bbox" --strategy complete_ways --overwrite \
    --output-format pbf -o "$work/singapore.osm.pbf" "$work/source.osm.pbf"
  # Rename within the same file system, so the backend never reads half a file.
  mv "$work/singapore.osm.pbf" "$osm_file.new"
  mv "$osm_file.new" "$osm_file"
  log "wrote $osm_file ($(du -h "$osm_file" | cut -f1))"
fi

# --- MRT stations -------------------------------------------------------------------

stations_file="$data_dir/reference/mrt-stations-2018.json"
if [[ -s "$stations_file" && "$force" == "0" ]]; then
  log "$stations_file exists: keeping it"
else
  download "$stations_url" "$work/nearest-mrt.tgz"
  tar -xzf "$work/nearest-mrt.tgz" -C "$work" package/data/processed/mrt_stations.json \
    || fail "the package $stations_url has no data/processed/mrt_stations.json: set PITSTOP_STATIONS_URL to nearest-mrt 2.1.1"
  actual="$(sha256sum "$work/package/data/processed/mrt_stations.json" | cut -d' ' -f1)"
  if [[ -z "${PITSTOP_STATIONS_URL:-}" && "$actual" != "$stations_sha256" ]]; then
    fail "the SHA-256 of the station list in $stations_url is $actual, expected $stations_sha256 (nearest-mrt 2.1.1)"
  fi
  count="$(jq '.data | length' "$work/package/data/processed/mrt_stations.json")" \
    || fail "the station list in $stations_url is not valid JSON"
  ((count > 100)) || fail "the station list in $stations_url has $count stations, expected more than 100"
  mv "$work/package/data/processed/mrt_stations.json" "$stations_file.new"
  mv "$stations_file.new" "$stations_file"
  log "wrote $stations_file ($count stations)"
fi

# The backend runs as an unprivileged user and only needs to read the files.
chmod -R a+rX "$data_dir/osm" "$data_dir/reference"
log "done: the backend reads $data_dir (restart it to load a new OSM extract: docker compose restart backend)"
