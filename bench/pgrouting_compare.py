"""Compare PitStop's routes with pgRouting's way by way, for scripts/bench-pgrouting.sh.

Reads the CSV files and the OSM XML that the script leaves in its working
folder. Prints the query times and, for each pair, PitStop's route length,
pgRouting's route lengths, their ratios and a classification. A length ratio
outside the tolerance counts as explained only when one of these rules,
tested here on the two paths, accounts for it:

- forbidden: PitStop's path uses a way, or a direction of one, that the
  pgRouting costs forbid, or joins two junctions that pgRouting's graph has
  no edge between;
- excluded: pgRouting's route uses a way, or a direction of one, that
  PitStop's cycling profile excludes;
- speeds: each side's path is the faster one under its own costs, so the
  two cost models choose differently. The ways that only one path uses are
  named with both sides' speeds;
- tie: both paths take the same time under PitStop's rules;
- start or end: the timed route starts (ends) at another vertex than
  PitStop's route and rides further than PitStop before it joins PitStop's
  route (after it leaves it). Either the shortest path that pgRouting's
  graph allows over that stretch is that long too, or pgRouting's costs
  make its longer path the faster one. The vertex and the ways of that
  stretch are named;
- no route: the vertices that the timed route's start can reach, or those
  that can reach its destination, form a piece of the graph. Every way
  between that piece and the rest enters it (or leaves it) one way only,
  and those ways are named.

Anything else is flagged as unexplained.
"""

import argparse
import csv
import heapq
import math
import statistics
import xml.etree.ElementTree as ElementTree
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

EARTH_RADIUS_M = 6371008.8  # PitStop's haversine radius (backend/src/geo/lat_lon.hpp)
# Relative cost difference below which two paths count as equally fast.
COST_EPSILON = 1e-6
# Tags that decide access, direction and speed on either side, shown with a way.
DESCRIBED_TAGS = ("highway", "access", "bicycle", "vehicle", "oneway", "oneway:bicycle", "junction", "cycleway",
                  "maxspeed", "surface", "name")
CORE_VARIANTS = ("stock", "mapconfig", "profile")
VARIANT_LABELS = {
    "timed": "the timed pgr_dijkstra route between the vertices nearest the inputs, osm2pgrouting's costs",
    "stock": "between PitStop's first and last junction, osm2pgrouting's costs (maxspeed tag, else 50 km/h)",
    "mapconfig": "the same junctions, matched configuration (PitStop's speed for each highway type)",
    "profile": "the same junctions, PitStop's rules for every way (access, direction, surface, Park Connector)",
}


@dataclass
class Edge:
    osm_id: int
    source: int
    target: int
    length_m: float
    costs: dict = field(default_factory=dict)  # variant -> (cost, reverse cost) in s, negative where forbidden


@dataclass
class OsmWays:
    tags: dict  # way id -> {key: value}
    ways_of_node: dict  # node id -> number of ways that contain it


