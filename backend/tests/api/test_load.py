"""Load: 1,000 concurrent keep-alive connections against a server of its own.

Each connection sends GET requests one after another, with short random
pauses, for LOAD_DURATION_S. Meanwhile a probe opens a new connection for
/health twice a second, the server's resident memory and open descriptors are
sampled, and slow-loris clients trickle a header one byte a second. The test
checks that no request fails, that every connection is served, that /health
answers throughout, that memory growth stays bounded and that the server cuts
the slow-loris clients off after its read timeout. Throughput is printed, not
asserted: the HTTP benchmark (docs/benchmarks.md) measures it.
"""

import asyncio
import random
import resource
import socket
import time
from pathlib import Path

import pytest

from conftest import PitStopServer, stop_and_check

HOST = "127.0.0.1"
CONNECTIONS = 1000
LOAD_DURATION_S = 20.0
CONNECT_TIMEOUT_S = 30.0
# Generous, because 1,000 clients share the server's two worker threads.
RESPONSE_TIMEOUT_S = 60.0
PAUSE_RANGE_S = (0.05, 1.0)  # between two requests of one connection; below the 10 s idle timeout
HEALTH_PROBE_INTERVAL_S = 0.5
HEALTH_PROBE_TIMEOUT_S = 10.0
# The server's resident memory may grow by this much over its idle size. Each
# connection holds buffers of a few kB, so 1,000 connections need far less.
MAX_RSS_GROWTH_KB = 256 * 1024
SLOW_LORIS_CLIENTS = 3
# The server's read timeout (ServerConfig in backend/src/server/server_config.hpp)
# and how long past it a slow-loris client may stay connected.
READ_TIMEOUT_S = 10.0
DISCONNECT_GRACE_S = 5.0
# Descriptors for the clients, the probes and the server, with room to spare.
NEEDED_FILE_DESCRIPTORS = 4096

START = "1.332867,103.847143"
END = "1.311201,103.796228"
TARGETS = [
    "/health",
    "/ready",
    "/api/v1/search?searchVal=bishan",
    "/api/v1/search?searchVal=toa%20payoh&pageNum=2",
    "/api/v1/search?searchVal=1.3521,103.8198",
]
# Every PLAN_EVERY-th connection also asks for one real plan.
PLAN_TARGET = f"/api/v2/plan?from={START}&to={END}&rideLimitMin=15"
PLAN_EVERY = 50


