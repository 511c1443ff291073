"""Operational endpoints: health, readiness, metrics, request ids and the OpenAPI document."""

import json
import re
from urllib.parse import urlencode

import requests

from conftest import REPO_ROOT

SEARCH = "/api/v1/search?searchVal=bishan"
PLAN = "/api/v2/plan?from=1.332867,103.847143&to=1.311201,103.796228&rideLimitMin=15"

# One sample line of the Prometheus text format 0.0.4: name, optional labels, value.
PROMETHEUS_SAMPLE = re.compile(
    r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? '
    r"(-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|[-+]Inf)( -?[0-9]+)?$"
)


def sample_names(metrics_text):
    names = set()
    for line in metrics_text.splitlines():
        if line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def test_health_status(server):
    response = server.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_status(server):
    response = server.get("/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def test_ready_counts_data(server):
    body = server.get("/ready").json()
    assert body["graph_nodes"] > 0
    assert body["parking_spots"] > 0


def test_head_has_no_body(server):
    response = requests.head(server.url("/health"), timeout=10)
    assert response.status_code == 200
    assert response.content == b""


def test_options_lists_methods(server):
    response = requests.options(server.url("/api/v2/plan"), timeout=10)
    assert response.status_code == 204
    assert "GET" in response.headers.get("Allow", "")


def test_metrics_content_type(server):
    response = server.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")


def test_metrics_lines_parse(server):
    text = server.get("/metrics").text
    bad_lines = [line for line in text.splitlines()
                 if line and not line.startswith("#") and not PROMETHEUS_SAMPLE.match(line)]
    assert bad_lines == []


def test_metrics_names(server):
    server.get("/health")
    names = sample_names(server.get("/metrics").text)
    for expected in ("pitstop_http_requests_total", "pitstop_http_request_duration_seconds_bucket",
                     "pitstop_parking_spots", "pitstop_parking_data_age_seconds", "pitstop_graph_nodes"):
        assert expected in names, f"metric {expected} missing; present: {sorted(names)}"


def test_metrics_count_search(server):
    assert server.get(SEARCH).status_code == 200
    text = server.get("/metrics").text
    assert re.search(r'^pitstop_http_requests_total\{endpoint="v1_search",status="200"\} [1-9][0-9]*$',
                     text, re.MULTILINE), text


def test_metrics_gauges_positive(server):
    text = server.get("/metrics").text
    for name in ("pitstop_parking_spots", "pitstop_graph_nodes"):
        match = re.search(rf"^{name} ([0-9.e+]+)$", text, re.MULTILINE)
        assert match, f"gauge {name} missing"
        assert float(match.group(1)) > 0, f"gauge {name} is {match.group(1)}"


def test_request_id_on_every_response(server):
    targets = ["/health", "/ready", "/metrics", "/api/openapi.json", SEARCH, "/nowhere",
               "/api/v1/search", "/api/v2/plan?from=abc&to=1.3,103.8"]
    for target in targets:
        response = server.get(target)
        assert response.headers.get("X-Request-Id"), f"no X-Request-Id on {target} ({response.status_code})"


def test_request_id_on_405(server):
    response = requests.post(server.url("/health"), data=b"x", timeout=10)
    assert response.headers.get("X-Request-Id")


def test_request_ids_differ(server):
    first = server.get("/health").headers.get("X-Request-Id")
    second = server.get("/health").headers.get("X-Request-Id")
    assert first != second


def test_request_id_echoed(server):
    request_id = "pytest-3f9c2a71-echo"
    response = server.get("/health", headers={"X-Request-Id": request_id})
    assert response.headers.get("X-Request-Id") == request_id


def test_request_id_invalid_replaced(server):
    for request_id in ("has space", "x" * 65, "semi;colon"):
        response = server.get("/health", headers={"X-Request-Id": request_id})
        assert response.headers.get("X-Request-Id"), f"no id for invalid {request_id!r}"
        assert response.headers["X-Request-Id"] != request_id


def test_openapi_version(server):
    response = server.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_openapi_matches_source(server):
    served = server.get("/api/openapi.json").json()
    source = json.loads((REPO_ROOT / "backend" / "openapi" / "openapi.json").read_text())
    assert served == source


def documented_get_targets(document):
    """Yield each documented GET path with its documented example query parameters."""
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        examples = {parameter["name"]: parameter["example"]
                    for parameter in operations["get"].get("parameters", [])
                    if parameter.get("in") == "query" and "example" in parameter}
        query = urlencode(examples, safe=",")
        yield path + ("?" + query if query else "")


def test_openapi_paths_answered(server):
    document = server.get("/api/openapi.json").json()
    targets = list(documented_get_targets(document))
    assert targets, "the document lists no GET operation"

    unanswered = []
    for target in targets:
        status = server.get(target).status_code
        if status == 404:
            unanswered.append(target)
    assert unanswered == [], f"documented paths answered with 404: {unanswered}"


def test_openapi_examples_succeed(server):
    document = server.get("/api/openapi.json").json()
    failed = {}
    for target in documented_get_targets(document):
        status = server.get(target).status_code
        if status != 200:
            failed[target] = status
    assert failed == {}
