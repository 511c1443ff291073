"""alternatives=N on /api/v2/plan and /api/v1/routes: plans along alternative routes."""

import pytest

from geodesy import decode_polyline, haversine_m

FROM = "1.332867,103.847143"
TO = "1.312080,103.796038"
PLAN = f"/api/v2/plan?from={FROM}&to={TO}&rideLimitMin=15"
ROUTES = f"/api/v1/routes?start={FROM}&end={TO}&intervalMins=15"
MAX_ALTERNATIVES = 3
MAX_SHARED_FRACTION = 0.8
MAX_STRETCH = 1.25


@pytest.fixture(scope="module")
def plan(server):
    response = server.get(f"{PLAN}&alternatives={MAX_ALTERNATIVES}")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def plain_plan(server):
    response = server.get(PLAN)
    assert response.status_code == 200, response.text
    return response.json()


def ride_points(ride):
    return decode_polyline(ride["geometry"])


def test_plan_without_alternatives_has_no_key(plain_plan):
    assert "alternatives" not in plain_plan
    assert "shared_with_fastest" not in plain_plan


def test_alternatives_zero_is_the_plain_plan(server, plain_plan):
    response = server.get(f"{PLAN}&alternatives=0")
    assert response.status_code == 200
    assert response.json() == plain_plan


def test_main_plan_unchanged_by_alternatives(plan, plain_plan):
    main = {key: value for key, value in plan.items() if key != "alternatives"}
    assert main == plain_plan


def test_alternatives_found_on_this_trip(plan):
    # Bishan to Holland has several distinct routes within 25% of the fastest.
    assert 1 <= len(plan["alternatives"]) <= MAX_ALTERNATIVES


def test_alternatives_have_the_plan_shape(plan, plain_plan):
    for alternative in plan["alternatives"]:
        assert set(alternative) == set(plain_plan) | {"shared_with_fastest"}
        assert 0.0 <= alternative["shared_with_fastest"] <= MAX_SHARED_FRACTION


def test_alternatives_start_and_end_like_the_plan(plan):
    first_ride = plan["rides"][0]
    last_ride = plan["rides"][-1]
    for alternative in plan["alternatives"]:
        assert alternative["from"] == plan["from"]
        assert alternative["to"] == plan["to"]
        assert alternative["rides"][0]["from"] == first_ride["from"]
        assert alternative["rides"][-1]["to"] == last_ride["to"]
        assert alternative["walk"] == plan["walk"]


def test_alternative_rides_join_up(plan):
    for alternative in plan["alternatives"]:
        rides = alternative["rides"]
        for previous, ride in zip(rides, rides[1:]):
            assert ride["from"] == previous["to"]
            assert haversine_m(ride_points(previous)[-1], ride_points(ride)[0]) < 2.0


def test_alternatives_take_other_ways(plan):
    # Routes that share at most 80% of their length cannot have the same geometry.
    fastest = [point for ride in plan["rides"] for point in ride_points(ride)]
    for alternative in plan["alternatives"]:
        points = [point for ride in alternative["rides"] for point in ride_points(ride)]
        assert points != fastest


def test_alternative_riding_time_is_bounded(plan):
    # Detours to and from spots add time, so only the route part is bounded by
    # the stretch; the whole plan stays within a generous multiple.
    for alternative in plan["alternatives"]:
        assert alternative["total_time_s"] <= plan["total_time_s"] * MAX_STRETCH * 1.5


def test_infeasible_alternative_says_why(plan):
    for alternative in plan["alternatives"]:
        if not alternative["feasible"]:
            assert alternative["warnings"]


def test_geojson_alternatives(server):
    response = server.get(f"{PLAN}&alternatives=1&geometry=geojson")
    assert response.status_code == 200
    body = response.json()
    for alternative in body["alternatives"]:
        for ride in alternative["rides"]:
            assert ride["geometry"]["type"] == "LineString"


def test_gpx_ignores_alternatives(server):
    with_alternatives = server.get(f"{PLAN}&alternatives=2&format=gpx")
    without = server.get(f"{PLAN}&format=gpx")
    assert with_alternatives.status_code == 200
    assert with_alternatives.text == without.text


def test_v1_routes_array_holds_the_alternatives(server, plan):
    response = server.get(f"{ROUTES}&alternatives={MAX_ALTERNATIVES}")
    assert response.status_code == 200, response.text
    routes = response.json()
    assert len(routes) == 1 + len(plan["alternatives"])
    for route in routes:
        assert {"route_geometry", "route_instructions", "route_summary", "parking_spots"} <= set(route)
    geometries = [route["route_geometry"] for route in routes]
    assert len(set(geometries)) == len(geometries)


def test_v1_routes_default_is_one_route(server):
    response = server.get(ROUTES)
    assert response.status_code == 200
    assert len(response.json()) == 1


@pytest.mark.parametrize("count", [1, 2])
def test_fewer_alternatives_when_asked(server, plan, count):
    response = server.get(f"{PLAN}&alternatives={count}")
    assert response.status_code == 200
    alternatives = response.json()["alternatives"]
    assert len(alternatives) <= count
    assert alternatives == plan["alternatives"][: len(alternatives)]
