#!/usr/bin/env bash
# Side-by-side run against pgRouting. Loads the same OSM extract into a
# private PostgreSQL 15 cluster on 127.0.0.1 with osm2pgrouting (its bicycle
# map configuration plus trunk roads) and times pgr_dijkstra for the fixed
# pairs of bench/pairs.txt. Then it runs PitStop's route queries on the same
# pairs and prints, per pair and in total, the time ratio and both route
# lengths.
# Needs the Debian packages postgresql-15, postgresql-15-postgis-3,
# postgresql-15-pgrouting, osm2pgrouting and osmium-tool.
# Settings (environment): PITSTOP_DATA_DIR (default ../shared/data),
# BENCH_BUILD_DIR (default build-bench), BENCH_JOBS (default 2),
# BENCH_PG_PORT (default: a free port), BENCH_PG_RUNS (pgr_dijkstra runs a
# pair, default 5).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export PITSTOP_DATA_DIR="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="${BENCH_BUILD_DIR:-$repo/build-bench}"
jobs="${BENCH_JOBS:-2}"
port="${BENCH_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
runs="${BENCH_PG_RUNS:-5}"
pg_bin=/usr/lib/postgresql/15/bin
extract="$PITSTOP_DATA_DIR/osm/singapore-bike-network-2025-12.osm.pbf"
pairs="$repo/bench/pairs.txt"

[ -f "$extract" ] || { echo "bench-pgrouting: $extract not found; set PITSTOP_DATA_DIR" >&2; exit 1; }
[ -x "$pg_bin/initdb" ] || { echo "bench-pgrouting: PostgreSQL 15 is missing: apt-get install postgresql-15 postgresql-15-postgis-3" >&2; exit 1; }
for tool in osm2pgrouting osmium psql python3; do
  command -v "$tool" >/dev/null || { echo "bench-pgrouting: $tool is missing: apt-get install osm2pgrouting osmium-tool postgresql-client python3" >&2; exit 1; }
done
[ -f /usr/share/postgresql/15/extension/pgrouting.control ] ||
  { echo "bench-pgrouting: pgRouting is missing: apt-get install postgresql-15-pgrouting" >&2; exit 1; }

cmake -S "$repo/backend" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPITSTOP_BUILD_BENCHMARKS=ON -DPITSTOP_BUILD_TESTS=OFF \
  -DPITSTOP_DATA_DIR="$PITSTOP_DATA_DIR" >/dev/null
cmake --build "$build_dir" -j "$jobs" --target pitstop_route_pairs >/dev/null

work="$(mktemp -d)"
chmod 755 "$work"
# initdb and postgres refuse to run as root, so root runs them as "postgres".
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres "$work"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $work" start >/dev/null
sql() { psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d pitstop_bench -v ON_ERROR_STOP=1 "$@"; }
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE pitstop_bench"
sql -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;"
echo "pgRouting: $(sql -At -c 'SELECT pgr_version()'), PostgreSQL $(sql -At -c 'SHOW server_version')"

start=$(date +%s.%N)
osmium cat "$extract" -o "$work/extract.osm" --overwrite
# osm2pgrouting's bicycle configuration plus trunk roads, which PitStop's
# cycling profile rides and which join much of Singapore's network.
sed 's#^\( *\)<tag_value name="primary" priority="3.5" id="517" />#&\n\1<tag_value name="trunk_link" priority="3.5" id="518" />\n\1<tag_value name="trunk" priority="3.5" id="519" />#' \
  /usr/share/osm2pgrouting/mapconfig_for_bicycles.xml >"$work/mapconfig.xml"
grep -q 'name="trunk"' "$work/mapconfig.xml" ||
  { echo "bench-pgrouting: could not add trunk roads to osm2pgrouting's bicycle configuration" >&2; exit 1; }
osm2pgrouting --f "$work/extract.osm" --conf "$work/mapconfig.xml" \
  --dbname pitstop_bench --username postgres --host 127.0.0.1 --port "$port" --clean >"$work/osm2pgrouting.log" 2>&1 ||
  { tail -20 "$work/osm2pgrouting.log" >&2; exit 1; }
echo "osm2pgrouting load: $(echo "$(date +%s.%N) - $start" | bc) s, $(sql -At -c 'SELECT count(*) FROM ways') ways," \
  "$(sql -At -c 'SELECT count(*) FROM ways_vertices_pgr') vertices"

# Pairs as CSV, then the nearest vertex of each end, then timed pgr_dijkstra
# calls. Their cost is the travel time in seconds that osm2pgrouting derives
# from its own speeds (cost_s, reverse_cost_s, negative where forbidden).
awk '!/^#/ && NF == 2 { split($1, a, ","); split($2, b, ","); n++; print n "," a[1] "," a[2] "," b[1] "," b[2] }' \
  "$pairs" >"$work/pairs.csv"
sql <<SQL
CREATE TABLE pairs (pair int, from_lat float8, from_lon float8, to_lat float8, to_lon float8);
\copy pairs FROM '$work/pairs.csv' CSV
-- The start goes to its nearest vertex, and the destination to its nearest
-- vertex of the same connected component, since the extract is in patches.
CREATE TABLE components AS
SELECT * FROM pgr_connectedComponents(
  'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways');
