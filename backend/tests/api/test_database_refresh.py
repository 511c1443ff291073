"""`pitstop refresh --database` against a real PostgreSQL with PostGIS: replacing
the live set, keeping it when a fetch fails or returns too little, and
surviving a refresh killed half-way. DataMall is a stand-in on 127.0.0.1 that
serves the real parking dump."""

import json
import subprocess
import time

import pytest

from conftest import DATA_DIR, PARKING_FILE, PITSTOP, run_pitstop

ALL_SPOTS = 2542  # records in the real central dump, all distinct
MONACO = DATA_DIR / "osm" / "monaco-2020-02.osm.pbf"


def database_name(url):
    return url.rsplit("/", 1)[1]


def migrate(url):
    result = run_pitstop("db", "migrate", "--database", url)
    assert result.returncode == 0, result.stderr


def refresh_from_files(url, *files, extra=()):
    arguments = []
    for path in files:
        arguments += ["--parking", str(path)]
    return run_pitstop(*arguments, "refresh", "--database", url, "--source", "files", *extra)


def live_ids(postgres, url):
    text = postgres.psql("SELECT string_agg(id, ',' ORDER BY id) FROM parking_spots", database=database_name(url))
    return set(text.split(",")) if text else set()


def last_run(postgres, url):
    row = postgres.psql("SELECT outcome, coalesce(records_fetched, -1), coalesce(records_inserted, -1), "
                        "coalesce(records_updated, -1), coalesce(records_removed, -1), "
                        "coalesce(error_message, '') FROM refresh_runs ORDER BY id DESC LIMIT 1",
                        database=database_name(url))
    outcome, fetched, inserted, updated, removed, message = row.split("|", 5)
    return {"outcome": outcome, "fetched": int(fetched), "inserted": int(inserted), "updated": int(updated),
            "removed": int(removed), "message": message}


def write_records(path, records):
    path.write_text(json.dumps(records))
    return path


@pytest.fixture
def records():
    return json.loads(PARKING_FILE.read_text())


def test_refresh_loads_files(postgres, database):
    migrate(database)
    result = refresh_from_files(database, PARKING_FILE)
    assert result.returncode == 0, result.stderr
    assert f"{ALL_SPOTS} fetched, {ALL_SPOTS} inserted" in result.stdout
    assert len(live_ids(postgres, database)) == ALL_SPOTS
    run = last_run(postgres, database)
    assert run["outcome"] == "succeeded"
    assert (run["fetched"], run["inserted"], run["updated"], run["removed"]) == (ALL_SPOTS, ALL_SPOTS, 0, 0)
    srid = postgres.psql("SELECT DISTINCT ST_SRID(location) FROM parking_spots", database=database_name(database))
    assert srid == "4326"


def test_refresh_replaces_data_set(postgres, database, records, tmp_path):
    """Spots missing from the new set go, new ones come, changed ones update, first_seen stays."""
    migrate(database)
    old = write_records(tmp_path / "old.json", records[:2000])
    assert refresh_from_files(database, old).returncode == 0
    old_ids = live_ids(postgres, database)
    name = database_name(database)
    first_seen_before = postgres.psql("SELECT min(first_seen) FROM parking_spots", database=name)

    changed = [dict(record) for record in records[500:]]
    for record in changed[:10]:
        record["RackCount"] = record["RackCount"] + 7  # rack count does not take part in the id
    new = write_records(tmp_path / "new.json", changed)
    result = refresh_from_files(database, new)
    assert result.returncode == 0, result.stderr

    new_ids = live_ids(postgres, database)
    assert len(new_ids) == len(changed)
    run = last_run(postgres, database)
    assert run["outcome"] == "succeeded"
    assert run["removed"] == len(old_ids - new_ids) == 500
    assert run["inserted"] == len(new_ids - old_ids) == len(records) - 2000
    assert run["updated"] == 10
    kept_first_seen = postgres.psql(
        "SELECT min(first_seen) FROM parking_spots WHERE id IN (" +
        ",".join(f"'{spot_id}'" for spot_id in sorted(old_ids & new_ids)[:50]) + ")", database=name)
    assert kept_first_seen == first_seen_before


