"""GET /api/v1/search: OneMap-style search results."""

import json

import pytest

from conftest import DATA_DIR
from geodesy import wgs84_to_svy21

SEARCH = "/api/v1/search"
PAGE_SIZE = 10

# Bishan MRT Station as OneMap placed it (nearest-mrt 2.1.1, OneMap data of
# 2018-10-11): WGS84 and OneMap's own SVY21 conversion of that point.
BISHAN_MRT_LAT_LON = (1.3514074, 103.8482474)
BISHAN_MRT_SVY21 = (29661.45, 37057.36)


def onemap_sample():
    """Return the first result of a real OneMap search response."""
    document = json.loads((DATA_DIR / "onemap" / "search-compassvale-vista-2025.json").read_text())
    return document["results"][0]


def expected_keys():
    return set(onemap_sample()) | {"KIND"}


@pytest.fixture(scope="module")
def bishan_page_1(server):
    response = server.get(f"{SEARCH}?searchVal=bishan")
    assert response.status_code == 200, response.text
    return response


@pytest.fixture(scope="module")
def bishan_results(bishan_page_1):
    return bishan_page_1.json()


def test_search_returns_array(bishan_results):
    assert isinstance(bishan_results, list)
    assert len(bishan_results) > 0


def test_search_page_size(bishan_results):
    assert len(bishan_results) <= PAGE_SIZE


def test_search_result_keys(bishan_results):
    for result in bishan_results:
        assert set(result) == expected_keys(), result


def test_search_value_types(bishan_results):
    sample = onemap_sample()
    for result in bishan_results:
        for key, value in result.items():
            expected_type = type(sample.get(key, ""))
            assert isinstance(value, expected_type), f"{key} = {value!r} in {result}"


def test_search_matches_query(bishan_results):
    for result in bishan_results:
        assert "bishan" in (result["SEARCHVAL"] + " " + result["ADDRESS"]).lower(), result


def test_svy21_helper_matches_onemap():
    sample = onemap_sample()
    x, y = wgs84_to_svy21(float(sample["LATITUDE"]), float(sample["LONGITUDE"]))
    assert abs(x - float(sample["X"])) < 0.05
    assert abs(y - float(sample["Y"])) < 0.05


def test_search_svy21_consistent(bishan_results):
    # X and Y must be the SVY21 projection of the result's own LATITUDE and LONGITUDE.
    for result in bishan_results:
        x, y = wgs84_to_svy21(float(result["LATITUDE"]), float(result["LONGITUDE"]))
        assert abs(float(result["X"]) - x) < 1.0, result
        assert abs(float(result["Y"]) - y) < 1.0, result


def test_search_bishan_station_svy21(server):
    results = server.get(f"{SEARCH}?searchVal=bishan+mrt").json()
    stations = [result for result in results if result["SEARCHVAL"] == "Bishan MRT Station"]
    assert stations, f"Bishan MRT Station not found in {[result['SEARCHVAL'] for result in results]}"

    station = stations[0]
    # The station list that PitStop loads has the same WGS84 point that OneMap
    # converted, so X and Y must agree with OneMap's values within metres.
    assert abs(float(station["LATITUDE"]) - BISHAN_MRT_LAT_LON[0]) < 1e-6
    assert abs(float(station["LONGITUDE"]) - BISHAN_MRT_LAT_LON[1]) < 1e-6
    assert abs(float(station["X"]) - BISHAN_MRT_SVY21[0]) < 5.0, station
    assert abs(float(station["Y"]) - BISHAN_MRT_SVY21[1]) < 5.0, station


def test_search_total_count(bishan_page_1, bishan_results):
    total = int(bishan_page_1.headers["X-Total-Count"])
    assert total >= len(bishan_results)


def test_search_total_pages(bishan_page_1):
    total = int(bishan_page_1.headers["X-Total-Count"])
    pages = int(bishan_page_1.headers["X-Total-Pages"])
    assert pages == (total + PAGE_SIZE - 1) // PAGE_SIZE


def test_search_page_2_differs(server, bishan_page_1, bishan_results):
    assert int(bishan_page_1.headers["X-Total-Count"]) > PAGE_SIZE, "too few results to test paging"

    page_2 = server.get(f"{SEARCH}?searchVal=bishan&pageNum=2")
    assert page_2.status_code == 200
    first_page_names = {(result["SEARCHVAL"], result["X"], result["Y"]) for result in bishan_results}
    second_page_names = {(result["SEARCHVAL"], result["X"], result["Y"]) for result in page_2.json()}
    assert second_page_names
    assert first_page_names.isdisjoint(second_page_names)


def test_search_page_past_end(server, bishan_page_1):
    last_page = int(bishan_page_1.headers["X-Total-Pages"])
    response = server.get(f"{SEARCH}?searchVal=bishan&pageNum={last_page + 1}")
    assert response.status_code == 200
    assert response.json() == []


def test_search_no_match(server):
    response = server.get(f"{SEARCH}?searchVal=zzqqxxnotaplace")
    assert response.status_code == 200
    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"


@pytest.mark.parametrize("query", ["", "?searchVal=", "?pageNum=1"], ids=["none", "empty", "page_only"])
def test_search_missing_value(server, query):
    response = server.get(f"{SEARCH}{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "missing_parameter"
    assert error["parameter"] == "searchVal"


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "1001", ""])
def test_search_invalid_page(server, page):
    response = server.get(f"{SEARCH}?searchVal=bishan&pageNum={page}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["parameter"] == "pageNum"


def test_search_value_too_long(server):
    response = server.get(f"{SEARCH}?searchVal={'a' * 300}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["parameter"] == "searchVal"


def test_search_too_many_words(server):
    words = "+".join(["bishan"] * 11)
    response = server.get(f"{SEARCH}?searchVal={words}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "searchVal"


def test_search_invalid_utf8(server):
    response = server.get(f"{SEARCH}?searchVal=%C3%28")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_query"


def test_search_repeated_value(server):
    response = server.get(f"{SEARCH}?searchVal=bishan&searchVal=toa")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "searchVal"
