"""A private PostgreSQL 15 cluster with PostGIS for the database tests.

Each cluster lives in its own temporary folder, listens on 127.0.0.1 at a free
port and on a Unix socket in that folder, and trusts local connections, so no
password is needed. As root, the server runs as the `postgres` user, because
PostgreSQL refuses to run as root.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("PITSTOP_PG_BIN", "/usr/lib/postgresql/15/bin"))
REPO_ROOT = Path(__file__).resolve().parents[3]
MIGRATIONS_DIR = REPO_ROOT / "database" / "migrations"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_server_user(command):
    """Run as `postgres` when this process is root, else as this user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresCluster:
    def __init__(self, folder, port=None):
        self.folder = Path(folder)
        self.data_dir = self.folder / "data"
        self.log_path = self.folder / "postgres.log"
        self.port = port or free_port()

    def init(self):
        if not (PG_BIN / "initdb").is_file():
            pytest.fail(f"PostgreSQL 15 not found in {PG_BIN}: run scripts/install-dependencies.sh")
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.folder.chmod(0o755)
        subprocess.run(as_server_user([str(PG_BIN / "initdb"), "-D", str(self.data_dir), "-U", "postgres",
                                       "--auth=trust", "--encoding=UTF8", "--no-sync"]),
                       check=True, stdout=subprocess.DEVNULL)
        with open(self.data_dir / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                       "max_connections = 50\nshared_buffers = 32MB\n")
        return self

    def start(self):
        subprocess.run(as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-l",
                                       str(self.log_path), "-w", "-t", "60", "start"]),
                       check=True, stdout=subprocess.DEVNULL)
        return self

    def stop(self, mode="fast"):
        """Stop the server; mode "immediate" ends every backend at once, like a crash."""
        subprocess.run(as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w",
                                       "stop"]),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, database="postgres", user="postgres"):
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql, database="postgres", check=True):
        """Run SQL with psql and return its unaligned, tuples-only output."""
        result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                                 "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql],
                                capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            pytest.fail(f"psql failed on {sql!r}: {result.stderr}")
        return result.stdout.strip()

    def run_init_scripts(self, database, files=None):
        """Apply SQL files as the PostGIS image's entrypoint does: psql -f, stopping at the first error."""
        for path in files or sorted(MIGRATIONS_DIR.glob("*.sql")):
            subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
                            "-U", "postgres", "-d", database, "-f", str(path)],
                           check=True, stdout=subprocess.DEVNULL)

    def create_database(self, name):
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def wait_until_accepting(self, timeout_s=30.0):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.psql("SELECT 1", check=False) == "1":
                return
            time.sleep(0.2)
        pytest.fail(f"PostgreSQL on port {self.port} did not accept connections\n{self.log_tail()}")

    def log_tail(self, lines=30):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no PostgreSQL log)"
        return "\n".join(text.splitlines()[-lines:])
