"""GET /api/v2/plan: the full plan as JSON, with polyline or GeoJSON geometry, or as GPX."""

import math
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from geodesy import decode_polyline, inside_singapore

FROM = "1.332867,103.847143"
TO = "1.311201,103.796228"
PLAN = f"/api/v2/plan?from={FROM}&to={TO}&rideLimitMin=15"
RIDE_BUDGET_S = (15 - 2) * 60  # ride limit minus the default margin

GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"
GPX_SCHEMA = Path(__file__).with_name("gpx-1.1-subset.xsd")
GPX_TYPE = "application/gpx+xml"


def xmllint(*arguments, document):
    """Run xmllint on a document and return the finished process."""
    return subprocess.run(["xmllint", *arguments, "-"], input=document, capture_output=True, timeout=60)


def gpx_children(document, name):
    root = ElementTree.fromstring(document)
    return root.findall(f"{{{GPX_NAMESPACE}}}{name}")


@pytest.fixture(scope="module")
def plan(server):
    response = server.get(PLAN)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def geojson_plan(server):
    response = server.get(f"{PLAN}&geometry=geojson")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module", params=["format", "accept"])
def gpx_response(request, server):
    """The plan as GPX, requested with format=gpx or with an Accept header."""
    if request.param == "format":
        response = server.get(f"{PLAN}&format=gpx")
    else:
        response = server.get(PLAN, headers={"Accept": GPX_TYPE})
    assert response.status_code == 200, response.text
    return response


def test_plan_json_type(server):
    response = server.get(PLAN)
    assert response.headers["Content-Type"].startswith("application/json")


def test_plan_feasible(plan):
    assert plan["feasible"] is True
    assert plan["warnings"] == []


def test_plan_limits_echoed(plan):
    assert plan["ride_limit_s"] == 900
    assert plan["margin_s"] == 120


def test_plan_needs_pit_stop(plan):
    assert len(plan["rides"]) >= 2
    assert plan["pit_stops"] == len(plan["rides"]) - 1


def test_plan_rides_within_budget(plan):
    for index, ride in enumerate(plan["rides"]):
        assert ride["duration_s"] <= RIDE_BUDGET_S, f"ride {index + 1} takes {ride['duration_s']} s"
        assert ride["within_budget"] is True, f"ride {index + 1}"


def test_plan_rides_chain(plan):
    rides = plan["rides"]
    for index in range(1, len(rides)):
        previous_end = (rides[index - 1]["to"]["lat"], rides[index - 1]["to"]["lon"])
        start = (rides[index]["from"]["lat"], rides[index]["from"]["lon"])
        assert start == previous_end, f"ride {index + 1} starts at {start}, ride {index} ended at {previous_end}"


def test_plan_rides_end_at_spots(plan):
    for index, ride in enumerate(plan["rides"]):
        assert ride["to"].get("spot_id"), f"ride {index + 1} does not end at a parking spot"


def test_plan_polyline_geometry(plan):
    for index, ride in enumerate(plan["rides"]):
        points = decode_polyline(ride["geometry"])
        assert len(points) >= 2, f"ride {index + 1}"
        assert all(inside_singapore(*point) for point in points), f"ride {index + 1}"


def test_plan_geojson_linestring(geojson_plan):
    for ride in geojson_plan["rides"]:
        assert ride["geometry"]["type"] == "LineString"
        assert len(ride["geometry"]["coordinates"]) >= 2


def test_plan_geojson_lon_lat(geojson_plan):
    for ride in geojson_plan["rides"]:
        for position in ride["geometry"]["coordinates"]:
            assert len(position) == 2, position
            lon, lat = position
            assert inside_singapore(lat, lon), f"position {position} is not [lon, lat] in Singapore"


def test_plan_geojson_same_rides(plan, geojson_plan):
    assert [ride["to"]["spot_id"] for ride in geojson_plan["rides"]] == [
        ride["to"]["spot_id"] for ride in plan["rides"]
    ]


def test_plan_format_json_wins(server):
    response = server.get(f"{PLAN}&format=json", headers={"Accept": GPX_TYPE})
    assert response.headers["Content-Type"].startswith("application/json")


def test_gpx_content_type(gpx_response):
    assert gpx_response.headers["Content-Type"].split(";")[0].strip() == GPX_TYPE


def test_gpx_attachment(gpx_response):
    assert gpx_response.headers.get("Content-Disposition", "").startswith("attachment")


def test_gpx_well_formed(gpx_response):
    result = xmllint("--noout", document=gpx_response.content)
    assert result.returncode == 0, result.stderr.decode(errors="replace")


def test_gpx_version(gpx_response):
    root = ElementTree.fromstring(gpx_response.content)
    assert root.tag == f"{{{GPX_NAMESPACE}}}gpx"
    assert root.get("version") == "1.1"


def test_gpx_track_per_ride(gpx_response, plan):
    assert len(gpx_children(gpx_response.content, "trk")) == len(plan["rides"])


def test_gpx_waypoint_per_spot(gpx_response, plan):
    # One waypoint per pit stop, plus the last parking spot.
    assert len(gpx_children(gpx_response.content, "wpt")) == plan["pit_stops"] + 1


