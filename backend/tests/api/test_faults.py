"""Faults during a parking refresh: a database refresh killed at random points
leaves the old set or the new one, never a mix, and an embedded refresh that
cannot write its snapshot (disk full, path unwritable) keeps the old file."""

import json
import random
import resource
import signal
import subprocess
import time

import pytest

from conftest import PARKING_FILE, PITSTOP, run_pitstop

KILL_POINTS = 12


def live_ids(postgres, name):
    text = postgres.psql("SELECT string_agg(id, ',' ORDER BY id) FROM parking_spots", database=name)
    return frozenset(text.split(",")) if text else frozenset()


def refresh_command(url, path):
    return [str(PITSTOP), "--parking", str(path), "refresh", "--database", url, "--source", "files",
            "--min-fraction", "0"]


def test_refresh_killed_at_random_points(postgres, database, tmp_path):
    """SIGKILL at random moments of a refresh that alternates between two sets."""
    records = json.loads(PARKING_FILE.read_text())
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    first.write_text(json.dumps(records[:1500]))
    second.write_text(json.dumps(records[1000:]))
    name = database.rsplit("/", 1)[1]
    assert run_pitstop("db", "migrate", "--database", database).returncode == 0
    assert subprocess.run(refresh_command(database, first), capture_output=True).returncode == 0
    first_ids = live_ids(postgres, name)
    assert subprocess.run(refresh_command(database, second), capture_output=True).returncode == 0
    second_ids = live_ids(postgres, name)
    assert first_ids != second_ids

    started = time.monotonic()
    assert subprocess.run(refresh_command(database, first), capture_output=True).returncode == 0
    full_run_s = time.monotonic() - started

    generator = random.Random(20261204)
    for attempt in range(KILL_POINTS):
        source = second if attempt % 2 == 0 else first
        process = subprocess.Popen(refresh_command(database, source), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(generator.uniform(0.0, full_run_s))
        process.send_signal(signal.SIGKILL)
        process.wait()

        deadline = time.monotonic() + 30
        while postgres.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pitstop'",
                            database=name) != "0":
            assert time.monotonic() < deadline, "the killed refresh's session did not end"
            time.sleep(0.05)
        assert live_ids(postgres, name) in (first_ids, second_ids), f"mixed set after kill {attempt}"

    final = subprocess.run(refresh_command(database, second), capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert live_ids(postgres, name) == second_ids
    outcomes = postgres.psql("SELECT count(*) FROM refresh_runs WHERE outcome = 'running'", database=name)
    assert outcomes == "0"


def limit_file_size(limit_bytes):
    """Make writes past limit_bytes fail with EFBIG, as on a full disk, instead of killing the process."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


@pytest.fixture
def old_snapshot(tmp_path):
    path = tmp_path / "parking.json"
    records = json.loads(PARKING_FILE.read_text())[:2000]
    path.write_text(json.dumps(records))
    return path, path.read_bytes()


def test_full_disk_keeps_old_snapshot(old_snapshot):
    path, contents = old_snapshot
    result = subprocess.run([str(PITSTOP), "--parking", str(PARKING_FILE), "refresh", "--output", str(path),
                             "--source", "files"],
                            capture_output=True, text=True, preexec_fn=limit_file_size(64 * 1024), check=False)
    assert result.returncode == 1
    assert "failed to write" in result.stderr
    assert path.read_bytes() == contents
    assert not path.with_name(path.name + ".tmp").exists()


def test_unwritable_snapshot_keeps_old(old_snapshot):
    path, contents = old_snapshot
    blocker = path.with_name(path.name + ".tmp")
    blocker.mkdir()  # root ignores file modes, so a folder in the way is what makes the write fail
    result = run_pitstop("--parking", str(PARKING_FILE), "refresh", "--output", str(path), "--source", "files")
    assert result.returncode == 1
    assert "failed to create" in result.stderr
    assert str(blocker) in result.stderr
    assert path.read_bytes() == contents
