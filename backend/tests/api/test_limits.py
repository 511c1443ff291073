"""Connection handling: request size limits, keep-alive and slow clients."""

import select
import time

import requests

import raw_http

# The server's default read timeout (ServerConfig in backend/src/server/server_config.hpp).
READ_TIMEOUT_S = 10.0
# How long past the read timeout a slow client may stay connected.
DISCONNECT_GRACE_S = 5.0


def request_bytes(target, extra_headers=(), body=b""):
    lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *extra_headers]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def test_long_target_414(server):
    target = "/api/v1/search?searchVal=" + "a" * 20_000
    response = raw_http.exchange(server.port, request_bytes(target))
    assert response.status == 414


def test_medium_target_414(server):
    # Longer than the 8 kB request-target limit but within the 16 kB header limit.
    target = "/api/v1/search?searchVal=" + "a" * 10_000
    response = raw_http.exchange(server.port, request_bytes(target))
    assert response.status == 414


def test_many_headers_431(server):
    headers = [f"X-Filler-{index}: {'h' * 1000}" for index in range(200)]
    response = raw_http.exchange(server.port, request_bytes("/health", headers))
    assert response.status == 431


def test_one_large_header_431(server):
    response = raw_http.exchange(server.port, request_bytes("/health", [f"X-Filler: {'h' * 100_000}"]))
    assert response.status == 431


def test_large_body_413(server):
    body = b"b" * (1024 * 1024)
    response = raw_http.exchange(server.port, request_bytes("/api/v1/search?searchVal=bishan", body=body))
    assert response.status == 413


def test_limit_errors_are_json(server):
    target = "/api/v1/search?searchVal=" + "a" * 20_000
    response = raw_http.exchange(server.port, request_bytes(target))
    assert response.headers.get("content-type", "").startswith("application/json")


def test_limit_responses_have_request_id(server):
    oversized = {
        "target": request_bytes("/api/v1/search?searchVal=" + "a" * 20_000),
        "headers": request_bytes("/health", [f"X-Filler-{index}: {'h' * 1000}" for index in range(200)]),
        "body": request_bytes("/health", body=b"b" * (1024 * 1024)),
    }
    for case, request in oversized.items():
        response = raw_http.exchange(server.port, request)
        assert response.headers.get("x-request-id"), f"no X-Request-Id on the {case} limit response"


def test_server_alive_after_limits(server):
    raw_http.exchange(server.port, request_bytes("/health", body=b"b" * (1024 * 1024)))
    assert server.get("/health").status_code == 200


def test_keep_alive_100_requests(server):
    statuses = []
    with requests.Session() as session:
        for _ in range(100):
            statuses.append(session.get(server.url("/health"), timeout=10).status_code)
    assert statuses == [200] * 100


def test_keep_alive_one_connection(server):
    # Two requests written one after the other on a single socket both get responses.
    with raw_http.connect(server.port) as sock:
        for _ in range(2):
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            response = raw_http.read_response(sock, timeout_s=10)
            assert response.status == 200
            assert response.complete


def test_slow_client_disconnected(server):
    """A client that sends its header one byte a second is cut off, and other clients are still served."""
    started = time.monotonic()
    deadline = started + READ_TIMEOUT_S + DISCONNECT_GRACE_S
    other_status = None
    disconnected_after_s = None

    with raw_http.connect(server.port, timeout_s=5) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nX-Slow: ")
        while time.monotonic() < deadline:
            try:
                sock.send(b"s")
            except (BrokenPipeError, ConnectionResetError):
                disconnected_after_s = time.monotonic() - started
                break

            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable:
                try:
                    # A 408 response before the close is allowed; the loop reads on until the close.
                    chunk = sock.recv(4096)
                except ConnectionResetError:
                    chunk = b""
                if not chunk:
                    disconnected_after_s = time.monotonic() - started
                    break

            if other_status is None and time.monotonic() - started > 1.0:
                other_status = requests.get(server.url("/health"), timeout=5).status_code

    assert disconnected_after_s is not None, (
        f"slow client still connected after {READ_TIMEOUT_S + DISCONNECT_GRACE_S:.0f} s"
    )
    assert other_status == 200


def test_rejections_are_counted_in_metrics(server):
    response = raw_http.exchange(server.port, request_bytes("/api/v1/search?searchVal=" + "a" * 20_000))
    assert response.status == 414
    metrics = server.get("/metrics").text
    assert 'pitstop_http_requests_total{endpoint="rejected_by_server",status="414"}' in metrics
