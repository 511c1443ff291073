"""`pitstop serve --database` against a real PostgreSQL with PostGIS: waiting for the
database at start, following refreshes made by any process, one scheduled
refresh among several replicas, and riding out a database that dies or freezes."""

import json
import os
import signal
import subprocess
import time

import pytest
from conftest import PARKING_FILE, PitStopServer, new_cluster_folder, run_pitstop, stop_and_check
from postgres_cluster import PostgresCluster

PLAN = "/api/v2/plan?from=1.332867,103.847143&to=1.311201,103.796228&rideLimitMin=15"
ALL_SPOTS = 2542


def database_server(work_dir, url, *arguments, environment=None):
    return PitStopServer(work_dir, ["--database", url, *arguments], environment=environment)


def ready_state(server):
    """Return (status code, body) of /ready."""
    response = server.get("/ready", timeout=10)
    return response.status_code, response.json()


def wait_for(condition, timeout_s, what, server=None):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout_s} s waiting for {what}\n{server.log_tail() if server else ''}")


def check_serves_from_memory(server):
    """Without its database, the server still plans and is healthy, reports not ready in
    /metrics and keeps every parking spot it loaded."""
    for _ in range(5):
        assert server.get(PLAN).status_code == 200
    assert server.get("/health").status_code == 200
    metrics = server.get("/metrics").text
    assert "pitstop_ready 0" in metrics
    assert f"pitstop_parking_spots {ALL_SPOTS}" in metrics


def parking_spots(server):
    status, body = ready_state(server)
    return body.get("parking_spots") if status == 200 else None


def load_files(url, *files):
    migrate = run_pitstop("db", "migrate", "--database", url)
    assert migrate.returncode == 0, migrate.stderr
    arguments = []
    for path in files:
        arguments += ["--parking", str(path)]
    result = run_pitstop(*arguments, "refresh", "--database", url, "--source", "files")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def half_file(tmp_path):
    path = tmp_path / "half.json"
    path.write_text(json.dumps(json.loads(PARKING_FILE.read_text())[:1300]))
    return path


def test_first_start_loads_empty_database(tmp_path, database):
    """On a new database the server migrates, refreshes from the files and becomes ready."""
    server = database_server(tmp_path, database, "--refresh-schedule", "off").start(wait_until_ready=False)
    try:
        server.wait_until_ready(120)
        assert parking_spots(server) == ALL_SPOTS
        assert server.get(PLAN).status_code == 200
        assert "no parking spots yet, so refreshing now" in server.log_path.read_text()
        stop_and_check(server)
    finally:
        server.kill()


def test_server_waits_for_database(tmp_path):
    """Started before PostgreSQL, the server serves /health, reports not ready, then becomes ready."""
    cluster = PostgresCluster(new_cluster_folder()).init()
    server = database_server(tmp_path, cluster.url("postgres"), "--refresh-schedule", "off",
                             environment={"PITSTOP_PARKING": str(PARKING_FILE)})
    try:
        server.start(wait_until_ready=False)
        assert server.get("/health").status_code == 200
        status, body = ready_state(server)
        assert status == 503
        assert "waiting for the database" in body["error"]["message"]
        plan = server.get(PLAN)
        assert plan.status_code == 503
        assert plan.json()["error"]["code"] == "not_ready"
        wait_for(lambda: server.log_path.read_text().count("to connect to") >= 2, 30, "two connection attempts",
                 server)

        cluster.start()
        server.wait_until_ready(120)
        assert parking_spots(server) == ALL_SPOTS
        log = server.log_path.read_text()
        assert "attempt 1 to connect to postgresql://postgres@127.0.0.1" in log
        assert "retrying in" in log
        stop_and_check(server)
    finally:
        server.kill()
        cluster.stop("immediate")


def test_two_servers_follow_one_refresh(tmp_path, database, half_file):
    """A refresh by another process reaches both servers without a restart."""
    load_files(database, half_file)
    first = database_server(tmp_path / "a", database, "--refresh-schedule", "off")
    second = database_server(tmp_path / "b", database, "--refresh-schedule", "off")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    try:
        first.start()
        second.start()
        assert parking_spots(first) == parking_spots(second) == 1300

        load_files(database, PARKING_FILE)
        for server in (first, second):
            wait_for(lambda: parking_spots(server) == ALL_SPOTS, 30, "the new parking set", server)
            assert "committed; reloading parking spots" in server.log_path.read_text()
            assert server.get(PLAN).status_code == 200
        stop_and_check(first)
        stop_and_check(second)
    finally:
        first.kill()
        second.kill()


