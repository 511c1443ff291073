"""Error responses: status, JSON error code, the parameter at fault, and no internals leaked."""

import json

import pytest
import requests

import raw_http

START = "1.332867,103.847143"
END = "1.311201,103.796228"
PLAN = "/api/v2/plan"
ROUTES = "/api/v1/routes"

# A point in the Singapore Strait, about 4 km off East Coast Park: inside the
# map data's area, but more than 300 m (the snapping limit) from any rideable way.
SEA = "1.2600,103.9300"
PARIS = "48.85,2.35"

# (case id, request target, status, error code, parameter at fault or None)
ERROR_CASES = [
    ("from_nan", f"{PLAN}?from=nan,103.8&to={END}", 400, "invalid_parameter", "from"),
    ("from_NaN", f"{PLAN}?from=NaN,NaN&to={END}", 400, "invalid_parameter", "from"),
    ("from_inf", f"{PLAN}?from=inf,103.8&to={END}", 400, "invalid_parameter", "from"),
    ("from_minus_infinity", f"{PLAN}?from=1.3,-infinity&to={END}", 400, "invalid_parameter", "from"),
    ("from_out_of_range", f"{PLAN}?from=91,200&to={END}", 400, "invalid_parameter", "from"),
    ("from_text", f"{PLAN}?from=abc&to={END}", 400, "invalid_parameter", "from"),
    ("from_three_numbers", f"{PLAN}?from=1.3,103.8,5&to={END}", 400, "invalid_parameter", "from"),
    ("from_exponent", f"{PLAN}?from=1e0,103.8&to={END}", 400, "invalid_parameter", "from"),
    ("from_control_character", f"{PLAN}?from=1.3%00,103.8&to={END}", 400, "invalid_parameter", "from"),
    ("to_nan", f"{PLAN}?from={START}&to=nan,nan", 400, "invalid_parameter", "to"),
    ("to_text", f"{PLAN}?from={START}&to=abc", 400, "invalid_parameter", "to"),
    ("from_missing", f"{PLAN}?to={END}", 400, "missing_parameter", "from"),
    ("to_missing", f"{PLAN}?from={START}", 400, "missing_parameter", "to"),
    ("from_repeated", f"{PLAN}?from={START}&from={START}&to={END}", 400, "invalid_parameter", "from"),
    ("same_point", f"{PLAN}?from={START}&to={START}", 400, "same_start_and_destination", "to"),
    ("from_outside", f"{PLAN}?from={PARIS}&to={END}", 400, "outside_coverage", "from"),
    ("to_outside", f"{PLAN}?from={START}&to={PARIS}", 400, "outside_coverage", "to"),
    ("from_in_sea", f"{PLAN}?from={SEA}&to={END}", 400, "not_routable", "from"),
    ("to_in_sea", f"{PLAN}?from={START}&to={SEA}", 400, "not_routable", "to"),
    ("ride_limit_zero", f"{PLAN}?from={START}&to={END}&rideLimitMin=0", 400, "invalid_parameter", "rideLimitMin"),
    ("ride_limit_negative", f"{PLAN}?from={START}&to={END}&rideLimitMin=-5", 400, "invalid_parameter",
     "rideLimitMin"),
    ("ride_limit_huge", f"{PLAN}?from={START}&to={END}&rideLimitMin=10000", 400, "invalid_parameter",
     "rideLimitMin"),
    ("ride_limit_text", f"{PLAN}?from={START}&to={END}&rideLimitMin=abc", 400, "invalid_parameter",
     "rideLimitMin"),
    ("margin_equal_limit", f"{PLAN}?from={START}&to={END}&rideLimitMin=15&marginMin=15", 400,
     "invalid_parameter", "marginMin"),
    ("margin_over_limit", f"{PLAN}?from={START}&to={END}&rideLimitMin=15&marginMin=20", 400,
     "invalid_parameter", "marginMin"),
    ("margin_negative", f"{PLAN}?from={START}&to={END}&marginMin=-1", 400, "invalid_parameter", "marginMin"),
    ("speed_zero", f"{PLAN}?from={START}&to={END}&speedKmh=0", 400, "invalid_parameter", "speedKmh"),
    ("format_pdf", f"{PLAN}?from={START}&to={END}&format=pdf", 400, "invalid_parameter", "format"),
    ("geometry_wkt", f"{PLAN}?from={START}&to={END}&geometry=wkt", 400, "invalid_parameter", "geometry"),
    ("alternatives_four", f"{PLAN}?from={START}&to={END}&alternatives=4", 400, "invalid_parameter",
     "alternatives"),
    ("alternatives_negative", f"{PLAN}?from={START}&to={END}&alternatives=-1", 400, "invalid_parameter",
     "alternatives"),
    ("alternatives_fraction", f"{PLAN}?from={START}&to={END}&alternatives=1.5", 400, "invalid_parameter",
     "alternatives"),
    ("alternatives_text", f"{PLAN}?from={START}&to={END}&alternatives=all", 400, "invalid_parameter",
     "alternatives"),
    ("alternatives_repeated", f"{PLAN}?from={START}&to={END}&alternatives=1&alternatives=2", 400,
     "invalid_parameter", "alternatives"),
    ("routes_alternatives_huge", f"{ROUTES}?start={START}&end={END}&alternatives=99999999999999999999", 400,
     "invalid_parameter", "alternatives"),
    ("routes_start_nan", f"{ROUTES}?start=nan,nan&end={END}", 400, "invalid_parameter", "start"),
    ("routes_end_missing", f"{ROUTES}?start={START}", 400, "missing_parameter", "end"),
    ("routes_interval_zero", f"{ROUTES}?start={START}&end={END}&intervalMins=0", 400, "invalid_parameter",
     "intervalMins"),
    ("routes_margin_equal_interval", f"{ROUTES}?start={START}&end={END}&intervalMins=10&marginMins=10", 400,
     "invalid_parameter", "marginMins"),
    ("search_invalid_utf8", "/api/v1/search?searchVal=%C3%28", 400, "invalid_query", None),
    ("search_overlong_utf8", "/api/v1/search?searchVal=%C0%AF", 400, "invalid_query", None),
    ("search_surrogate_utf8", "/api/v1/search?searchVal=%ED%A0%80", 400, "invalid_query", None),
    ("search_bad_escape", "/api/v1/search?searchVal=%zz", 400, "invalid_query", None),
    ("search_truncated_escape", "/api/v1/search?searchVal=ab%4", 400, "invalid_query", None),
    ("unknown_path", "/api/v3/plan", 404, "not_found", None),
    ("unknown_root", "/nowhere", 404, "not_found", None),
]

