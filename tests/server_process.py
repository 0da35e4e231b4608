"""Real server processes on the test database, for tests that send requests in parallel or kill a
process: the database's URL as another process reaches it (a file copy of SQLite's in-memory test
database, or PostgreSQL's test database itself), and a threaded runserver started on a free port."""
from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    s = connection.settings_dict
    user, password = (urllib.parse.quote(s[k] or "", safe="") for k in ("USER", "PASSWORD"))
    return f"postgres://{user}:{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def runserver(tmp_path: Path, env: dict[str, str]) -> Iterator[int]:
    """A threaded runserver with `env` on top of this process's environment; yields its port once it
    accepts connections, stops it afterwards. Its output goes to tmp_path/server.log."""
    port = free_port()
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT), **env}
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
        cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"runserver did not start:\n{(tmp_path / 'server.log').read_text()}")
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@contextmanager
def sqlite_writes_held(url: str) -> Iterator[None]:
    """No other connection can write to the SQLite file at `url` until the block ends; reading stays
    possible. Tests hold it while parallel requests arrive, so every one is inside the server first."""
    hold = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    hold.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        hold.execute("ROLLBACK")
        hold.close()


def request(port: int, method: str, path: str, headers: dict[str, str] | None = None,
            body: dict[str, str] | None = None, timeout: float = 60) -> tuple[http.client.HTTPResponse, str]:
    """One request to the server on `port`, a form body encoded when given; (response, its text)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    all_headers = {"Referer": f"http://127.0.0.1:{port}{path}", **(headers or {})}
    data = None
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = urllib.parse.urlencode(body)
    c.request(method, path, body=data, headers=all_headers)
    resp = c.getresponse()
    return resp, resp.read().decode()
