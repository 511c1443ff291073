#!/usr/bin/env bash
# Side-by-side run against pgRouting. Loads the same OSM extract into a
# private PostgreSQL 15 cluster on 127.0.0.1 with osm2pgrouting and times
# pgr_dijkstra for the fixed pairs of bench/pairs.txt (osm2pgrouting's
# bicycle map configuration plus trunk roads, its own costs). Then it runs
# PitStop's route queries on the same pairs and prints, per pair and in
# total, the time ratio and both route lengths.
#
# It also checks that the route lengths agree. Between the first and last
# junction of PitStop's route it runs pgr_dijkstra again with three costs:
# osm2pgrouting's own, those of a map configuration written here with
# PitStop's speed per highway type, and PitStop's cycling rules for every
# way. bench/pgrouting_compare.py compares the paths way by way and names,
# for every pair outside the tolerance, the rule that explains it or flags
# it as unexplained.
#
# Needs the Debian packages postgresql-15, postgresql-15-postgis-3,
# postgresql-15-pgrouting, osm2pgrouting and osmium-tool.
# Settings (environment): PITSTOP_DATA_DIR (default ../shared/data),
# BENCH_BUILD_DIR (default build-bench), BENCH_JOBS (default 2),
# BENCH_PG_PORT (default: a free port), BENCH_PG_RUNS (pgr_dijkstra runs a
# pair, default 5), BENCH_PG_TOLERANCE (largest length ratio difference
# counted as agreement, default 0.02), BENCH_PG_KEEP (a folder that receives
# the run's CSV files, configurations and OSM XML, so that
# `python3 bench/pgrouting_compare.py --work FOLDER` can rerun the comparison).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export PITSTOP_DATA_DIR="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="${BENCH_BUILD_DIR:-$repo/build-bench}"
jobs="${BENCH_JOBS:-2}"
port="${BENCH_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
runs="${BENCH_PG_RUNS:-5}"
tolerance="${BENCH_PG_TOLERANCE:-0.02}"
keep="${BENCH_PG_KEEP:-}"
pg_bin=/usr/lib/postgresql/15/bin
extract="$PITSTOP_DATA_DIR/osm/singapore-bike-network-2025-12.osm.pbf"
pairs="$repo/bench/pairs.txt"

[ -f "$extract" ] || { echo "bench-pgrouting: $extract not found; set PITSTOP_DATA_DIR" >&2; exit 1; }
[ -x "$pg_bin/initdb" ] || { echo "bench-pgrouting: PostgreSQL 15 is missing: apt-get install postgresql-15 postgresql-15-postgis-3" >&2; exit 1; }
for tool in osm2pgrouting osmium psql python3 taskset bc; do
  command -v "$tool" >/dev/null || { echo "bench-pgrouting: $tool is missing: apt-get install osm2pgrouting osmium-tool postgresql-client python3 util-linux bc" >&2; exit 1; }
done
[ -f /usr/share/postgresql/15/extension/pgrouting.control ] ||
  { echo "bench-pgrouting: pgRouting is missing: apt-get install postgresql-15-pgrouting" >&2; exit 1; }

cmake -S "$repo/backend" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPITSTOP_BUILD_BENCHMARKS=ON -DPITSTOP_BUILD_TESTS=OFF \
  -DPITSTOP_DATA_DIR="$PITSTOP_DATA_DIR" >/dev/null
cmake --build "$build_dir" -j "$jobs" --target pitstop_route_pairs >/dev/null

script_start=$(date +%s.%N)
work="$(mktemp -d)"
chmod 755 "$work"
# initdb and postgres refuse to run as root, so root runs them as "postgres".
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$work"/*.csv "$work"/*.xml "$work"/*.osm "$keep"/ 2>/dev/null || true; fi
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
sql -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting; CREATE SCHEMA stock; CREATE SCHEMA matched;"
echo "pgRouting: $(sql -At -c 'SELECT pgr_version()'), PostgreSQL $(sql -At -c 'SHOW server_version')," \
  "$(osm2pgrouting --version 2>&1 | grep -o 'Version [0-9.]*' | sed 's/Version/osm2pgrouting/')"

# PitStop's side: query times, each route's points, and the cycling
# profile's decision for every way of the extract.
taskset -c 0 "$build_dir/bench/pitstop_route_pairs" --geometry "$work/pitstop_points.csv" \
  --way-rules "$work/way_rules.csv" "$pairs" 2>"$work/route_pairs.log" >"$work/pitstop.csv" ||
  { tail -20 "$work/route_pairs.log" >&2; exit 1; }

osmium cat "$extract" -o "$work/extract.osm" --overwrite