# Words that betray server internals: file paths, C++ types and exception text.
LEAK_MARKERS = ("/work", "std::", "exception")


class ErrorResponse:
    """A response read with the raw client, which sends each target byte for byte
    (the requests library rewrites malformed percent escapes such as %zz)."""

    def __init__(self, raw):
        self.status_code = raw.status
        self.headers = raw.headers
        self.text = raw.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.text)


@pytest.fixture(scope="module")
def error_responses(server):
    """Send every error case once and keep the responses by case id."""
    responses = {}
    for case, target, *_ in ERROR_CASES:
        request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        responses[case] = ErrorResponse(raw_http.exchange(server.port, request, timeout_s=120))
    return responses


@pytest.mark.parametrize("case, target, status, code, parameter", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_status(error_responses, case, target, status, code, parameter):
    assert error_responses[case].status_code == status, error_responses[case].text


@pytest.mark.parametrize("case, target, status, code, parameter", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_code(error_responses, case, target, status, code, parameter):
    response = error_responses[case]
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == code, response.text


@pytest.mark.parametrize("case, target, status, code, parameter", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_parameter(error_responses, case, target, status, code, parameter):
    error = error_responses[case].json()["error"]
    assert error["parameter"] == parameter, error


@pytest.mark.parametrize("case, target, status, code, parameter", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_message_present(error_responses, case, target, status, code, parameter):
    message = error_responses[case].json()["error"]["message"]
    assert isinstance(message, str) and message


@pytest.mark.parametrize("case, target, status, code, parameter", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_body_clean(error_responses, case, target, status, code, parameter):
    body = error_responses[case].text.lower()
    for marker in LEAK_MARKERS:
        assert marker not in body, f"error body contains {marker!r}: {error_responses[case].text}"


def test_post_not_allowed(server):
    response = requests.post(server.url(f"{PLAN}?from={START}&to={END}"), data=b"{}", timeout=30)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_post_allow_header(server):
    response = requests.post(server.url("/api/v1/search?searchVal=bishan"), data=b"x", timeout=30)
    allowed = [method.strip() for method in response.headers.get("Allow", "").split(",")]
    assert "GET" in allowed


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_not_allowed(server, method):
    response = requests.request(method, server.url("/health"), timeout=30)
    assert response.status_code == 405
    assert "GET" in response.headers.get("Allow", "")


def test_405_body_clean(server):
    body = requests.post(server.url("/health"), data=b"x", timeout=30).text.lower()
    for marker in LEAK_MARKERS:
        assert marker not in body
