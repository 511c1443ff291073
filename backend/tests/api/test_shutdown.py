"""Graceful shutdown: SIGTERM lets requests in flight finish, then the process exits with 0."""

import json
import signal
import subprocess
import threading
import time

import pytest

import raw_http
from conftest import REQUEST_TIMEOUT_S, SHUTDOWN_TIMEOUT_S

PLAN = "/api/v2/plan?from=1.332867,103.847143&to=1.311201,103.796228&rideLimitMin=15"
CLIENTS = 20
SIGTERM_DELAY_S = 0.2


# Each client sends all of its request but the final blank line before the
# SIGTERM and the rest after it, so every request is in flight when the
# signal arrives, however fast the server plans.
def test_shutdown_under_load(second_server):
    sent = [threading.Event() for _ in range(CLIENTS)]
    finish_requests = threading.Event()
    responses = [None] * CLIENTS
    finished_at = [None] * CLIENTS
    failures = [None] * CLIENTS

    def client(index):
        try:
            with raw_http.connect(second_server.port, timeout_s=REQUEST_TIMEOUT_S) as sock:
                sock.sendall(f"GET {PLAN} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".encode())
                sent[index].set()
                finish_requests.wait(timeout=30)
                sock.sendall(b"\r\n")
                responses[index] = raw_http.read_response(sock, timeout_s=REQUEST_TIMEOUT_S)
                finished_at[index] = time.monotonic()
        except Exception as error:  # noqa: BLE001 - reported per client below
            failures[index] = repr(error)
        finally:
            sent[index].set()

    threads = [threading.Thread(target=client, args=(index,), daemon=True) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for event in sent:
        assert event.wait(timeout=30), "a client could not send its request within 30 s"

    time.sleep(SIGTERM_DELAY_S)
    signal_sent_at = time.monotonic()
    second_server.process.send_signal(signal.SIGTERM)
    time.sleep(SIGTERM_DELAY_S)
    finish_requests.set()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT_S + SHUTDOWN_TIMEOUT_S)
    try:
        exit_code = second_server.process.wait(timeout=SHUTDOWN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        exit_code = None

    assert failures == [None] * CLIENTS
    assert [response.status for response in responses] == [200] * CLIENTS
    assert all(response.complete for response in responses)
    for response in responses:
        assert "rides" in json.loads(response.body)
    assert all(moment > signal_sent_at for moment in finished_at)
    assert exit_code == 0, f"exit code after SIGTERM: {exit_code} (None: still running after {SHUTDOWN_TIMEOUT_S:.0f} s)"
