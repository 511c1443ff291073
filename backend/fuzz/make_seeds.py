#!/usr/bin/env python3
"""Write seed inputs for the fuzz targets from the real data files.

    make_seeds.py DATA_DIR OUTPUT_DIR

Creates OUTPUT_DIR/TARGET/ for every target except the OSM ones (scripts/fuzz.sh
cuts those with make_osm_seeds) and fills it with small inputs taken from
DATA_DIR: parking records in both DataMall layouts, OneMap responses and their
route geometries, coordinates, station names, and API requests built from them.
The seeds are generated at run time so that no copy of the data enters the
repository. Missing data files are skipped with a warning.
"""

import hashlib
import json
import sys
import urllib.parse
from pathlib import Path

# Coordinates inside the hand-made grid that http_request_fuzzer plans on.
GRID_POINTS = ["1.300000,103.800000", "1.308000,103.808000", "1.304000,103.802000", "1.301000,103.807000"]


def write_seed(folder, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(content).hexdigest()[:16]).write_bytes(content)


def load_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"make_seeds: skipping {path}: {error}", file=sys.stderr)
        return None


def parking_seeds(data_dir, out):
    records = load_json(data_dir / "parking" / "lta-bicycle-parking-central-2026-02.json") or []
    picked = records[:: max(1, len(records) // 40)][:40]
    for start in range(0, len(picked), 4):
        chunk = picked[start:start + 4]
        write_seed(out / "datamall_parking", json.dumps(chunk, ensure_ascii=False))
        envelope = {"odata.metadata": "http://datamall2.mytransport.sg/ltaodataservice/$metadata#BicycleParkingv2",
                    "value": chunk}
        write_seed(out / "datamall_parking", json.dumps(envelope, ensure_ascii=False))
    return picked


def onemap_seeds(data_dir, out):
    folder = data_dir / "onemap"
    geometries = []
    for path in sorted(folder.glob("search-*.json")):
        write_seed(out / "onemap_search", path.read_bytes())
    for path in sorted(folder.glob("route-*.json")):
        precision = 6 if "polyline6" in path.name else 5
        # onemap_route_fuzzer reads the precision from the first byte: even 5, odd 6.
        write_seed(out / "onemap_route", bytes([precision - 5]) + path.read_bytes())
        route = load_json(path) or {}
        for entry in [route] + [route.get("phyroute") or {}] + list(route.get("alternativeroute") or []):
            geometry = entry.get("route_geometry") if isinstance(entry, dict) else None
            if isinstance(geometry, str) and geometry:
                geometries.append((precision, geometry))
    for precision, geometry in geometries:
        # polyline_fuzzer reads the precision as the first byte modulo 8.
        write_seed(out / "polyline", bytes([precision]) + geometry.encode("ascii", "replace"))


def station_names(data_dir):
    stations = load_json(data_dir / "reference" / "mrt-stations-2018.json") or {}
    data = stations.get("data") if isinstance(stations, dict) else None
    return sorted(data) if isinstance(data, dict) else []


def coordinate_and_text_seeds(out, records, names):
    coordinates = [f"{r['Latitude']},{r['Longitude']}" for r in records
                   if isinstance(r, dict) and "Latitude" in r and "Longitude" in r][:20]
    for text in coordinates + [" 1.3521 , 103.8198 ", "+1.3,-103.8", "90,180", "-90,-180"]:
        write_seed(out / "lat_lon", text)

    descriptions = [r.get("Description", "") for r in records if isinstance(r, dict)][:20]
    for text in names[::8] + descriptions + coordinates[:3] + ["bishan st 22", "Holland V", ""]:
        write_seed(out / "search_query", text)
    return coordinates


def request_seeds(out, coordinates, names):
    pairs = list(zip(coordinates[::2], coordinates[1::2]))[:5]
    queries = []
    for start, end in pairs:
        queries.append(urllib.parse.urlencode({"from": start, "to": end, "rideLimitMin": 15, "marginMin": 2}))
        queries.append(urllib.parse.urlencode({"start": start, "end": end, "intervalMins": 30}))
    for name in names[:10]:
        queries.append(urllib.parse.urlencode({"searchVal": name.title(), "pageNum": 2}))
    for query in queries:
        write_seed(out / "query_parameters", query)

    grid_queries = [
        f"/api/v2/plan?from={GRID_POINTS[0]}&to={GRID_POINTS[1]}&rideLimitMin=5&marginMin=1&speedKmh=12",
        f"/api/v2/plan?from={GRID_POINTS[2]}&to={GRID_POINTS[3]}&geometry=geojson&fromName=Home&toName=Work",
        f"/api/v2/plan?from={GRID_POINTS[0]}&to={GRID_POINTS[3]}&format=gpx",
        f"/api/v1/routes?start={GRID_POINTS[0]}&end={GRID_POINTS[1]}&intervalMins=5",
        "/api/v1/search?searchVal=fuzz%20street&pageNum=1",
        "/api/v1/search?searchVal=1.3001,103.8001",
        "/health", "/ready", "/metrics", "/api/openapi.json",
    ]
    for target in grid_queries:
        write_seed(out / "http_request", f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n")
    write_seed(out / "http_request", "HEAD /health HTTP/1.0\r\n\r\n")
    write_seed(out / "http_request", "OPTIONS /api/v2/plan HTTP/1.1\r\nHost: a\r\nOrigin: https://pitstop.example\r\n"
                                     "Access-Control-Request-Method: GET\r\n\r\n")
    write_seed(out / "http_request", "POST /api/v2/plan HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody")
    write_seed(out / "http_request", "GET /api/v2/plan HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_seeds.py DATA_DIR OUTPUT_DIR")
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    records = parking_seeds(data_dir, out)
    onemap_seeds(data_dir, out)
    names = station_names(data_dir)
    coordinates = coordinate_and_text_seeds(out, records, names)
    request_seeds(out, coordinates, names)


if __name__ == "__main__":
    main()
