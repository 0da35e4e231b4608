"""A PostgreSQL primary and its streaming replica, started for one test on loopback ports: initdb,
pg_basebackup -R (the replica follows the primary's WAL as a hot standby), both stopped and removed
afterwards. PostgreSQL refuses to run as root, so as root the clusters run as `postgres` (su);
.ci/run runs the tests as root with that user present (Debian's postgresql package makes it)."""
from __future__ import annotations

import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.db import connection

from tests.server_process import free_port

PGBIN = Path(os.environ.get("MINPAN_PG_BIN") or "/usr/lib/postgresql/15/bin")


def why_not() -> str | None:
    """Why a primary and a replica cannot be started here, or None."""
    if connection.vendor != "postgresql":
        return "a streaming replica needs PostgreSQL: set DATABASE_URL (make test does; .ci/run starts one)"
    if not (PGBIN / "initdb").is_file() or not (PGBIN / "pg_basebackup").is_file():
        return f"no PostgreSQL server binaries in {PGBIN} (set MINPAN_PG_BIN)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a `postgres` user to run the clusters as"
    return None


def _as_pg(*args: str) -> None:
    cmd = [str(a) for a in args]
    if os.geteuid() == 0:
        cmd = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(cmd)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"{shlex.join(cmd)}: {done.stdout}{done.stderr}")


class Clusters:
    def __init__(self, base: Path):
        self.base = base
        self.primary_port, self.replica_port = free_port(), free_port()

    def url(self, port: int) -> str:
        return f"postgres://minpan:minpan@127.0.0.1:{port}/minpan"

    @property
    def primary(self) -> str:
        return self.url(self.primary_port)

    @property
    def replica(self) -> str:
        return self.url(self.replica_port)

    def sql(self, port: int, query: str, dbname: str = "minpan"):
        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname, autocommit=True) as conn:
            cur = conn.execute(query)
            return cur.fetchall() if cur.description else None

    def caught_up(self, timeout: float = 60) -> None:
        """Wait until the replica has replayed everything the primary has written so far."""
        target = self.sql(self.primary_port, "SELECT pg_current_wal_lsn()::text", "postgres")[0][0]
        deadline = time.monotonic() + timeout
        while self.sql(self.replica_port, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn", "postgres")[0][0] is not True:
            if time.monotonic() > deadline:
                raise TimeoutError("the replica did not catch up")
            time.sleep(0.2)

    def start(self, name: str, port: int) -> None:
        data = self.base / name
        _as_pg(PGBIN / "pg_ctl", "-D", data, "-l", self.base / f"{name}.log", "-w", "-t", "60",
               "-o", f"-h 127.0.0.1 -p {port} -k {self.base}", "start")

    def stop(self, name: str) -> None:
        try:
            _as_pg(PGBIN / "pg_ctl", "-D", self.base / name, "-m", "immediate", "-w", "stop")
        except RuntimeError:
            pass  # already stopped


@contextmanager
def primary_and_replica() -> Iterator[Clusters]:
    # Not pytest's tmp_path: its parents are root's alone, and the clusters run as postgres.
    base = Path(tempfile.mkdtemp(prefix="minpan-replica-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    c = Clusters(base)
    try:
        _as_pg(PGBIN / "initdb", "-D", base / "primary", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        c.start("primary", c.primary_port)
        c.sql(c.primary_port, "CREATE ROLE minpan LOGIN SUPERUSER PASSWORD 'minpan'", "postgres")
        c.sql(c.primary_port, "CREATE DATABASE minpan OWNER minpan", "postgres")
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming hot standby
        _as_pg(PGBIN / "pg_basebackup", "-h", "127.0.0.1", "-p", c.primary_port, "-U", "postgres",
               "-D", base / "replica", "-R", "-X", "stream", "-c", "fast")
        c.start("replica", c.replica_port)
        yield c
    finally:
        c.stop("replica")
        c.stop("primary")
        shutil.rmtree(base, ignore_errors=True)
