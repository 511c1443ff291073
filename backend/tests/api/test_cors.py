"""CORS: headers only for configured origins, none by default."""

import pytest
import requests

from conftest import PitStopServer

ALLOWED = "https://pitstop.example.sg"


@pytest.fixture(scope="module")
def cors_server(tmp_path_factory):
    instance = PitStopServer(tmp_path_factory.mktemp("cors-server"), ["--cors-origin", ALLOWED]).start()
    try:
        yield instance
    finally:
        instance.kill()


@pytest.fixture(scope="module")
def any_origin_server(tmp_path_factory):
    instance = PitStopServer(tmp_path_factory.mktemp("any-origin-server"), ["--cors-origin", "*"]).start()
    try:
        yield instance
    finally:
        instance.kill()


def test_no_cors_headers_by_default(server):
    response = server.get("/health", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_configured_origin_is_allowed(cors_server):
    response = cors_server.get("/health", headers={"Origin": ALLOWED})
    assert response.headers.get("Access-Control-Allow-Origin") == ALLOWED
    assert response.headers.get("Vary") == "Origin"


def test_other_origin_gets_no_header(cors_server):
    response = cors_server.get("/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_preflight_lists_methods(cors_server):
    response = requests.options(cors_server.url("/api/v2/plan"),
                                headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET"},
                                timeout=30)
    assert response.status_code == 204
    assert "GET" in response.headers.get("Access-Control-Allow-Methods", "")


def test_star_allows_any_origin(any_origin_server):
    response = any_origin_server.get("/health", headers={"Origin": "https://anywhere.example"})
    assert response.headers.get("Access-Control-Allow-Origin") == "*"