CREATE TABLE vertices AS
SELECT v.id, v.the_geom, c.component FROM ways_vertices_pgr v JOIN components c ON c.node = v.id;
CREATE INDEX ON vertices USING gist (the_geom);
CREATE TABLE starts AS
SELECT p.*, s.id AS source, s.component
FROM pairs p CROSS JOIN LATERAL (
  SELECT id, component FROM vertices ORDER BY the_geom <-> ST_SetSRID(ST_MakePoint(p.from_lon, p.from_lat), 4326) LIMIT 1) s;
CREATE TABLE ends AS
SELECT st.pair, st.source,
  (SELECT id FROM vertices v WHERE v.component = st.component
   ORDER BY v.the_geom <-> ST_SetSRID(ST_MakePoint(st.to_lon, st.to_lat), 4326) LIMIT 1) AS target,
  st.from_lat, st.from_lon, st.to_lat, st.to_lon
FROM starts st;
-- How far each end moved to its vertex: where that is far, the two routes
-- start or end in different places and their lengths cannot agree.
CREATE TABLE end_moves AS
SELECT e.pair,
  ST_DistanceSphere(s.the_geom, ST_SetSRID(ST_MakePoint(e.from_lon, e.from_lat), 4326)) AS source_move_m,
  ST_DistanceSphere(t.the_geom, ST_SetSRID(ST_MakePoint(e.to_lon, e.to_lat), 4326)) AS target_move_m
FROM ends e JOIN ways_vertices_pgr s ON s.id = e.source JOIN ways_vertices_pgr t ON t.id = e.target;
CREATE TABLE timings (pair int, run int, ms float8);
CREATE TABLE routes (pair int, length_m float8, cost_s float8);
DO \$\$
DECLARE
  e record;
  started timestamptz;
BEGIN
  FOR e IN SELECT * FROM ends ORDER BY pair LOOP
    FOR run IN 1..$runs LOOP
      started := clock_timestamp();
      PERFORM count(*) FROM pgr_dijkstra(
        'SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways',
        e.source, e.target, directed => true);
      INSERT INTO timings VALUES (e.pair, run, extract(epoch FROM clock_timestamp() - started) * 1000);
    END LOOP;
    INSERT INTO routes
    SELECT e.pair, coalesce(sum(w.length_m), 0), coalesce(max(d.agg_cost), 0)
    FROM pgr_dijkstra('SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways',
                      e.source, e.target, directed => true) d
    LEFT JOIN ways w ON w.gid = d.edge;
  END LOOP;
END
\$\$;
\copy (SELECT r.pair, r.length_m, r.cost_s, percentile_disc(0.5) WITHIN GROUP (ORDER BY t.ms), max(m.source_move_m), max(m.target_move_m) FROM routes r JOIN timings t USING (pair) JOIN end_moves m USING (pair) GROUP BY r.pair, r.length_m, r.cost_s ORDER BY r.pair) TO '$work/pgrouting.csv' CSV
SQL

taskset -c 0 "$build_dir/bench/pitstop_route_pairs" "$pairs" 2>/dev/null >"$work/pitstop.csv"
python3 - "$work/pitstop.csv" "$work/pgrouting.csv" <<'PYTHON'
import csv, statistics, sys

pitstop = {int(row["pair"]): row for row in csv.DictReader(open(sys.argv[1]))}
rows = []
for pair, length_m, cost_s, median_ms, source_move_m, target_move_m in csv.reader(open(sys.argv[2])):
    ours = pitstop[int(pair)]
    if not ours["distance_m"] or float(length_m) == 0:
        print(f"pair {pair}: no route in {'PitStop' if not ours['distance_m'] else 'pgRouting'}")
        continue
    rows.append((int(pair), float(ours["distance_m"]), float(length_m), float(ours["contraction_us"]),
                 float(ours["dijkstra_us"]), float(median_ms) * 1000,
                 max(float(source_move_m), float(target_move_m))))

print("pair  PitStop m  pgRouting m  length ratio  end moved m  PitStop CH us  PitStop Dijkstra us  pgr_dijkstra us"
      "  pgr/CH")
for pair, ours_m, theirs_m, ch_us, dijkstra_us, pg_us, moved_m in rows:
    print(f"{pair:4d} {ours_m:10.0f} {theirs_m:12.0f} {theirs_m / ours_m:13.2f} {moved_m:12.0f} {ch_us:14.1f}"
          f" {dijkstra_us:20.1f} {pg_us:16.0f} {pg_us / ch_us:7.0f}")
print(f"pairs compared: {len(rows)}")
# Lengths are compared only where pgRouting's vertices lie within 100 m of both ends.
close = [r[2] / r[1] for r in rows if r[6] <= 100.0]
if close:
    print(f"length ratio pgRouting/PitStop where both ends moved 100 m or less ({len(close)} pairs):"
          f" median {statistics.median(close):.3f}, min {min(close):.3f}, max {max(close):.3f}")
print(f"median query time: PitStop CH {statistics.median(r[3] for r in rows):.1f} us,"
      f" PitStop Dijkstra {statistics.median(r[4] for r in rows):.1f} us,"
      f" pgr_dijkstra {statistics.median(r[5] for r in rows) / 1000:.1f} ms")
print(f"median ratio pgr_dijkstra/PitStop CH: {statistics.median(r[5] / r[3] for r in rows):.0f},"
      f" pgr_dijkstra/PitStop Dijkstra: {statistics.median(r[5] / r[4] for r in rows):.0f}")
PYTHON
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
