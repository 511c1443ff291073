"""Fixtures that run the real `pitstop serve` on 127.0.0.1 for the API tests.

PITSTOP_BUILD_DIR sets where the pitstop binary is (default: build/ in the
repository) and PITSTOP_DATA_DIR where the real data is (default:
../shared/data beside the repository).
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parents[3]
BUILD_DIR = Path(os.environ.get("PITSTOP_BUILD_DIR") or REPO_ROOT / "build")
DATA_DIR = Path(os.environ.get("PITSTOP_DATA_DIR") or REPO_ROOT.parent / "shared" / "data")
PITSTOP = BUILD_DIR / "pitstop"

STARTUP_TIMEOUT_S = 60.0
SHUTDOWN_TIMEOUT_S = 30.0
# Generous, because a plan on the real data took under 0.1 s on a 2-core machine.
REQUEST_TIMEOUT_S = 120.0


class PitStopServer:
    """One `pitstop serve` process with its own port file and log file."""

    def __init__(self, work_dir, extra_serve_arguments=(), environment=None):
        self.work_dir = Path(work_dir)
        self.extra_serve_arguments = list(extra_serve_arguments)
        self.extra_environment = dict(environment or {})
        self.port_file = self.work_dir / "port"
        self.log_path = self.work_dir / "server.log"
        self.process = None
        self.port = None

    def start(self, wait_until_ready=True):
        """Start the process; wait for its port file, and for /ready when wait_until_ready is true."""
        if not PITSTOP.is_file():
            pytest.fail(f"pitstop binary not found at {PITSTOP}: build it with scripts/build.sh "
                        "or set PITSTOP_BUILD_DIR")
        if not DATA_DIR.is_dir():
            pytest.fail(f"data folder not found at {DATA_DIR}: set PITSTOP_DATA_DIR")

        command = [str(PITSTOP), "--log-level", "info", "serve", "--bind", "127.0.0.1", "--port", "0",
                   "--port-file", str(self.port_file), "--threads", "2", *self.extra_serve_arguments]
        environment = dict(os.environ, PITSTOP_DATA_DIR=str(DATA_DIR), **self.extra_environment)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT)

        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        self.port = self._wait_for_port(deadline)
        if wait_until_ready:
            self._wait_until_ready(deadline)
        return self

    def wait_until_ready(self, timeout_s=STARTUP_TIMEOUT_S):
        self._wait_until_ready(time.monotonic() + timeout_s)

    def _wait_for_port(self, deadline):
        while time.monotonic() < deadline:
            self._fail_if_exited("before writing its port file")
            if self.port_file.is_file():
                text = self.port_file.read_text().strip()
                if text:
                    return int(text)
            time.sleep(0.1)
        self.kill()
        pytest.fail(f"server wrote no port file {self.port_file} within {STARTUP_TIMEOUT_S:.0f} s\n"
                    f"{self.log_tail()}")

    def _wait_until_ready(self, deadline):
        last_problem = "no request sent"
        while time.monotonic() < deadline:
            self._fail_if_exited("before /ready returned 200")
            try:
                response = requests.get(self.url("/ready"), timeout=5)
                if response.status_code == 200:
                    return
                last_problem = f"/ready returned {response.status_code}"
            except requests.RequestException as error:
                last_problem = f"/ready failed: {error}"
            time.sleep(0.2)
        self.kill()
        pytest.fail(f"server was not ready in time ({last_problem})\n{self.log_tail()}")

    def _fail_if_exited(self, when):
        code = self.process.poll()
        if code is not None:
            pytest.fail(f"server exited with code {code} {when}\n{self.log_tail()}")

    def url(self, target):
        return f"http://127.0.0.1:{self.port}{target}"

    def get(self, target, **options):
        options.setdefault("timeout", REQUEST_TIMEOUT_S)
        return requests.get(self.url(target), **options)

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as error:
            return f"(server log {self.log_path} unreadable: {error})"
        tail = "\n".join(text.splitlines()[-lines:])
        return f"--- last {lines} lines of {self.log_path} ---\n{tail}"

    def terminate(self):
        """Send SIGTERM and wait for the exit code, or return None on timeout."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=SHUTDOWN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def stop_and_check(server):
    """Stop a server with SIGTERM and fail unless it exits with 0 in time."""
    if server.process.poll() is not None:
        pytest.fail(f"server had already exited with code {server.process.returncode}\n{server.log_tail()}")
    code = server.terminate()
    if code is None:
        server.kill()
        pytest.fail(f"server did not exit within {SHUTDOWN_TIMEOUT_S:.0f} s of SIGTERM\n{server.log_tail()}")
    assert code == 0, f"server exited with code {code} after SIGTERM\n{server.log_tail()}"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The server most tests share, stopped with SIGTERM after the last test."""
    instance = PitStopServer(tmp_path_factory.mktemp("pitstop-server")).start()
    try:
        yield instance
        stop_and_check(instance)
    finally:
        instance.kill()


@pytest.fixture
def second_server(tmp_path):
    """A server of its own for a test that stops it. It is killed afterwards if still running."""
    instance = PitStopServer(tmp_path).start()
    try:
        yield instance
    finally:
        instance.kill()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the tail of the server log to every failed test's report."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    for name in ("server", "second_server"):
        instance = getattr(item, "funcargs", {}).get(name)
        if isinstance(instance, PitStopServer):
            report.sections.append((f"{name} log", instance.log_tail()))


# --- PostgreSQL and the DataMall stand-in, for the database tests ---------------------------------

from datamall_stand_in import DataMallStandIn  # noqa: E402
from postgres_cluster import PostgresCluster  # noqa: E402

PARKING_FILE = DATA_DIR / "parking" / "lta-bicycle-parking-central-2026-02.json"


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL cluster for the session; each test makes its own database in it."""
    cluster = PostgresCluster(new_cluster_folder()).init().start()
    try:
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(cluster.folder, ignore_errors=True)


def new_cluster_folder():
    """A folder directly under the temporary folder, because pytest's own are private to
    this user and the server may run as `postgres`."""
    return tempfile.mkdtemp(prefix="pitstop-postgres-")


@pytest.fixture
def database(postgres, request):
    """The URL of a new, empty database named after the test."""
    name = "test_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    postgres.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return postgres.create_database(name)


@pytest.fixture
def datamall():
    """A DataMall stand-in over the real parking dump."""
    stand_in = DataMallStandIn.from_file(PARKING_FILE).start()
    try:
        yield stand_in
    finally:
        stand_in.stop()


def run_pitstop(*arguments, environment=None, timeout_s=300):
    """Run the pitstop binary to completion and return the CompletedProcess (text output)."""
    full_environment = dict(os.environ, PITSTOP_DATA_DIR=str(DATA_DIR), **(environment or {}))
    for name in ("PITSTOP_DATAMALL_ACCOUNT_KEY", "PITSTOP_DATABASE_URL"):
        if environment is None or name not in environment:
            full_environment.pop(name, None)
    return subprocess.run([str(PITSTOP), *arguments], env=full_environment, capture_output=True, text=True,
                          timeout=timeout_s, check=False)