def raise_file_limit():
    """Raise this process's open-file limit, which the server inherits, or skip the test."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = NEEDED_FILE_DESCRIPTORS if hard == resource.RLIM_INFINITY else min(NEEDED_FILE_DESCRIPTORS, hard)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    if wanted < NEEDED_FILE_DESCRIPTORS:
        pytest.skip(f"the hard open-file limit {hard} is below the {NEEDED_FILE_DESCRIPTORS} this test needs")


def read_status_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def count_descriptors(pid):
    return sum(1 for _ in Path(f"/proc/{pid}/fd").iterdir())


async def read_response(reader):
    """Read one response with a Content-Length body and return (status, body)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed before the status line")
    status = int(status_line.split(b" ", 2)[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length)
    return status, body


class LoadRun:
    def __init__(self, server):
        self.server = server
        self.failures = []
        self.requests_per_connection = [0] * CONNECTIONS
        self.connected = 0
        self.all_connected = asyncio.Event()
        self.load_deadline = None  # set when the last connection is open
        self.health_probes = 0
        self.rss_samples_kb = []
        self.peak_descriptors = 0
        self.slow_loris_open_s = []

    def fail(self, text):
        self.failures.append(text)

    def load_running(self):
        return self.load_deadline is None or time.monotonic() < self.load_deadline

    async def keep_alive_client(self, index):
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, self.server.port),
                                                    CONNECT_TIMEOUT_S)
        except (OSError, asyncio.TimeoutError) as error:
            self.fail(f"connection {index}: connect failed: {error!r}")
            return
        self.connected += 1
        if self.connected == CONNECTIONS:
            self.load_deadline = time.monotonic() + LOAD_DURATION_S
            self.all_connected.set()
        try:
            await asyncio.wait_for(self.all_connected.wait(), CONNECT_TIMEOUT_S)
            targets = [PLAN_TARGET] if index % PLAN_EVERY == 0 else []
            while self.load_running():
                target = targets.pop() if targets else random.choice(TARGETS)
                writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                await writer.drain()
                status, body = await asyncio.wait_for(read_response(reader), RESPONSE_TIMEOUT_S)
                if status != 200:
                    self.fail(f"connection {index}: {target} returned {status}: {body[:200]!r}")
                    return
                self.requests_per_connection[index] += 1
                await asyncio.sleep(random.uniform(*PAUSE_RANGE_S))
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
            self.fail(f"connection {index}: request {self.requests_per_connection[index] + 1} failed: {error!r}")
        finally:
            writer.close()

    async def probe_health(self):
        give_up = time.monotonic() + CONNECT_TIMEOUT_S + LOAD_DURATION_S
        while self.load_running() and time.monotonic() < give_up:
            started = time.monotonic()
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, self.server.port),
                                                        HEALTH_PROBE_TIMEOUT_S)
                writer.write(f"GET /health HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
                await writer.drain()
                status, _ = await asyncio.wait_for(read_response(reader), HEALTH_PROBE_TIMEOUT_S)
                writer.close()
                if status != 200:
                    self.fail(f"/health probe returned {status}")
                self.health_probes += 1
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
                self.fail(f"/health probe failed: {error!r}")
            pid = self.server.process.pid
            self.rss_samples_kb.append(read_status_kb(pid, "VmRSS"))
            self.peak_descriptors = max(self.peak_descriptors, count_descriptors(pid))
            await asyncio.sleep(max(0.0, HEALTH_PROBE_INTERVAL_S - (time.monotonic() - started)))

    async def slow_loris(self, index):
        """Send a header one byte a second and record how long the server keeps the connection."""
        try:
            await asyncio.wait_for(self.all_connected.wait(), CONNECT_TIMEOUT_S)
        except asyncio.TimeoutError:
            return  # the clients report the connections that failed
        loop = asyncio.get_running_loop()
        sock = socket.create_connection((HOST, self.server.port), timeout=CONNECT_TIMEOUT_S)
        sock.setblocking(False)
        started = time.monotonic()
        header = f"GET /health HTTP/1.1\r\nHost: {HOST}\r\nX-Slow-{index}: ".encode() + b"s" * 10_000
        try:
            for position in range(len(header)):
                if time.monotonic() - started > READ_TIMEOUT_S + DISCONNECT_GRACE_S:
                    self.fail(f"slow-loris client {index} still connected after "
                              f"{READ_TIMEOUT_S + DISCONNECT_GRACE_S:.0f} s")
                    return
                try:
                    await loop.sock_sendall(sock, header[position:position + 1])
                    data = await asyncio.wait_for(loop.sock_recv(sock, 4096), 1.0)
                except asyncio.TimeoutError:
                    continue  # the server is still waiting for the rest
                except OSError:
                    break  # reset or broken pipe: cut off
                if not data:
                    break  # closed: cut off
        finally:
            sock.close()
        self.slow_loris_open_s.append(time.monotonic() - started)

    async def run(self):
        clients = [self.keep_alive_client(index) for index in range(CONNECTIONS)]
        probes = [self.probe_health()]
        loris = [self.slow_loris(index) for index in range(SLOW_LORIS_CLIENTS)]
        await asyncio.gather(*clients, *probes, *loris)


@pytest.fixture
def load_server(tmp_path):
    raise_file_limit()
    instance = PitStopServer(tmp_path, ["--max-connections", str(CONNECTIONS + 200)]).start()
    try:
        yield instance
    finally:
        instance.kill()


def test_load_1000_keep_alive_connections(load_server):
    idle_rss_kb = read_status_kb(load_server.process.pid, "VmRSS")
    run = LoadRun(load_server)
    started = time.monotonic()
    asyncio.run(run.run())
    elapsed_s = time.monotonic() - started

    total = sum(run.requests_per_connection)
    peak_rss_kb = max(run.rss_samples_kb, default=idle_rss_kb)
    print(f"load: {total} requests on {CONNECTIONS} connections in {elapsed_s:.1f} s "
          f"({total / elapsed_s:.0f} requests/s); {run.health_probes} /health probes; "
          f"RSS {idle_rss_kb // 1024} MB idle, {peak_rss_kb // 1024} MB peak; "
          f"{run.peak_descriptors} descriptors at peak; slow-loris clients cut off after "
          f"{', '.join(f'{seconds:.1f}' for seconds in run.slow_loris_open_s)} s")

    assert not run.failures, f"{len(run.failures)} failures, the first: {run.failures[:10]}"
    assert run.connected == CONNECTIONS
    assert run.peak_descriptors >= CONNECTIONS, "the 1,000 connections were never open at the same time"
    starved = [index for index, count in enumerate(run.requests_per_connection) if count == 0]
    assert not starved, f"{len(starved)} connections got no response, e.g. {starved[:10]}"
    assert run.health_probes >= LOAD_DURATION_S / HEALTH_PROBE_INTERVAL_S / 2
    assert peak_rss_kb - idle_rss_kb < MAX_RSS_GROWTH_KB, (
        f"RSS grew from {idle_rss_kb} kB to {peak_rss_kb} kB")
    assert len(run.slow_loris_open_s) == SLOW_LORIS_CLIENTS
    for seconds in run.slow_loris_open_s:
        assert seconds <= READ_TIMEOUT_S + DISCONNECT_GRACE_S

    assert load_server.get("/health", timeout=10).status_code == 200
    stop_and_check(load_server)