SKIPPED_REFRESH = "skipped, because another PitStop process is refreshing"


def test_replicas_run_one_scheduled_refresh(tmp_path, database, datamall, half_file):
    """Two servers on one schedule: exactly one runs the refresh, both serve its result."""
    load_files(database, half_file)
    datamall.delay_s = 0.3  # each response is slow, so the run outlasts the other replica's attempt
    servers = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        servers.append(database_server(tmp_path / name, database, "--refresh-schedule", "* * * * *",
                                       "--refresh-on-start", "never", environment=datamall.environment()))
    try:
        for server in servers:
            server.start()
        for server in servers:
            wait_for(lambda: parking_spots(server) == ALL_SPOTS, 150, "the scheduled refresh's result", server)
        # When the servers start on either side of a minute boundary, only one of them fires at the first
        # minute, so the skip shows at the next minute that both see.
        wait_for(lambda: any(SKIPPED_REFRESH in server.log_path.read_text() for server in servers), 150,
                 "a replica to skip a scheduled refresh", servers[1])
        logs = [server.log_path.read_text() for server in servers]
        assert sum("started from datamall" in log for log in logs) >= 1
        for server in servers:
            stop_and_check(server)
    finally:
        for server in servers:
            server.kill()


def test_database_loss_keeps_serving(tmp_path):
    """PostgreSQL dies: plans go on from memory, /ready returns 503, and the server recovers by itself."""
    cluster = PostgresCluster(new_cluster_folder()).init().start()
    server = database_server(tmp_path, cluster.url("postgres"), "--refresh-schedule", "off",
                             environment={"PITSTOP_PARKING": str(PARKING_FILE)})
    try:
        server.start()
        assert server.get(PLAN).status_code == 200

        cluster.stop("immediate")
        wait_for(lambda: ready_state(server)[0] == 503, 30, "/ready to report the lost database", server)
        assert "connection is lost" in ready_state(server)[1]["error"]["message"]
        check_serves_from_memory(server)

        cluster.start()
        wait_for(lambda: ready_state(server)[0] == 200, 90, "/ready to recover", server)
        assert parking_spots(server) == ALL_SPOTS
        stop_and_check(server)
    finally:
        server.kill()
        cluster.stop("immediate")


# The server notices a frozen database within its 5 s check interval, plus up
# to 1 s of waiting for a notification, plus its 15 s limit for a response.
FREEZE_DETECTION_LIMIT_S = 60
# /ready never waits for the database, so it responds at once even while the
# database is frozen.
READY_ANSWER_LIMIT_S = 2.0


def cluster_processes(cluster):
    """Return the PIDs of the postmaster (first) and of its children."""
    postmaster = int((cluster.data_dir / "postmaster.pid").read_text().splitlines()[0])
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True,
                              check=False).stdout.split()
    return [postmaster, *(int(pid) for pid in children)]


def freeze_cluster(cluster):
    """SIGSTOP the postmaster, then its children, so that every connection stays open
    but nothing responds. Returns the stopped PIDs for thaw_cluster."""
    processes = cluster_processes(cluster)
    os.kill(processes[0], signal.SIGSTOP)
    # Read the children again: the postmaster may have started one before it stopped.
    processes = cluster_processes(cluster)
    for pid in processes[1:]:
        os.kill(pid, signal.SIGSTOP)
    return processes


def thaw_cluster(processes):
    for pid in processes:
        try:
            os.kill(pid, signal.SIGCONT)
        except ProcessLookupError:
            pass


def timed_ready_state(server):
    """Return (status code, body, seconds taken) of /ready."""
    started = time.monotonic()
    status, body = ready_state(server)
    return status, body, time.monotonic() - started


class FreezableDatabase:
    """A private cluster and a database-mode server on it, for tests that freeze the cluster."""

    def __init__(self, tmp_path):
        self.cluster = PostgresCluster(new_cluster_folder()).init().start()
        self.server = database_server(tmp_path, self.cluster.url("postgres"), "--refresh-schedule", "off",
                                      environment={"PITSTOP_PARKING": str(PARKING_FILE)})
        self.frozen = []

    def freeze(self):
        self.frozen = freeze_cluster(self.cluster)

    def thaw(self):
        thaw_cluster(self.frozen)
        self.frozen = []


