"""Schema migrations against a real PostgreSQL 15 with PostGIS: `pitstop db migrate`
on an empty database, on a database initialised by the init scripts, and on an
older schema that already holds data."""

import pytest

from conftest import run_pitstop
from postgres_cluster import MIGRATIONS_DIR

LATEST_VERSION = len(sorted(MIGRATIONS_DIR.glob("*.sql")))


def schema_version(postgres, database_url):
    name = database_url.rsplit("/", 1)[1]
    return int(postgres.psql("SELECT max(version) FROM pitstop_schema_version", database=name))


def test_migrate_empty_database(postgres, database):
    result = run_pitstop("db", "migrate", "--database", database)
    assert result.returncode == 0, result.stderr
    assert f"from version 0 to {LATEST_VERSION}" in result.stdout
    assert schema_version(postgres, database) == LATEST_VERSION

    name = database.rsplit("/", 1)[1]
    tables = postgres.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
                           "WHERE schemaname = 'public'", database=name)
    assert tables == "parking_spots,pitstop_schema_version,refresh_runs,spatial_ref_sys"
    index = postgres.psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'parking_spots_location_idx'",
                          database=name)
    assert "USING gist (location)" in index


def test_migrate_twice_changes_nothing(postgres, database):
    assert run_pitstop("db", "migrate", "--database", database).returncode == 0
    again = run_pitstop("db", "migrate", "--database", database)
    assert again.returncode == 0, again.stderr
    assert f"at version {LATEST_VERSION}; nothing to do" in again.stdout


def test_init_scripts_match_migrations(postgres, database):
    """A volume initialised by the init scripts needs no migration afterwards."""
    postgres.run_init_scripts(database.rsplit("/", 1)[1])
    assert schema_version(postgres, database) == LATEST_VERSION
    result = run_pitstop("db", "migrate", "--database", database)
    assert result.returncode == 0, result.stderr
    assert "nothing to do" in result.stdout


def test_migrate_existing_database_keeps_data(postgres, database):
    """An older volume (version 1 only) with spots and runs is upgraded in place."""
    name = database.rsplit("/", 1)[1]
    postgres.run_init_scripts(name, files=[MIGRATIONS_DIR / "0001_parking_store.sql"])
    postgres.psql("INSERT INTO parking_spots VALUES ('lta-00000000000000aa', 'lta-datamall', 'B1', 'Block 1', "
                  "ST_SetSRID(ST_MakePoint(103.85, 1.35), 4326), 'HDB_RACKS', 10, true, now(), now());"
                  "INSERT INTO refresh_runs (started_at, source, outcome) VALUES (now(), 'files', 'succeeded')",
                  database=name)

    result = run_pitstop("db", "migrate", "--database", database)
    assert result.returncode == 0, result.stderr
    assert f"from version 1 to {LATEST_VERSION}" in result.stdout
    assert postgres.psql("SELECT id || ' ' || rack_count FROM parking_spots", database=name) == \
        "lta-00000000000000aa 10"
    assert postgres.psql("SELECT count(*) FROM refresh_runs", database=name) == "1"


def test_app_role_cannot_change_schema(postgres, database):
    """pitstop_app may read and replace parking spots but not alter tables."""
    name = database.rsplit("/", 1)[1]
    assert run_pitstop("db", "migrate", "--database", database).returncode == 0
    postgres.psql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pitstop_server') THEN "
                  "CREATE ROLE pitstop_server LOGIN; END IF; END $$; GRANT pitstop_app TO pitstop_server")
    server_url = postgres.url(name, user="pitstop_server")
    refresh = run_pitstop("refresh", "--database", server_url, "--source", "files")
    assert refresh.returncode == 0, refresh.stderr
    denied = postgres.psql("SET ROLE pitstop_server; ALTER TABLE parking_spots ADD COLUMN x integer",
                           database=name, check=False)
    assert denied == ""
    columns = postgres.psql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'parking_spots' "
                            "AND column_name = 'x'", database=name)
    assert columns == "0"


def test_database_newer_than_binary_rejected(postgres, database):
    name = database.rsplit("/", 1)[1]
    assert run_pitstop("db", "migrate", "--database", database).returncode == 0
    postgres.psql("INSERT INTO pitstop_schema_version (version, name) VALUES (99, 'from the future')",
                  database=name)
    result = run_pitstop("db", "migrate", "--database", database)
    assert result.returncode == 1
    assert "version 99, newer than this pitstop knows" in result.stderr
    assert "upgrade pitstop" in result.stderr


def test_unreachable_database_hides_password(postgres):
    url = f"postgresql://pitstop:s3cret-pass@127.0.0.1:{postgres.port + 1}/nowhere"
    result = run_pitstop("db", "status", "--database", url)
    assert result.returncode == 1
    assert "failed to connect to the database postgresql://pitstop@127.0.0.1" in result.stderr
    assert "s3cret-pass" not in result.stderr + result.stdout


def test_password_file_missing_named(tmp_path, database):
    missing = tmp_path / "no-such-password"
    result = run_pitstop("db", "migrate", "--database", database, "--database-password-file", str(missing))
    assert result.returncode == 1
    assert f"cannot read the database password file {missing}" in result.stderr


@pytest.mark.parametrize("bad_url", ["", "not a url at all"])
def test_bad_database_url_rejected(bad_url):
    result = run_pitstop("db", "migrate", "--database", bad_url)
    assert result.returncode in (1, 2)
    assert "error" in result.stderr.lower()