# The stock configuration: osm2pgrouting's bicycle configuration plus trunk
# roads, which PitStop's cycling profile rides and which join much of
# Singapore's network.
sed 's#^\( *\)<tag_value name="primary" priority="3.5" id="517" />#&\n\1<tag_value name="trunk_link" priority="3.5" id="518" />\n\1<tag_value name="trunk" priority="3.5" id="519" />#' \
  /usr/share/osm2pgrouting/mapconfig_for_bicycles.xml >"$work/mapconfig_stock.xml"
grep -q 'name="trunk"' "$work/mapconfig_stock.xml" ||
  { echo "bench-pgrouting: could not add trunk roads to osm2pgrouting's bicycle configuration" >&2; exit 1; }

# The matched configuration lists only the highway key, so that every edge's
# tag_id is its highway type. It has exactly the types that PitStop's profile
# rides, each with PitStop's speed. These speeds are copied from
# backend/src/ingest/cycling_profile.cpp: 15 km/h times the way type's factor.
# NOTE: osm2pgrouting 2.3.8 lets a way's maxspeed tag override the speed set
# here (force="yes" changed nothing in a test), so the SQL below sets the
# costs from these speeds after loading.
highway_speeds="trunk 15 trunk_link 15 primary 15 primary_link 15 secondary 15 secondary_link 15 tertiary 15
tertiary_link 15 unclassified 14.25 residential 14.25 road 14.25 living_street 10.5 service 12.75 track 10.5
cycleway 17.25 path 13.5 footway 9.75 pedestrian 7.5 bridleway 9"
echo $highway_speeds | awk '{
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n  <tag_name name=\"highway\" id=\"1\">"
  for (i = 1; i < NF; i += 2)
    printf "    <tag_value name=\"%s\" id=\"%d\" priority=\"1.0\" maxspeed=\"%s\" />\n", $i, 100 + (i + 1) / 2, $(i + 1)
  print "  </tag_name>\n</configuration>" }' >"$work/mapconfig_matched.xml"
echo $highway_speeds | awk '{ for (i = 1; i < NF; i += 2) print 100 + (i + 1) / 2 "," $i "," $(i + 1) }' >"$work/highway_speeds.csv"

load_start=$(date +%s.%N)
for schema in stock matched; do
  osm2pgrouting --f "$work/extract.osm" --conf "$work/mapconfig_$schema.xml" --schema "$schema" \
    --dbname pitstop_bench --username postgres --host 127.0.0.1 --port "$port" --clean >"$work/osm2pgrouting-$schema.log" 2>&1 ||
    { tail -20 "$work/osm2pgrouting-$schema.log" >&2; exit 1; }
  if [ "$schema" = stock ]; then load_s=$(echo "$(date +%s.%N) - $load_start" | bc | xargs printf '%.1f'); fi
done
echo "osm2pgrouting load (stock configuration): $load_s s, $(sql -At -c 'SELECT count(*) FROM stock.ways') ways," \
  "$(sql -At -c 'SELECT count(*) FROM stock.ways_vertices_pgr') vertices;" \
  "matched configuration: $(sql -At -c 'SELECT count(*) FROM matched.ways') ways"

# Inputs shared by both schemas: the pairs, PitStop's route points and its
# rule for every way.
awk '!/^#/ && NF == 2 { split($1, a, ","); split($2, b, ","); n++; print n "," a[1] "," a[2] "," b[1] "," b[2] }' \
  "$pairs" >"$work/pairs.csv"
sql <<SQL
CREATE TABLE pairs (pair int, from_lat float8, from_lon float8, to_lat float8, to_lon float8);
\copy pairs FROM '$work/pairs.csv' CSV
CREATE TABLE pitstop_points (pair int, point int, lat float8, lon float8);
\copy pitstop_points FROM '$work/pitstop_points.csv' CSV HEADER
CREATE TABLE way_rules (osm_id bigint PRIMARY KEY, routable int, forward int, backward int, way_type text,
                        speed_kmh float8);
\copy way_rules FROM '$work/way_rules.csv' CSV HEADER
CREATE TABLE highway_speeds (tag_id int PRIMARY KEY, highway text, speed_kmh float8);
\copy highway_speeds FROM '$work/highway_speeds.csv' CSV
CREATE TABLE stock.routes (variant text, pair int, seq int, node bigint, edge bigint);
CREATE TABLE matched.routes (LIKE stock.routes);
SQL

# The timed run, on the stock schema before the comparison adds columns to
# it. The start goes to its nearest vertex, and the destination to its
# nearest vertex of the same connected component, since the extract is in
# patches. The costs are the travel time in seconds that osm2pgrouting
# derives from maxspeed tags, else 50 km/h (cost_s, reverse_cost_s,
# negative where forbidden).
sql <<SQL
SET search_path = stock, public;
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
CREATE TABLE timings (pair int, run int, ms float8);
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
    SELECT 'timed', e.pair, d.path_seq, d.node, d.edge
    FROM pgr_dijkstra('SELECT gid AS id, source, target, cost_s AS cost, reverse_cost_s AS reverse_cost FROM ways',
                      e.source, e.target, directed => true) d;
  END LOOP;