def test_refresh_from_datamall_stand_in(postgres, database, datamall):
    """A grid fetch through the stand-in (with a cap and an error on every 7th request) loads every spot."""
    migrate(database)
    datamall.cap = 300
    datamall.fail_every = 7
    result = run_pitstop("refresh", "--database", database, environment=datamall.environment())
    assert result.returncode == 0, result.stderr
    assert len(live_ids(postgres, database)) == ALL_SPOTS
    run = last_run(postgres, database)
    assert run["outcome"] == "succeeded"
    assert postgres.psql("SELECT source FROM refresh_runs", database=database_name(database)) == "datamall"
    assert datamall.requests > 16  # the capped responses were subdivided
    assert "stand-in-account-key" not in result.stderr + result.stdout


def test_failed_fetch_keeps_data(postgres, database, datamall):
    migrate(database)
    assert refresh_from_files(database, PARKING_FILE).returncode == 0
    before = live_ids(postgres, database)

    datamall.fail_all = True
    result = run_pitstop("refresh", "--database", database, environment=datamall.environment())
    assert result.returncode == 1
    assert "fetching failed, so nothing changed" in result.stderr
    assert live_ids(postgres, database) == before
    run = last_run(postgres, database)
    assert run["outcome"] == "failed"
    assert "503" in run["message"]


def test_small_result_rejected(postgres, database, datamall):
    migrate(database)
    assert refresh_from_files(database, PARKING_FILE).returncode == 0
    before = live_ids(postgres, database)

    datamall.keep_share = 0.1
    result = run_pitstop("refresh", "--database", database, environment=datamall.environment())
    assert result.returncode == 1
    assert "fewer than 50% of the 2542 live ones" in result.stderr
    assert live_ids(postgres, database) == before
    assert last_run(postgres, database)["outcome"] == "rejected"

    lowered = run_pitstop("refresh", "--database", database, "--min-fraction", "0.05",
                          environment=datamall.environment())
    assert lowered.returncode == 0, lowered.stderr
    assert 0 < len(live_ids(postgres, database)) < ALL_SPOTS / 2


def test_empty_result_rejected(postgres, database, tmp_path):
    migrate(database)
    empty = write_records(tmp_path / "empty.json", [])
    result = refresh_from_files(database, empty)
    assert result.returncode == 1
    assert "returned no parking spot" in result.stderr
    assert last_run(postgres, database)["outcome"] == "rejected"


def test_killed_refresh_keeps_old_set(postgres, database, records, tmp_path):
    """SIGKILL while the refresh waits inside its write transaction: the old set survives intact."""
    migrate(database)
    name = database_name(database)
    old = write_records(tmp_path / "old.json", records[:1000])
    assert refresh_from_files(database, old).returncode == 0
    before = live_ids(postgres, database)

    # A session holding EXCLUSIVE on parking_spots lets the refresh read and stage
    # the new set, then blocks its first UPDATE until the lock goes.
    locker = subprocess.Popen(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(postgres.port), "-U", "postgres",
                               "-d", name], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    locker.stdin.write("BEGIN; LOCK TABLE parking_spots IN EXCLUSIVE MODE; SELECT pg_sleep(120);\n")
    locker.stdin.flush()
    time.sleep(0.5)

    refresh = subprocess.Popen([str(PITSTOP), "--parking", str(PARKING_FILE), "refresh", "--database", database,
                                "--source", "files"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        waiting = "0"
        while time.monotonic() < deadline and waiting == "0":
            waiting = postgres.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pitstop' "
                                    "AND wait_event_type = 'Lock'", database=name)
            time.sleep(0.1)
        assert waiting == "1", "the refresh never blocked inside its write transaction"
        refresh.kill()
        refresh.wait()
    finally:
        # The locker's backend would sleep on after psql dies, so end it from the server side.
        postgres.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'psql' "
                      "AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()", database=name)
        locker.kill()
        locker.wait()

    # The killed refresh's backend gets the lock, finds its client gone and rolls back.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and postgres.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pitstop'", database=name) != "0":
        time.sleep(0.1)
    assert live_ids(postgres, database) == before
    assert last_run(postgres, database)["outcome"] == "running"

    result = refresh_from_files(database, PARKING_FILE)
    assert result.returncode == 0, result.stderr
    outcomes = postgres.psql("SELECT string_agg(outcome, ',' ORDER BY id) FROM refresh_runs", database=name)
    assert outcomes == "succeeded,interrupted,succeeded"
    assert len(live_ids(postgres, database)) == ALL_SPOTS