def test_gpx_waypoints_match_spots(gpx_response, plan):
    waypoints = gpx_children(gpx_response.content, "wpt")
    positions = [(float(waypoint.get("lat")), float(waypoint.get("lon"))) for waypoint in waypoints]
    spots = [(ride["to"]["lat"], ride["to"]["lon"]) for ride in plan["rides"]]
    assert len(positions) == len(spots)
    for position, spot in zip(positions, spots):
        assert position == pytest.approx(spot, abs=1e-6)


def test_gpx_waypoint_descriptions_read_as_words(gpx_response, plan):
    waypoints = gpx_children(gpx_response.content, "wpt")
    for index, (waypoint, ride) in enumerate(zip(waypoints, plan["rides"])):
        description = waypoint.find(f"{{{GPX_NAMESPACE}}}desc").text
        assert "_RACKS" not in description, description
        # Minutes are rounded up to a tenth, as the web app shows them. The JSON's duration_s is itself
        # rounded to 0.1 s, so either neighbour of the exact value may be the right tenth.
        endings = {
            f"ride {index + 1} takes {math.ceil((ride['duration_s'] + offset_s) / 6 - 1e-6) / 10:.1f} min"
            for offset_s in (-0.05, 0.05)
        }
        assert any(description.endswith(ending) for ending in endings), (description, endings)


def test_gpx_schema_valid(gpx_response):
    result = xmllint("--noout", "--schema", str(GPX_SCHEMA), document=gpx_response.content)
    assert result.returncode == 0, result.stderr.decode(errors="replace")


VALID_GPX = f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="{GPX_NAMESPACE}">
  <metadata><name>n</name><desc>d</desc></metadata>
  <wpt lat="1.3" lon="103.8"><name>a</name><desc>b</desc><type>c</type></wpt>
  <trk><name>t</name><trkseg><trkpt lat="1.3" lon="103.8"/><trkpt lat="1.31" lon="103.81"/></trkseg></trk>
</gpx>
"""

INVALID_GPX = {
    "track_before_waypoint": VALID_GPX.replace(
        '<wpt lat="1.3" lon="103.8"><name>a</name><desc>b</desc><type>c</type></wpt>', ""
    ).replace("</trk>", '</trk>\n  <wpt lat="1.3" lon="103.8"/>'),
    "latitude_out_of_range": VALID_GPX.replace('<wpt lat="1.3"', '<wpt lat="91"'),
    "longitude_180": VALID_GPX.replace('<trkpt lat="1.3" lon="103.8"/>', '<trkpt lat="1.3" lon="180"/>'),
    "missing_longitude": VALID_GPX.replace('<wpt lat="1.3" lon="103.8">', '<wpt lat="1.3">'),
    "children_out_of_order": VALID_GPX.replace("<name>a</name><desc>b</desc>", "<desc>b</desc><name>a</name>"),
    "wrong_version": VALID_GPX.replace('version="1.1"', 'version="1.0"'),
    "missing_creator": VALID_GPX.replace(' creator="test"', ""),
    "wrong_namespace": VALID_GPX.replace(GPX_NAMESPACE, "http://www.topografix.com/GPX/1/0"),
}


def test_gpx_schema_accepts_valid():
    result = xmllint("--noout", "--schema", str(GPX_SCHEMA), document=VALID_GPX.encode())
    assert result.returncode == 0, result.stderr.decode(errors="replace")


@pytest.mark.parametrize("case", sorted(INVALID_GPX))
def test_gpx_schema_rejects(case):
    result = xmllint("--noout", "--schema", str(GPX_SCHEMA), document=INVALID_GPX[case].encode())
    assert result.returncode != 0, f"schema accepted the {case} document"


def test_names_replace_coordinates(server):
    response = server.get(f"{PLAN}&fromName=Toa%20Payoh%20MRT&toName=Holland%20Village%20%26%20Co")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["from"]["name"] == "Toa Payoh MRT"
    assert body["to"]["name"] == "Holland Village & Co"
    assert body["rides"][0]["from"]["name"] == "Toa Payoh MRT"


def test_names_appear_in_gpx(server):
    response = server.get(f"{PLAN}&format=gpx&fromName=Toa%20Payoh%20MRT&toName=Holland%20Village%20%26%20Co")
    assert response.status_code == 200, response.text
    metadata_name = ElementTree.fromstring(response.content).find(f"{{{GPX_NAMESPACE}}}metadata/{{{GPX_NAMESPACE}}}name")
    assert metadata_name.text == "Toa Payoh MRT to Holland Village & Co"


def test_overlong_name_is_rejected(server):
    response = server.get(f"{PLAN}&fromName={'x' * 201}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "fromName"



@pytest.mark.parametrize("ride_limit_min", ["1.1", "2.2"])
def test_short_ride_limit_shrinks_the_default_margin(server, ride_limit_min):
    response = server.get(f"/api/v2/plan?from={FROM}&to={TO}&rideLimitMin={ride_limit_min}")
    assert response.status_code == 200, response.text
    assert response.json()["margin_s"] == pytest.approx(float(ride_limit_min) * 60 - 30, abs=0.1)


@pytest.mark.parametrize("ride_limit_min, margin_min", [("8.8", "8.3"), ("17.1", "16.6"), ("136.8", "136.3")])
def test_margin_at_minimum_budget_accepted(server, ride_limit_min, margin_min):
    # The budget is exactly 30 s, which minutes times 60 can turn into 29.999... s.
    response = server.get(f"/api/v2/plan?from={FROM}&to={TO}&rideLimitMin={ride_limit_min}&marginMin={margin_min}")
    assert response.status_code == 200, response.text
