"""Secure defaults: the server binds to loopback unless told otherwise, and no
secret reaches its log, its error bodies or /metrics."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from conftest import DATA_DIR, PITSTOP, STARTUP_TIMEOUT_S, PitStopServer, stop_and_check

ONEMAP_PASSWORD = "Secret-OneMap-Password-4c1e"
DATAMALL_KEY = "Secret-DataMall-Key-93ab=="
SECRETS = (ONEMAP_PASSWORD, DATAMALL_KEY)


def closed_port():
    """A loopback port with no listener, so that every OneMap call fails at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(pid):
    """Local IPv4 and IPv6 addresses of the sockets that process `pid` listens on, in /proc/net hex."""
    inodes = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            listening = fields[3] == "0A"
            if listening and fields[9] in inodes:
                addresses.append(fields[1].split(":")[0])
    return addresses


def test_serve_binds_loopback_by_default(tmp_path):
    port_file = tmp_path / "port"
    environment = {name: value for name, value in os.environ.items() if name != "PITSTOP_BIND"}
    environment["PITSTOP_DATA_DIR"] = str(DATA_DIR)
    with open(tmp_path / "server.log", "wb") as log:
        process = subprocess.Popen([str(PITSTOP), "serve", "--port", "0", "--port-file", str(port_file)],
                                   env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not (port_file.is_file() and port_file.read_text().strip()):
            assert process.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "no port file"
            time.sleep(0.1)
        addresses = listening_addresses(process.pid)
        # 0100007F is 127.0.0.1 in /proc/net/tcp's byte order.
        assert addresses == ["0100007F"], f"listening on {addresses}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def server_with_secrets(tmp_path, monkeypatch):
    """A server with OneMap credentials and a DataMall key, whose OneMap address refuses connections."""
    password_file = tmp_path / "onemap-password"
    password_file.write_text(ONEMAP_PASSWORD + "\n")
    password_file.chmod(0o600)
    monkeypatch.setenv("PITSTOP_ONEMAP_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("PITSTOP_ONEMAP_EMAIL", "rider@example.com")
    monkeypatch.setenv("PITSTOP_ONEMAP_PASSWORD_FILE", str(password_file))
    monkeypatch.delenv("PITSTOP_ONEMAP_PASSWORD", raising=False)
    monkeypatch.setenv("PITSTOP_ONEMAP_MAX_ATTEMPTS", "1")
    monkeypatch.setenv("PITSTOP_ONEMAP_SEARCH_COOLDOWN_S", "0")
    monkeypatch.setenv("PITSTOP_DATAMALL_ACCOUNT_KEY", DATAMALL_KEY)
    monkeypatch.delenv("PITSTOP_DATAMALL_ACCOUNT_KEY_FILE", raising=False)
    instance = PitStopServer(tmp_path).start()
    try:
        yield instance
    finally:
        instance.kill()


def test_secrets_absent_from_output(server_with_secrets):
    server = server_with_secrets
    bodies = []
    for target in ("/api/v1/search?searchVal=bishan", "/api/v1/search?searchVal=compassvale%20vista",
                   "/api/v1/search?searchVal=%FF", "/metrics", "/ready", "/api/v2/plan?from=nan"):
        response = requests.get(server.url(target), timeout=60)
        assert response.status_code in (200, 400), response.text[:300]
        bodies.append(response.text)
    stop_and_check(server)

    log = server.log_path.read_text(errors="replace")
    assert "onemap" in log.lower(), "the server logged nothing about OneMap, so the check proves nothing"
    for secret in SECRETS:
        assert secret not in log, "a secret is in the server log"
        for body in bodies:
            assert secret not in body, "a secret is in a response body"
