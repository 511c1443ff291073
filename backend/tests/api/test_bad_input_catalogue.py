"""A catalogue of hostile and malformed requests, one row each.

Every row is sent byte for byte over a raw socket and must get its status, the
error code listed in the OpenAPI document's Error schema, the parameter at
fault and a message that names what was wrong. Rows that are harmless to the
server (SQL text in a search, path traversal) must get the ordinary answer.
After the whole table the server must still answer /health, /ready and a real
plan, and its log must show no handler failure.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import raw_http

OPENAPI = json.loads((Path(__file__).resolve().parents[2] / "openapi" / "openapi.json").read_text())
DOCUMENTED_CODES = set(OPENAPI["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"])

START = "1.332867,103.847143"  # Toa Payoh
END = "1.311201,103.796228"  # Holland Village
PLAN = "/api/v2/plan"
ROUTES = "/api/v1/routes"
SEARCH = "/api/v1/search"
# In the Singapore Strait: inside the data's box, but over 300 m (the snapping limit) from any way.
SEA = "1.2600,103.9300"
# Words that betray server internals: file paths, C++ types and exception text.
LEAK_MARKERS = ("/work", "std::", "exception", "boost", "root:")


@dataclass(frozen=True)
class Case:
    name: str
    request: bytes
    status: int
    code: str | None = None  # error code; None for a successful response
    parameter: str | None = None
    message: str | None = None  # a fragment the error message must contain, case-insensitively
    body_type: type | None = None  # for a successful response: list or dict


def get(target, *headers, body=b""):
    """A GET request for `target`, sent as written (no escaping) with Connection: close."""
    lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *headers]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def raw(text):
    return text.encode("latin-1")


def plan(query):
    return get(f"{PLAN}?{query}")


def coordinate_case(name, value, message="is not a valid coordinate"):
    return Case(name, plan(f"from={value}&to={END}"), 400, "invalid_parameter", "from", message)


CASES = [
    # Coordinates that are not finite numbers in range.
    coordinate_case("from_nan", "nan,103.8"),
    coordinate_case("from_NaN_both", "NaN,NaN"),
    coordinate_case("from_inf", "inf,103.8"),
    coordinate_case("from_Infinity", "1.3,Infinity"),
    coordinate_case("from_minus_infinity", "1.3,-infinity"),
    coordinate_case("from_exponent_overflow", "1e400,103.8"),
    coordinate_case("from_huge_integer", "1" + "0" * 400 + ",103.8"),
    coordinate_case("from_latitude_over_90", "90.0000001,103.8"),
    coordinate_case("from_longitude_under_minus_180", "1.3,-180.5"),
    coordinate_case("from_hexadecimal", "0x1p0,103.8"),
    coordinate_case("from_comma_only", ","),
    coordinate_case("from_three_numbers", "1.3,103.8,5"),
    coordinate_case("from_semicolon", "1.3;103.8"),
    coordinate_case("from_fullwidth_digits", "%EF%BC%91.3,103.8"),
    Case("from_tab_control", plan(f"from=1.3%09,103.8&to={END}"), 400, "invalid_parameter", "from",
         "contains a control character"),
    Case("from_empty", plan(f"from=&to={END}"), 400, "missing_parameter", "from", "is required"),
    Case("to_missing", plan(f"from={START}"), 400, "missing_parameter", "to", "is required"),
    Case("routes_start_nan", get(f"{ROUTES}?start=nan,nan&end={END}"), 400, "invalid_parameter", "start",
         "is not a valid coordinate"),
    # Other numbers: not finite, out of range, overflowing.
    Case("ride_limit_nan", plan(f"from={START}&to={END}&rideLimitMin=nan"), 400, "invalid_parameter",
         "rideLimitMin", "send a number from 1 to 240"),
    Case("ride_limit_inf", plan(f"from={START}&to={END}&rideLimitMin=inf"), 400, "invalid_parameter",
         "rideLimitMin", "send a number from 1 to 240"),
    Case("ride_limit_1e309", plan(f"from={START}&to={END}&rideLimitMin=1e309"), 400, "invalid_parameter",
         "rideLimitMin", "send a number from 1 to 240"),
    Case("ride_limit_empty", plan(f"from={START}&to={END}&rideLimitMin="), 400, "invalid_parameter",
         "rideLimitMin", "send a number from 1 to 240"),
    Case("margin_nan", plan(f"from={START}&to={END}&marginMin=nan"), 400, "invalid_parameter", "marginMin",
         "is invalid"),
    Case("speed_minus_inf", plan(f"from={START}&to={END}&speedKmh=-inf"), 400, "invalid_parameter", "speedKmh",
         "send a number from 3 to 45"),
    Case("speed_huge", plan(f"from={START}&to={END}&speedKmh=" + "9" * 500), 400, "invalid_parameter",
         "speedKmh", "bytes)"),
    Case("interval_1e999", get(f"{ROUTES}?start={START}&end={END}&intervalMins=1e999"), 400, "invalid_parameter",
         "intervalMins", "is invalid"),
    Case("page_negative", get(f"{SEARCH}?searchVal=bishan&pageNum=-1"), 400, "invalid_parameter", "pageNum",
         "send a whole number"),
    Case("page_int64_overflow", get(f"{SEARCH}?searchVal=bishan&pageNum=9223372036854775808"), 400,
         "invalid_parameter", "pageNum", "send a whole number"),
    Case("page_fraction", get(f"{SEARCH}?searchVal=bishan&pageNum=1.5"), 400, "invalid_parameter", "pageNum",
         "send a whole number"),
    # Empty and repeated parameters.
    Case("from_repeated", plan(f"from={START}&from={START}&to={END}"), 400, "invalid_parameter", "from",
         "is given more than once"),
    Case("ride_limit_repeated", plan(f"from={START}&to={END}&rideLimitMin=10&rideLimitMin=20"), 400,
         "invalid_parameter", "rideLimitMin", "is given more than once"),
    Case("search_value_repeated", get(f"{SEARCH}?searchVal=a&searchVal=b"), 400, "invalid_parameter", "searchVal",
         "is given more than once"),
    Case("search_value_empty", get(f"{SEARCH}?searchVal="), 400, "missing_parameter", "searchVal", "is required"),
    Case("query_only_separators", get(f"{PLAN}?&&&=&"), 400, "missing_parameter", "from", "is required"),
    # Parameters that the endpoint does not list: a misspelled name must not fall back to a default.
    Case("ride_limit_misspelled", plan(f"from={START}&to={END}&rideLimitMn=20"), 400, "unknown_parameter",
         "rideLimitMn", "did you mean 'rideLimitMin'?"),
    Case("ride_limit_lower_case", plan(f"from={START}&to={END}&ridelimitmin=20"), 400, "unknown_parameter",
         "ridelimitmin", "did you mean 'rideLimitMin'?"),
    Case("v2_name_on_v1_routes", get(f"{ROUTES}?start={START}&end={END}&rideLimitMin=20"), 400,
         "unknown_parameter", "rideLimitMin", "unknown to /api/v1/routes"),
    Case("jsonp_callback", plan(f"from={START}&to={END}&callback=alert(1)"), 400, "unknown_parameter", "callback",
         "send only from, to"),
    Case("search_return_geom_yes", get(f"{SEARCH}?searchVal=bishan&returnGeom=yes"), 400, "invalid_parameter",
         "returnGeom", "send Y or N"),
    Case("search_onemap_options", get(f"{SEARCH}?searchVal=bishan&returnGeom=Y&getAddrDetails=N"), 200,
         body_type=list),
    Case("health_cache_buster", get("/health?nocache=123"), 200, body_type=dict),
    Case("health_bare_percent", get("/health?t=50%"), 200, body_type=dict),
    Case("ready_invalid_utf8_name", get("/ready?%FF=1"), 200, body_type=dict),
    Case("unknown_one_letter_name", plan(f"from={START}&to={END}&x=1"), 400, "unknown_parameter", "x",
         "unknown to /api/v2/plan: send only"),
    Case("parameter_name_nul", plan(f"from={START}&to={END}&rideLimitMin%00=1"), 400, "invalid_query", None,
         "contains a control character"),
    Case("parameter_name_newline", plan(f"from={START}&to={END}&a%0Ab=1"), 400, "invalid_query", None,
         "contains a control character"),
    # Invalid UTF-8 and broken percent escapes.
    Case("search_invalid_utf8", get(f"{SEARCH}?searchVal=%FF%FE"), 400, "invalid_query", None, "not valid UTF-8"),
    Case("search_overlong_slash", get(f"{SEARCH}?searchVal=%C0%AF"), 400, "invalid_query", None,
         "not valid UTF-8"),
    Case("search_surrogate", get(f"{SEARCH}?searchVal=%ED%A0%80"), 400, "invalid_query", None, "not valid UTF-8"),
    Case("search_code_point_over_max", get(f"{SEARCH}?searchVal=%F4%90%80%80"), 400, "invalid_query", None,
         "not valid UTF-8"),
    Case("parameter_name_invalid_utf8", get(f"{SEARCH}?%FF=1&searchVal=a"), 400, "invalid_query", None,
         "not valid UTF-8"),
    Case("raw_high_bytes_in_target", raw(f"GET {SEARCH}?searchVal=\xff\xfe HTTP/1.1\r\nHost: a\r\n"
                                         "Connection: close\r\n\r\n"), 400, "invalid_query", None,
         "not valid UTF-8"),
    Case("escape_not_hex", get(f"{SEARCH}?searchVal=%zz"), 400, "invalid_query", None, "malformed percent escape"),
    Case("escape_truncated", get(f"{SEARCH}?searchVal=ab%4"), 400, "invalid_query", None,
         "malformed percent escape"),
    Case("search_crlf_injection", get(f"{SEARCH}?searchVal=a%0D%0ASet-Cookie:%20x=1"), 400, "invalid_parameter",
         "searchVal", "contains a control character"),
    Case("search_nul_byte", get(f"{SEARCH}?searchVal=a%00b"), 400, "invalid_parameter", "searchVal",
         "contains a control character"),
    # Oversized requests.
    Case("query_1_mb", get(f"{SEARCH}?searchVal=" + "a" * (1024 * 1024)), 414, "target_too_long", None,
         "shorten the path and query string"),
    Case("query_9_kb", get(f"{SEARCH}?searchVal=" + "a" * 9000), 414, "target_too_long", None,
         "longer than 8192 bytes"),
    Case("header_flood_2000", get("/health", *[f"X-Flood-{index}: {index}" for index in range(2000)]), 431,
         "headers_too_large", None, "send fewer or shorter headers"),
    Case("header_one_64_kb", get("/health", "Cookie: " + "c" * 65536), 431, "headers_too_large", None,
         "larger than 16384 bytes"),
    Case("body_1_mb", get("/health", body=b"b" * (1024 * 1024)), 413, "body_too_large", None,
         "send a smaller body"),
    Case("search_value_201_bytes", get(f"{SEARCH}?searchVal=" + "a" * 201), 400, "invalid_parameter", "searchVal",
         "too long"),
    Case("search_value_11_words", get(f"{SEARCH}?searchVal=" + "+".join(["w"] * 11)), 400, "invalid_parameter",
         "searchVal", "too many words"),
    Case("from_name_201_bytes", plan(f"from={START}&to={END}&fromName=" + "n" * 201), 400, "invalid_parameter",
         "fromName", "at most 200 bytes"),
    # Malformed HTTP.
    Case("garbage_request_line", raw("HELLO\r\n\r\n"), 400, "malformed_request", None, "not valid HTTP/1.1"),
    Case("http_version_9", raw("GET /health HTTP/9.9\r\nHost: a\r\n\r\n"), 400, "malformed_request", None,
         "not valid HTTP/1.1"),
    Case("header_without_colon", raw("GET /health HTTP/1.1\r\nHost a\r\n\r\n"), 400, "malformed_request", None,
         "not valid HTTP/1.1"),
    Case("content_length_not_number", raw("GET /health HTTP/1.1\r\nHost: a\r\nContent-Length: ten\r\n\r\n"), 400,
         "malformed_request", None, "not valid HTTP/1.1"),
    Case("content_length_twice_differs",
         raw("GET /health HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"), 400,
         "malformed_request", None, "not valid HTTP/1.1"),
    Case("transfer_encoding_gzip", raw("GET /health HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"), 400,
         "malformed_request", None, "Transfer-Encoding"),
    Case("transfer_encoding_gzip_chunked",
         raw("GET /health HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"), 400,
         "malformed_request", None, "Transfer-Encoding"),
    Case("bad_chunk_size", raw("GET /health HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n"),
         400, "malformed_request", None, "not valid HTTP/1.1"),
    # Methods.
    Case("method_post", raw(f"POST {PLAN} HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"),
         405, "method_not_allowed", None, "use GET"),
    Case("method_delete", raw(f"DELETE {SEARCH} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), 405,
         "method_not_allowed", None, "use GET"),
    Case("method_trace", raw("TRACE /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), 405,
         "method_not_allowed", None, "use GET"),
    # Path traversal: the server serves no files, so every such path is simply unknown.
    Case("traversal_dot_dot", get("/../../etc/passwd"), 404, "not_found", None, "no such endpoint"),
    Case("traversal_encoded", get("/%2e%2e/%2e%2e/etc/passwd"), 404, "not_found", None, "no such endpoint"),
    Case("traversal_encoded_slash", get("/api/..%2f..%2f..%2fetc%2fpasswd"), 404, "not_found", None,
         "no such endpoint"),
    Case("traversal_after_openapi", get("/api/openapi.json/../../../etc/passwd"), 404, "not_found", None,
         "no such endpoint"),
    Case("traversal_backslash", get("/api/v1/..\\..\\windows\\win.ini"), 404, "not_found", None,
         "no such endpoint"),
    Case("absolute_form_other_host", raw("GET http://169.254.169.254/latest HTTP/1.1\r\nHost: a\r\n"
                                         "Connection: close\r\n\r\n"), 404, "not_found", None, "no such endpoint"),
    # SQL fragments in search text are plain words to the search index.
    Case("sql_or_true", get(f"{SEARCH}?searchVal=%27%20OR%201%3D1%20--"), 200, body_type=list),
    Case("sql_drop_table", get(f"{SEARCH}?searchVal=bishan%27%3B%20DROP%20TABLE%20parking_spots%3B%20--"), 200,
         body_type=list),
    Case("sql_union_select", get(f"{SEARCH}?searchVal=x%22%20UNION%20SELECT%20password%20FROM%20users"), 200,
         body_type=list),
    # Trips that cannot be planned.
    Case("start_equals_destination", plan(f"from={START}&to={START}"), 400, "same_start_and_destination", "to",
         "are the same point"),
    Case("start_3_m_from_destination", plan(f"from=1.332867,103.847143&to=1.332890,103.847150"), 400,
         "same_start_and_destination", "to", "are the same point"),
    Case("from_in_sea", plan(f"from={SEA}&to={END}"), 400, "not_routable", "from", "rideable way"),
    Case("to_in_sea", plan(f"from={START}&to={SEA}"), 400, "not_routable", "to", "rideable way"),
    Case("routes_end_in_sea", get(f"{ROUTES}?start={START}&end={SEA}"), 400, "not_routable", "end", "rideable way"),
    # Jurong East and Toa Payoh lie on pieces of the extract's network that no way joins.
    Case("not_connected_jurong_east", plan(f"from=1.3331,103.7422&to={START}"), 400, "not_connected", None,
         "not connected"),
    Case("from_null_island", plan(f"from=0,0&to={END}"), 400, "outside_coverage", "from",
         "outside the map data's area"),
    Case("to_north_pole", plan(f"from={START}&to=90,0"), 400, "outside_coverage", "to",
         "outside the map data's area"),
    Case("to_johor_bahru", plan(f"from={START}&to=1.4927,103.7414"), 400, "outside_coverage", "to",
         "outside the map data's area"),
]


def documented_statuses(target):
    """Statuses the OpenAPI document lists for the path of `target`, or None for a path whose
    errors it does not list (an unknown path, or /health and the other operations endpoints)."""
    path = target.split("?", 1)[0]
    operation = OPENAPI["paths"].get(path, {}).get("get")
    if operation is None or "400" not in operation["responses"]:
        return None
    return {int(status) for status in operation["responses"]}


def target_of(request):
    request_line = request.split(b"\r\n", 1)[0].decode("latin-1")
    parts = request_line.split(" ")
    return parts[1] if len(parts) == 3 else ""


@pytest.fixture(scope="module")
def catalogue_responses(server):
    """Send every case once, in table order, and keep the responses by case name."""
    responses = {}
    for case in CASES:
        response = raw_http.exchange(server.port, case.request, timeout_s=120)
        responses[case.name] = (response, response.body.decode("utf-8", errors="replace"))
    return responses


def test_catalogue_size():
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES), "case names must be unique"


def test_catalogue_codes_documented():
    for case in CASES:
        if case.code is not None:
            assert case.code in DOCUMENTED_CODES, f"{case.name}: {case.code} is not in openapi.json"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue_status(catalogue_responses, case):
    response, text = catalogue_responses[case.name]
    assert response.status == case.status, text[:500]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue_status_documented(case):
    statuses = documented_statuses(target_of(case.request))
    if statuses is not None:
        assert case.status in statuses, f"openapi.json lists {sorted(statuses)} for {target_of(case.request)[:60]}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue_body(catalogue_responses, case):
    response, text = catalogue_responses[case.name]
    assert response.headers.get("content-type", "").startswith("application/json"), response.headers
    assert response.headers.get("x-request-id"), "no X-Request-Id header"
    body = json.loads(text)
    if case.code is None:
        assert isinstance(body, case.body_type), text[:500]
        return
    error = body["error"]
    assert error["code"] == case.code, text[:500]
    assert error["parameter"] == case.parameter, text[:500]
    assert case.message.lower() in error["message"].lower(), text[:500]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue_no_leak(catalogue_responses, case):
    _, text = catalogue_responses[case.name]
    for marker in LEAK_MARKERS:
        assert marker not in text.lower(), f"response contains {marker!r}: {text[:500]}"


def test_catalogue_server_healthy_after(catalogue_responses, server):
    assert server.process.poll() is None, "the server exited during the catalogue"
    assert server.get("/health", timeout=10).status_code == 200
    assert server.get("/ready", timeout=10).status_code == 200
    plan_response = server.get(f"{PLAN}?from={START}&to={END}&rideLimitMin=15")
    assert plan_response.status_code == 200, plan_response.text[:500]
    assert plan_response.json()["rides"], "the plan after the catalogue has no rides"


def test_catalogue_no_handler_failure(catalogue_responses, server):
    log = server.log_path.read_text(errors="replace")
    assert "failed in the handler" not in log
    assert "internal_error" not in log