def haversine_m(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def read_csv(path):
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def read_osm_ways(osm_path):
    tags = {}
    ways_of_node = defaultdict(int)
    for _, element in ElementTree.iterparse(osm_path, events=("end",)):
        if element.tag == "way":
            tags[int(element.get("id"))] = {tag.get("k"): tag.get("v") for tag in element.iter("tag")}
            for node in {int(nd.get("ref")) for nd in element.iter("nd")}:
                ways_of_node[node] += 1
            element.clear()
        elif element.tag == "node":
            element.clear()
    return OsmWays(tags, ways_of_node)


def describe_way(osm_id, osm):
    way_tags = osm.tags.get(osm_id, {})
    shown = ", ".join(f"{key}={way_tags[key]}" for key in DESCRIBED_TAGS if key in way_tags)
    return f"way {osm_id} ({shown})"


class Schema:
    """One osm2pgrouting load: its edges, the routes found on it and the junctions of PitStop's routes."""

    def __init__(self, work, name, cost_variants):
        self.edges = {}
        self.edges_between = defaultdict(list)
        self.vertex_osm_id = {}
        for row in read_csv(work / f"ways_{name}.csv"):
            edge = Edge(int(row["osm_id"]), int(row["source"]), int(row["target"]), float(row["length_sphere_m"]))
            for variant in cost_variants:
                edge.costs[variant] = (float(row["cost_s"]), float(row["reverse_cost_s"]))
            edge.costs["profile"] = (float(row["profile_cost_s"]), float(row["profile_reverse_cost_s"]))
            self.edges[int(row["gid"])] = edge
            self.edges_between[frozenset((edge.source, edge.target))].append(int(row["gid"]))
            self.vertex_osm_id[edge.source] = int(row["source_osm"])
            self.vertex_osm_id[edge.target] = int(row["target_osm"])

        self.routes = defaultdict(list)  # (variant, pair) -> [(edge id, vertex it is entered from)]
        for row in read_csv(work / f"routes_{name}.csv"):
            if int(row["edge"]) != -1:
                self.routes[row["variant"], int(row["pair"])].append((int(row["edge"]), int(row["node"])))

        self.route_vertices = defaultdict(list)  # pair -> [(index of the route point, vertex)]
        for row in read_csv(work / f"route_vertices_{name}.csv"):
            self.route_vertices[int(row["pair"])].append((int(row["point"]), int(row["vertex"])))
        self._neighbours = {}

    def other_end(self, step):
        edge = self.edges[step[0]]
        return edge.target if step[1] == edge.source else edge.source

    def step_cost(self, step, variant):
        edge = self.edges[step[0]]
        forward, backward = edge.costs[variant]
        return forward if step[1] == edge.source else backward

    def path_length(self, steps):
        return sum(self.edges[edge_id].length_m for edge_id, _ in steps)

    def path_cost(self, steps, variant):
        return sum(self.step_cost(step, variant) for step in steps)

    def pitstop_steps(self, points, pair, first_index=None, last_index=None):
        """Returns PitStop's route between two of its junctions as edge steps (None if the graph lacks one).

        By default the junctions are the route's first and last. Consecutive
        junctions are joined by the edge between them whose length is nearest
        to the route's own length there, so that of two parallel edges the
        one PitStop rode is taken.
        """
        vertices = [(point, vertex) for point, vertex in self.route_vertices.get(pair, [])
                    if (first_index is None or point >= first_index) and (last_index is None or point <= last_index)]
        steps = []
        for (from_point, from_vertex), (to_point, to_vertex) in zip(vertices, vertices[1:]):
            if from_vertex == to_vertex:
                continue
            length = sum(haversine_m(points[i], points[i + 1]) for i in range(from_point, to_point))
            candidates = self.edges_between.get(frozenset((from_vertex, to_vertex)), [])
            if not candidates:
                return None
            edge_id = min(candidates, key=lambda gid: abs(self.edges[gid].length_m - length))
            steps.append((edge_id, from_vertex))
        return steps

    def neighbours(self, variant, backwards=False):
        """Returns {vertex: [(edge step, next vertex)]} for the directions a variant's costs allow."""
        key = (variant, backwards)
        if key not in self._neighbours:
            neighbours = defaultdict(list)
            for edge_id, edge in self.edges.items():
                forward, backward = edge.costs[variant]
                if (backward if backwards else forward) >= 0:
                    neighbours[edge.source].append(((edge_id, edge.source), edge.target))
                if (forward if backwards else backward) >= 0:
                    neighbours[edge.target].append(((edge_id, edge.target), edge.source))
            self._neighbours[key] = neighbours
        return self._neighbours[key]

    def reachable(self, start, variant, backwards=False):
        """Returns the vertices reachable from start (or, backwards, those that can reach it)."""
        neighbours = self.neighbours(variant, backwards)
        seen = {start}
        queue = deque([start])
        while queue:
            for _, vertex in neighbours[queue.popleft()]:
                if vertex not in seen:
                    seen.add(vertex)
                    queue.append(vertex)
        return seen

    def shortest_path(self, source, target, variant):
        """Returns the steps of the shortest path by length that a variant's directions allow, or None."""
        neighbours = self.neighbours(variant)
        distance = {source: 0.0}
        previous = {}
        heap = [(0.0, source)]
        while heap:
            metres, vertex = heapq.heappop(heap)
            if vertex == target:
                steps = []
                while vertex != source:
                    steps.append(previous[vertex])
                    vertex = previous[vertex][1]
                return steps[::-1]
            if metres > distance[vertex]:
                continue
            for step, next_vertex in neighbours[vertex]:
                candidate = metres + self.edges[step[0]].length_m
                if candidate < distance.get(next_vertex, math.inf):
                    distance[next_vertex] = candidate
                    previous[next_vertex] = step
                    heapq.heappush(heap, (candidate, next_vertex))
        return None


def ways_by_length(schema, steps):
    """Returns [(OSM way id, metres, one of its steps)] for a path, longest first."""
    metres = defaultdict(float)
    first_step = {}
    for step in steps:
        osm_id = schema.edges[step[0]].osm_id
        metres[osm_id] += schema.edges[step[0]].length_m
        first_step.setdefault(osm_id, step)
    return sorted(((osm_id, metres[osm_id], first_step[osm_id]) for osm_id in metres), key=lambda row: -row[1])


def speed_kmh(schema, step, variant):
    cost = schema.step_cost(step, variant)
    return 3.6 * schema.edges[step[0]].length_m / cost if cost > 0 else 0.0


def explain_paths(schema, variant, pitstop_steps, route_steps, osm):
    """Returns the causes that explain why two paths between the same junctions differ (empty if none)."""
    if pitstop_steps is None:
        return ["forbidden: PitStop's route joins two junctions that pgRouting's graph has no edge between"]

    causes = []
    forbidden = [step for step in pitstop_steps if schema.step_cost(step, variant) < 0]
    for osm_id, metres, _ in ways_by_length(schema, forbidden)[:3]:
        causes.append(f"forbidden: PitStop rides {metres:.0f} m of {describe_way(osm_id, osm)}, which these costs"
                      f" forbid in that direction")
    excluded = [step for step in route_steps if schema.step_cost(step, "profile") < 0]
    for osm_id, metres, _ in ways_by_length(schema, excluded)[:3]:
        causes.append(f"excluded: pgRouting rides {metres:.0f} m of {describe_way(osm_id, osm)}, which PitStop's"
                      f" profile excludes in that direction")
    if forbidden or excluded or not route_steps:
        return causes

    theirs_own, ours_own = schema.path_cost(route_steps, variant), schema.path_cost(pitstop_steps, variant)
    theirs_profile, ours_profile = schema.path_cost(route_steps, "profile"), schema.path_cost(pitstop_steps, "profile")
    if abs(theirs_profile - ours_profile) <= COST_EPSILON * ours_profile:
        return ["tie: both paths take the same time under PitStop's rules"]
    if not (theirs_own <= ours_own * (1 + COST_EPSILON) and ours_profile < theirs_profile * (1 - COST_EPSILON)):
        return []

    route_edges = {step[0] for step in route_steps}
    pitstop_edges = {step[0] for step in pitstop_steps}
    text = (f"speeds: pgRouting's path takes {theirs_own:.0f} s under its costs against {ours_own:.0f} s for"
            f" PitStop's, and {theirs_profile:.0f} s against {ours_profile:.0f} s under PitStop's rules.")
    for owner, steps, other_edges in (("pgRouting's", route_steps, pitstop_edges),
                                      ("PitStop's", pitstop_steps, route_edges)):
        longest = ways_by_length(schema, [step for step in steps if step[0] not in other_edges])[:2]
        if longest:
            text += f" Only on {owner}: " + "; ".join(
                f"{metres:.0f} m of {describe_way(osm_id, osm)}, {speed_kmh(schema, step, variant):.1f} km/h in"
                f" pgRouting and {speed_kmh(schema, step, 'profile'):.1f} km/h in PitStop"
                for osm_id, metres, step in longest) + "."
    return [text]


def describe_piece(schema, piece, osm):
    """Names the ways inside a set of vertices and those that link it to the rest of the graph."""
    inside = sorted({edge.osm_id for edge in schema.edges.values() if edge.source in piece and edge.target in piece})
    links = sorted({edge.osm_id for edge in schema.edges.values() if (edge.source in piece) != (edge.target in piece)})
    inside_text = "; ".join(describe_way(osm_id, osm) for osm_id in inside[:3])
    if len(inside) > 3:
        inside_text += f" and {len(inside) - 3} more"
    return inside_text, "; ".join(describe_way(osm_id, osm) for osm_id in links[:4])


def explain_unrouted(schema, ends, osm):
    """Returns why the timed pgr_dijkstra found no route, or None if no rule explains it."""
    from_start = schema.reachable(ends["source"], "timed")
    if ends["target"] in from_start:
        return None
    to_target = schema.reachable(ends["target"], "timed", backwards=True)
    if len(from_start) <= len(to_target):
        piece, end, move_m = from_start, "start", ends["source_move_m"]
        reach, direction = "reaches only", "into"
    else:
        piece, end, move_m = to_target, "destination", ends["target_move_m"]
        reach, direction = "is reached from only", "out of"
    inside, links = describe_piece(schema, piece, osm)
    # Way ends that no other way of the extract continues: dead ends, or places where the extract is cut.
    cut = sum(1 for vertex in piece if osm.ways_of_node.get(schema.vertex_osm_id[vertex], 0) == 1)
    return (f"no route: the vertex nearest the {end} ({move_m:.0f} m from the input) {reach} {len(piece)} vertices,"
            f" on {inside}. Every way between these and the rest of the graph leads {direction} them: {links}."
            f" Way ends that no other way of the extract continues, among these vertices: {cut}")


def explain_stretch(schema, name, steps, ours_m, vertex, junction, move_m, osm, tolerance_m):
    """Explains the part of the timed route before it joins PitStop's route (start) or after it leaves it (end).

    Returns (cause, explained), or (None, True) when the part agrees with PitStop's.
    """
    theirs_m = schema.path_length(steps)
    if abs(theirs_m - ours_m) <= tolerance_m:
        return None, True
    if not steps:
        return (f"{name}: PitStop rides {ours_m:.0f} m between its snapped {name} point and the junction where"
                f" pgRouting's route {'begins' if name == 'start' else 'ends'}"), True

    shortest = schema.shortest_path(*((vertex, junction) if name == "start" else (junction, vertex)), "timed")
    shortest_m = schema.path_length(shortest)
    end_step = steps[0] if name == "start" else steps[-1]
    one_way_m = sum(schema.edges[step[0]].length_m for step in steps if min(schema.edges[step[0]].costs["timed"]) < 0)
    stretch = "; ".join(f"{metres:.0f} m of {describe_way(osm_id, osm)}"
                        for osm_id, metres, _ in ways_by_length(schema, steps)[:2])
    text = (f"{name}: pgRouting's {name} vertex ({move_m:.0f} m from the input) is on"
            f" {describe_way(schema.edges[end_step[0]].osm_id, osm)}. Between it and the junction where the route"
            f" {'joins' if name == 'start' else 'leaves'} PitStop's, pgRouting rides {theirs_m:.0f} m"
            f" ({one_way_m:.0f} m of it one-way, longest {stretch}), PitStop {ours_m:.0f} m from its snapped"
            f" {name} point")
    if shortest_m > ours_m + tolerance_m:
        text += (f"; the shortest path that pgRouting's graph allows there, one-way rules included, is"
                 f" {shortest_m:.0f} m")
    elif theirs_m > ours_m + tolerance_m:
        theirs_cost, shortest_cost = schema.path_cost(steps, "timed"), schema.path_cost(shortest, "timed")
        if theirs_cost > shortest_cost * (1 + COST_EPSILON):
            return (text + f"; a {shortest_m:.0f} m path there would be faster under its costs, and no rule"
                    " explains it"), False
        text += (f"; a {shortest_m:.0f} m path exists there, but pgRouting's costs make its own faster"
                 f" ({theirs_cost:.0f} s against {shortest_cost:.0f} s)")
    else:
        text += f"; pgRouting's vertex lies nearer the junction than PitStop's snapped {name} point"
    return text, True


def explain_timed(schema, pair, points, route, ends, osm, tolerance_m):
    """Splits the timed route where it joins and where it leaves PitStop's route and explains each part.

    Returns (causes, explained).
    """
    cumulative = [0.0]
    for a, b in zip(points, points[1:]):
        cumulative.append(cumulative[-1] + haversine_m(a, b))
    first_point = {}
    for point, vertex in schema.route_vertices.get(pair, []):
        first_point.setdefault(vertex, point)
    nodes = [step[1] for step in route] + [schema.other_end(route[-1])]
    shared = [i for i, vertex in enumerate(nodes) if vertex in first_point]
    if not shared or first_point[nodes[shared[0]]] > first_point[nodes[shared[-1]]]:
        return ["the timed route shares no junction with PitStop's route in the same order"], False
    joined, left = shared[0], shared[-1]
    join_point, leave_point = first_point[nodes[joined]], first_point[nodes[left]]

    causes, explained = [], True
    for name, steps, ours_m, vertex, junction, move_m in (
            ("start", route[:joined], cumulative[join_point], nodes[0], nodes[joined], ends["source_move_m"]),
            ("end", route[left:], cumulative[-1] - cumulative[leave_point], nodes[-1], nodes[left],
             ends["target_move_m"])):
        cause, part_explained = explain_stretch(schema, name, steps, ours_m, vertex, junction, move_m, osm,
                                                tolerance_m)
        if cause:
            causes.append(cause)
        explained = explained and part_explained

    middle = route[joined:left]
    theirs_m, ours_m = schema.path_length(middle), cumulative[leave_point] - cumulative[join_point]
    if abs(theirs_m - ours_m) > tolerance_m:
        found = explain_paths(schema, "timed", schema.pitstop_steps(points, pair, join_point, leave_point), middle, osm)
        causes += [f"middle ({theirs_m - ours_m:+.0f} m): {cause}" for cause in found]
        if not found:
            causes.append(f"middle ({theirs_m - ours_m:+.0f} m): no rule explains it")
            explained = False
    if not causes:
        causes.append("each part lies within a third of the tolerance, only their sum does not")
    return causes, explained


def print_graph_differences(stock, work, osm):
    """Prints, way by way, where osm2pgrouting's graph and PitStop's cycling profile differ."""
    rules = {int(row["osm_id"]): row for row in read_csv(work / "way_rules.csv")}
    loaded = {edge.osm_id for edge in stock.edges.values()}
    missing = sorted(osm_id for osm_id, rule in rules.items() if rule["routable"] == "1" and osm_id not in loaded)
    excluded, direction = defaultdict(set), set()
    for edge in stock.edges.values():
        theirs = tuple(cost >= 0 for cost in edge.costs["stock"])
        ours = tuple(cost >= 0 for cost in edge.costs["profile"])
        if theirs == ours:
            continue
        if not any(ours):
            way_tags = osm.tags.get(edge.osm_id, {})
            reason = next((f"{key}={way_tags[key]}" for key in ("bicycle", "access", "vehicle") if key in way_tags),
                          "other")
            excluded[reason].add(edge.osm_id)
        else:
            direction.add(edge.osm_id)
    print(f"graphs: PitStop's profile rides {sum(rule['routable'] == '1' for rule in rules.values())} ways of the"
          f" extract, osm2pgrouting loaded {len(loaded)} ways as {len(stock.edges)} edges")
    print(f"  ways PitStop rides that osm2pgrouting did not load: {len(missing)}"
          + (": " + ", ".join(map(str, missing[:5])) if missing else ""))
    print(f"  ways osm2pgrouting loaded that PitStop's profile excludes: {sum(map(len, excluded.values()))} ("
          + ", ".join(f"{reason} {len(ways)}"
                      for reason, ways in sorted(excluded.items(), key=lambda item: -len(item[1])))
          + ")")
    print(f"  ways whose allowed directions differ: {len(direction)}"
          + (": " + "; ".join(describe_way(osm_id, osm) for osm_id in sorted(direction)[:5]) if direction else ""))


def ratio_text(value):
    return f"{value:.3f}" if value is not None else "-"


def within(ratio, tolerance):
    return ratio is not None and abs(ratio - 1) <= tolerance


def read_timed_ends(path):
    ends = {}
    with open(path, newline="") as file:
        for row in csv.reader(file):
            ends[int(row[0])] = {
                "source": int(row[1]), "target": int(row[2]), "median_ms": float(row[3]),
                "source_move_m": float(row[4]), "target_move_m": float(row[5])}
    return ends


def print_times(pitstop, stock, timed_ends):
    rows = []
    for pair, ends in sorted(timed_ends.items()):
        ours = pitstop[pair]
        if ours["distance_m"] and stock.routes.get(("timed", pair)):
            rows.append((float(ours["contraction_us"]), float(ours["dijkstra_us"]), ends["median_ms"] * 1000))
    print(f"pairs that both sides route: {len(rows)} of {len(timed_ends)}")
    print(f"median query time: PitStop CH {statistics.median(r[0] for r in rows):.1f} us,"
          f" PitStop Dijkstra {statistics.median(r[1] for r in rows):.1f} us,"
          f" pgr_dijkstra {statistics.median(r[2] for r in rows) / 1000:.1f} ms")
    print(f"median ratio pgr_dijkstra/PitStop CH: {statistics.median(r[2] / r[0] for r in rows):.0f},"
          f" pgr_dijkstra/PitStop Dijkstra: {statistics.median(r[2] / r[1] for r in rows):.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="working folder of scripts/bench-pgrouting.sh")
    parser.add_argument("--tolerance", type=float, default=0.02,
                        help="largest difference of a length ratio from 1 that counts as agreement")
    args = parser.parse_args()
    work, tolerance = args.work, args.tolerance

    pitstop = {int(row["pair"]): row for row in read_csv(work / "pitstop.csv")}
    points = defaultdict(list)
    for row in read_csv(work / "pitstop_points.csv"):
        points[int(row["pair"])].append((float(row["lat"]), float(row["lon"])))
    timed_ends = read_timed_ends(work / "timed_ends.csv")
    osm = read_osm_ways(work / "extract.osm")
    stock = Schema(work, "stock", ("timed", "stock"))
    matched = Schema(work, "matched", ("mapconfig",))
    schema_of = {"stock": stock, "mapconfig": matched, "profile": matched}

    print_times(pitstop, stock, timed_ends)
    print_graph_differences(stock, work, osm)
    print()
    print(f"Route lengths in metres, and pgRouting's length over PitStop's (agreement within {tolerance:.0%}):")
    for variant in ("timed",) + CORE_VARIANTS:
        print(f"  {variant:9s} {VARIANT_LABELS[variant]}")
    print("pair  PitStop   timed  ratio  | PitStop between junctions   stock  mapconfig  profile"
          " | class: timed / stock / mapconfig / profile")

    classes_count = defaultdict(lambda: defaultdict(int))
    ratios = defaultdict(list)
    same_path = defaultdict(int)  # variant -> pairs whose route has exactly the edges of PitStop's
    report = []
    for pair in sorted(pitstop):
        if not pitstop[pair]["distance_m"]:
            print(f"{pair:4d}  PitStop has no route")
            continue
        ours_m = float(pitstop[pair]["distance_m"])
        causes, classes, core_ratio = [], {}, {}

        junctions = stock.route_vertices.get(pair, [])
        core_m = sum(haversine_m(points[pair][i], points[pair][i + 1])
                     for i in range(junctions[0][0], junctions[-1][0])) if junctions else 0.0
        for variant in CORE_VARIANTS:
            schema = schema_of[variant]
            route = schema.routes.get((variant, pair), [])
            core_ratio[variant] = schema.path_length(route) / core_m if route and core_m else None
            if core_ratio[variant] is not None:
                ratios[variant].append(core_ratio[variant])
            pitstop_path = schema.pitstop_steps(points[pair], pair)
            if route and pitstop_path is not None and [step[0] for step in route] == [step[0] for step in pitstop_path]:
                same_path[variant] += 1
            if within(core_ratio[variant], tolerance):
                classes[variant] = "agrees"
                continue
            found = explain_paths(schema, variant, pitstop_path, route, osm)
            classes[variant] = "explained" if found else "unexplained"
            prefix = f"{variant}: " + ("no route; " if not route else "")
            causes += [prefix + cause for cause in found] or [prefix + "no rule explains it"]

        timed_route = stock.routes.get(("timed", pair))
        timed_m = stock.path_length(timed_route) if timed_route else None
        timed_ratio = timed_m / ours_m if timed_m else None
        if timed_route is None:
            cause = explain_unrouted(stock, timed_ends[pair], osm)
            classes["timed"] = "no route, explained" if cause else "no route, unexplained"
            causes.append("timed: " + (cause or "no route, and no rule explains it"))
        elif within(timed_ratio, tolerance):
            classes["timed"] = "agrees"
            ratios["timed"].append(timed_ratio)
        else:
            ratios["timed"].append(timed_ratio)
            found, explained = explain_timed(stock, pair, points[pair], timed_route, timed_ends[pair], osm,
                                             tolerance * ours_m / 3)
            classes["timed"] = "explained" if explained else "unexplained"
            causes += [f"timed ({timed_m - ours_m:+.0f} m): {cause}" for cause in found]

        for variant, label in classes.items():
            classes_count[variant][label] += 1
        print(f"{pair:4d} {ours_m:8.0f} {timed_m or 0:7.0f} {ratio_text(timed_ratio):>6s}  | {core_m:25.0f}"
              f" {ratio_text(core_ratio['stock']):>7s} {ratio_text(core_ratio['mapconfig']):>10s}"
              f" {ratio_text(core_ratio['profile']):>8s} | "
              + " / ".join(classes[variant] for variant in ("timed",) + CORE_VARIANTS))
        if causes:
            report.append((pair, causes))

    print()
    print("Causes, for every pair outside the tolerance:")
    for pair, causes in report:
        for cause in causes:
            print(f"  pair {pair}, {cause}")
    print()
    for variant in ("timed",) + CORE_VARIANTS:
        values = ratios[variant]
        counts = ", ".join(f"{count} {label}" for label, count in sorted(classes_count[variant].items()))
        spread = (f"; ratio median {statistics.median(values):.3f}, min {min(values):.3f}, max {max(values):.3f}"
                  if values else "")
        same = f"; {same_path[variant]} use exactly the edges of PitStop's route" if variant in CORE_VARIANTS else ""
        print(f"{variant}: {counts}{spread}{same}")
    unexplained = sum(count for labels in classes_count.values() for label, count in labels.items()
                      if "unexplained" in label)
    print(f"pairs or variants left unexplained: {unexplained}")


if __name__ == "__main__":
    main()