@pytest.fixture
def freezable(tmp_path):
    """A FreezableDatabase that is always thawed and stopped afterwards, so no stopped cluster is left."""
    setup = FreezableDatabase(tmp_path)
    try:
        yield setup
    finally:
        setup.thaw()
        setup.server.kill()
        setup.cluster.stop("immediate")


def test_database_freeze_detected(freezable):
    """PostgreSQL freezes with its connections open: plans go on from memory, /ready turns 503
    within the limit and responds at once, and the server recovers by itself after SIGCONT."""
    server = freezable.server
    server.start()
    assert server.get(PLAN).status_code == 200

    freezable.freeze()
    frozen_at = time.monotonic()
    slowest_ready_s = 0.0
    while True:
        status, body, seconds = timed_ready_state(server)
        slowest_ready_s = max(slowest_ready_s, seconds)
        if status == 503:
            break
        assert time.monotonic() - frozen_at < FREEZE_DETECTION_LIMIT_S, (
            f"/ready still returned {status} {FREEZE_DETECTION_LIMIT_S} s after the freeze\n"
            f"{server.log_tail()}")
        time.sleep(0.5)
    detection_s = time.monotonic() - frozen_at
    print(f"frozen database detected after {detection_s:.1f} s")
    assert slowest_ready_s < READY_ANSWER_LIMIT_S
    message = body["error"]["message"]
    assert "connection is lost" in message or "has not responded" in message, message

    check_serves_from_memory(server)
    wait_for(lambda: "timed out after" in server.log_path.read_text(), 10, "the timeout in the server log", server)

    # Reconnection attempts time out while the database stays frozen.
    time.sleep(8)
    status, _, seconds = timed_ready_state(server)
    assert status == 503
    assert seconds < READY_ANSWER_LIMIT_S
    assert server.get(PLAN).status_code == 200

    freezable.thaw()
    wait_for(lambda: ready_state(server)[0] == 200, 90, "/ready to recover", server)
    assert parking_spots(server) == ALL_SPOTS
    stop_and_check(server)


def test_stop_while_database_frozen(freezable):
    """SIGTERM while the feed waits for a frozen database: the server exits 0
    within a few seconds instead of waiting out its 15 s limit for a response."""
    server = freezable.server
    server.start()
    freezable.freeze()
    # The feed checks the database every 5 s, so after 7 s it waits for a response.
    time.sleep(7)
    started = time.monotonic()
    stop_and_check(server)
    stop_s = time.monotonic() - started
    assert stop_s < 8, f"stopping took {stop_s:.1f} s\n{server.log_tail()}"


@pytest.mark.parametrize("arguments, message", [
    (["--refresh-schedule", "0 3 32 * *"], "day-of-month field '32' contains 32, outside 1..31"),
    (["--refresh-schedule", "0 3 1 *"], "it has 4 fields"),
    (["--refresh-time-zone", "Asia/Atlantis"], "unknown time zone 'Asia/Atlantis'"),
    (["--refresh-on-start", "sometimes"], "invalid refresh-at-start value 'sometimes'"),
    (["--refresh-source", "osm,osm"], "parking source 'osm' is listed twice"),
    (["--refresh-schedule", "0 3 30 2 *"], "matches no time within 5 years"),
])
def test_bad_database_settings_rejected(tmp_path, database, arguments, message):
    result = run_pitstop("serve", "--port", "0", "--database", database, *arguments, timeout_s=60)
    assert result.returncode == 2
    assert message in result.stderr


def test_broken_table_does_not_storm(tmp_path, postgres, database):
    """Connecting works but reading fails: the server backs off instead of reconnecting at once."""
    load_files(database, PARKING_FILE)
    postgres.psql("DROP TABLE parking_spots", database=database.rsplit("/", 1)[1])
    server = database_server(tmp_path, database, "--refresh-schedule", "off", "--refresh-on-start", "never")
    try:
        server.start(wait_until_ready=False)
        time.sleep(6)
        failures = server.log_path.read_text().count("reading parking spots from")
        assert 1 <= failures <= 6, f"{failures} failed sessions in 6 s"
        status, body = ready_state(server)
        assert status == 503
        stop_and_check(server)
    finally:
        server.kill()