END
\$\$;
-- The vertices of the timed route and how far each lies from its input.
\copy (SELECT e.pair, e.source, e.target, percentile_disc(0.5) WITHIN GROUP (ORDER BY t.ms), ST_DistanceSphere(s.the_geom, ST_SetSRID(ST_MakePoint(e.from_lon, e.from_lat), 4326)), ST_DistanceSphere(g.the_geom, ST_SetSRID(ST_MakePoint(e.to_lon, e.to_lat), 4326)) FROM ends e JOIN timings t USING (pair) JOIN ways_vertices_pgr s ON s.id = e.source JOIN ways_vertices_pgr g ON g.id = e.target GROUP BY e.pair, e.source, e.target, s.the_geom, g.the_geom, e.from_lat, e.from_lon, e.to_lat, e.to_lon ORDER BY e.pair) TO '$work/timed_ends.csv' CSV
SQL

# Per schema: edge lengths on the sphere that PitStop measures on (PostGIS's
# mean radius is 6371008.77 m, PitStop's 6371008.8 m). Costs from PitStop's
# rules for every way, -1 where PitStop does not ride. The first and last
# junction of each PitStop route.
for schema in stock matched; do
  sql <<SQL
SET search_path = $schema, public;
ALTER TABLE ways ADD COLUMN length_sphere_m float8, ADD COLUMN profile_cost_s float8,
  ADD COLUMN profile_reverse_cost_s float8;
UPDATE ways SET length_sphere_m = ST_Length(the_geom::geography, false);
UPDATE ways w SET
  profile_cost_s = CASE WHEN r.routable = 1 AND r.forward = 1
                        THEN w.length_sphere_m / (r.speed_kmh / 3.6) ELSE -1 END,
  profile_reverse_cost_s = CASE WHEN r.routable = 1 AND r.backward = 1
                                THEN w.length_sphere_m / (r.speed_kmh / 3.6) ELSE -1 END
FROM way_rules r WHERE r.osm_id = w.osm_id;
CREATE TABLE route_vertices AS
SELECT p.pair, p.point, v.id AS vertex
FROM pitstop_points p JOIN ways_vertices_pgr v ON v.the_geom ~= ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326);
CREATE TABLE core_ends AS
SELECT DISTINCT ON (pair) pair, first_value(vertex) OVER w AS source, last_value(vertex) OVER w AS target
FROM route_vertices WINDOW w AS (PARTITION BY pair ORDER BY point ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);
SQL
done
# The matched configuration's costs: its speed for the highway type, in the
# directions that osm2pgrouting allows.
sql -c "UPDATE matched.ways w SET
  cost_s = CASE WHEN w.one_way = -1 THEN -1 ELSE w.length_sphere_m / (s.speed_kmh / 3.6) END,
  reverse_cost_s = CASE WHEN w.one_way = 1 THEN -1 ELSE w.length_sphere_m / (s.speed_kmh / 3.6) END
FROM highway_speeds s WHERE s.tag_id = w.tag_id"

# Routes between the first and last junction of PitStop's route: on the
# stock schema with osm2pgrouting's costs, on the matched schema with the
# matched configuration's costs and with PitStop's rules for every way.
core_route() {  # schema, variant, cost column, reverse cost column
  sql <<SQL
SET search_path = $1, public;
INSERT INTO routes
SELECT '$2', c.pair, d.path_seq, d.node, d.edge
FROM core_ends c JOIN pgr_dijkstra(
  'SELECT gid AS id, source, target, $3 AS cost, $4 AS reverse_cost FROM ways',
  'SELECT DISTINCT source, target FROM core_ends', directed => true) d
  ON d.start_vid = c.source AND d.end_vid = c.target;
SQL
}
core_route stock stock cost_s reverse_cost_s
core_route matched mapconfig cost_s reverse_cost_s
core_route matched profile profile_cost_s profile_reverse_cost_s

for schema in stock matched; do
  sql <<SQL
SET search_path = $schema, public;
\copy (SELECT gid, osm_id, tag_id, source, target, source_osm, target_osm, length_sphere_m, cost_s, reverse_cost_s, profile_cost_s, profile_reverse_cost_s FROM ways) TO '$work/ways_$schema.csv' CSV HEADER
\copy (SELECT * FROM route_vertices ORDER BY pair, point) TO '$work/route_vertices_$schema.csv' CSV HEADER
\copy (SELECT * FROM routes ORDER BY variant, pair, seq) TO '$work/routes_$schema.csv' CSV HEADER
SQL
done

python3 "$repo/bench/pgrouting_compare.py" --work "$work" --tolerance "$tolerance"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "script time: $(echo "$(date +%s.%N) - $script_start" | bc | xargs printf '%.0f') s (without the build)"