def test_refresh_from_osm(postgres, database):
    """amenity=bicycle_parking nodes and ways of an OSM extract become spots with osm- ids."""
    migrate(database)
    result = run_pitstop("--osm", str(MONACO), "refresh", "--database", database, "--source", "osm")
    assert result.returncode == 0, result.stderr
    name = database_name(database)
    count = int(postgres.psql("SELECT count(*) FROM parking_spots", database=name))
    assert count > 0
    assert postgres.psql("SELECT count(*) FROM parking_spots WHERE id NOT LIKE 'osm-%' OR source <> 'osm'",
                         database=name) == "0"
    keys = postgres.psql("SELECT count(*) FROM parking_spots WHERE source_key ~ '^(node|way)/[0-9]+$'",
                         database=name)
    assert int(keys) == count


def test_unknown_source_rejected(database):
    result = run_pitstop("refresh", "--database", database, "--source", "datamall,bogus")
    assert result.returncode == 2
    assert "unknown parking source 'bogus'" in result.stderr


def test_datamall_without_key_rejected(database):
    migrate(database)
    result = run_pitstop("refresh", "--database", database, "--source", "datamall")
    assert result.returncode == 1
    assert "needs an AccountKey" in result.stderr


def test_refresh_needs_target():
    result = run_pitstop("refresh", "--source", "files")
    assert result.returncode == 2
    assert "--output FILE" in result.stderr


def test_nan_fraction_rejected(database):
    migrate(database)
    result = run_pitstop("refresh", "--database", database, "--source", "files", "--min-fraction", "nan")
    assert result.returncode == 2
    assert "--min-fraction: 'nan' is not a number: give a number from 0 to 1" in result.stderr


def test_statement_failure_recorded(postgres, database):
    """A run whose statements fail (here the table is gone) is recorded as failed, not left running."""
    migrate(database)
    name = database_name(database)
    postgres.psql("DROP TABLE parking_spots", database=name)
    result = run_pitstop("refresh", "--database", database, "--source", "files")
    assert result.returncode == 1
    assert "a database statement failed during refresh run 1, so nothing changed" in result.stderr
    run = last_run(postgres, database)
    assert run["outcome"] == "failed"
    assert "parking_spots" in run["message"]


@pytest.mark.parametrize("url, secret", [
    ("postgresql://pwuser:SECRETPW@[::1/pitstop", "SECRETPW"),
    ("postgresql://pwuser:se/cr@t?x@127.0.0.1:1/pitstop", "cr@t"),
    ("host=127.0.0.1 port=1 password=SEC RETPW dbname=x", "RETPW"),
    ("mysql://pwuser:SECRETPW@127.0.0.1/pitstop", "SECRETPW"),
])
def test_malformed_url_hides_password(url, secret):
    result = run_pitstop("db", "status", "--database", url)
    assert result.returncode == 1
    assert secret not in result.stderr + result.stdout
    assert "error" in result.stderr
