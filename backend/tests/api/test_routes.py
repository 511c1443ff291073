"""GET /api/v1/routes: OneMap-style route with the plan's parking spots."""

import numbers

import pytest

from geodesy import decode_polyline, haversine_m, inside_singapore

START = (1.332867, 103.847143)
END = (1.311201, 103.796228)
ROUTES = f"/api/v1/routes?start={START[0]},{START[1]}&end={END[0]},{END[1]}&intervalMins=15"

# The server snaps a start to a rideable way within 300 m, and uses parking
# spots within 100 m of one (the defaults of --max-snap-m and --max-spot-access-m).
MAX_SNAP_M = 300.0
MAX_SPOT_ACCESS_M = 100.0
# Precision-5 polylines round each coordinate to 1e-5 degrees, about 1.1 m.
POLYLINE_ROUNDING_M = 2.0

SPOT_KEYS = {"id", "description", "coordinates", "rack_type", "rack_count", "shelter_indicator", "deviation_m"}


def is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@pytest.fixture(scope="module")
def routes(server):
    response = server.get(ROUTES)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def route(routes):
    return routes[0]


@pytest.fixture(scope="module")
def path_points(route):
    return decode_polyline(route["route_geometry"])


def test_routes_single_route(routes):
    assert isinstance(routes, list)
    assert len(routes) == 1


def test_routes_feasible(route):
    assert route["feasible"] is True
    assert route["warnings"] == []


def test_routes_geometry_in_singapore(path_points):
    assert len(path_points) >= 2
    outside = [point for point in path_points if not inside_singapore(*point)]
    assert outside == []


def test_routes_geometry_starts_near_start(path_points):
    assert haversine_m(path_points[0], START) <= MAX_SNAP_M + POLYLINE_ROUNDING_M


def test_routes_geometry_ends_near_spot(route, path_points):
    last_spot = route["parking_spots"][-1]["coordinates"]
    distance_m = haversine_m(path_points[-1], (last_spot["lat"], last_spot["lon"]))
    assert distance_m <= MAX_SPOT_ACCESS_M + POLYLINE_ROUNDING_M


def test_routes_instructions_strings(route):
    instructions = route["route_instructions"]
    assert isinstance(instructions, list)
    assert instructions
    for line in instructions:
        assert isinstance(line, str), instructions
        assert line, instructions


def test_routes_summary_fields(route):
    summary = route["route_summary"]
    assert isinstance(summary["start_point"], str)
    assert isinstance(summary["end_point"], str)
    assert is_number(summary["total_time_s"])
    assert is_number(summary["total_distance_m"])


def test_routes_summary_plausible(route):
    summary = route["route_summary"]
    straight_m = haversine_m(START, END)
    assert summary["total_distance_m"] >= straight_m * 0.95
    assert summary["total_distance_m"] <= straight_m * 3
    assert summary["total_time_s"] > 0


def test_routes_spots_present(route):
    # About 6 km at 15 km/h takes more than 13 minutes, so a pit stop is needed.
    assert len(route["parking_spots"]) >= 2


def test_routes_spot_keys(route):
    for spot in route["parking_spots"]:
        assert set(spot) == SPOT_KEYS, spot


def test_routes_spot_types(route):
    for spot in route["parking_spots"]:
        assert isinstance(spot["id"], str), spot
        assert spot["id"], spot
        assert isinstance(spot["description"], str), spot
        assert isinstance(spot["rack_type"], str), spot
        assert isinstance(spot["rack_count"], int), spot
        assert not isinstance(spot["rack_count"], bool), spot
        assert spot["rack_count"] >= 0, spot
        assert spot["shelter_indicator"] in ("Y", "N"), spot
        assert is_number(spot["deviation_m"]), spot


def test_routes_spot_coordinates(route):
    for spot in route["parking_spots"]:
        coordinates = spot["coordinates"]
        assert set(coordinates) == {"lat", "lon"}, spot
        assert is_number(coordinates["lat"]), spot
        assert is_number(coordinates["lon"]), spot
        assert inside_singapore(coordinates["lat"], coordinates["lon"]), spot


def test_routes_match_v2_plan(server, route):
    plan = server.get(f"/api/v2/plan?from={START[0]},{START[1]}&to={END[0]},{END[1]}&rideLimitMin=15").json()
    plan_spot_ids = [ride["to"]["spot_id"] for ride in plan["rides"]]
    assert [spot["id"] for spot in route["parking_spots"]] == plan_spot_ids
