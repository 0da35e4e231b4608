"""Processes the kill tests start and SIGKILL: the app server (gunicorn as docs/deploy.md runs it, on a
port kept across restarts) and `minpan worker`, both on the test database as another process reaches it."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.server_process import ROOT, free_port


class Process:
    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path):
        self.name, self.args, self.log = name, args, log
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT), **env}
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            # its own session: SIGKILL reaches it (and any child) without touching the test
            self.proc = subprocess.Popen([sys.executable, *self.args], cwd=ROOT, env=self.env, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL: no handler runs, no transaction is finished, nothing is flushed. Returns once no
        process of the group is left (gunicorn's workers outlive their master otherwise, and one
        still listening on the port would answer in the restarted server's place)."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while left := group_members(self.proc.pid):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: processes {left} outlived SIGKILL")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def group_members(group: int) -> list[int]:
    """The live processes of a process group (Linux /proc; zombies, which init reaps, are not counted)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # it ended while we looked
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


# Production settings (MINPAN_DEBUG=0) with the keys they require, made up for the test, over plain
# HTTP on loopback (no TLS in front, so no redirect to HTTPS and cookies not marked Secure).
PRODUCTION = {
    "MINPAN_DEBUG": "0", "MINPAN_SECRET_KEY": "kill-test-only-" + "k" * 50, "MINPAN_DATA_KEY": "kill-test-only-data-key-" + "d" * 20,
    "MINPAN_QUERY_KEY": "kill-test-only-query-key-" + "q" * 20, "MINPAN_ALLOWED_HOSTS": "127.0.0.1",
    "MINPAN_SSL_REDIRECT": "0", "MINPAN_SECURE_COOKIES": "0",
}


class Server(Process):
    """gunicorn with sync workers, as docs/deploy.md runs it. The master starts the workers in its own
    process group, so kill() takes them all at once, requests in flight included; the master sets
    SO_REUSEADDR, so the restarted one binds the same port at once."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2):
        self.port = free_port()
        super().__init__("server", [
            "-m", "gunicorn", "minpan.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers), "--worker-class", "sync",
            # as deployed: a worker silent for a minute is killed and replaced; stop() gives the
            # requests in hand a few seconds before the group is SIGKILLed
            "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning",
            # gunicorn 27's control socket defaults to one path in $HOME, shared by every gunicorn on
            # the machine; the test never uses it, and a SIGKILLed master would leave it behind
            "--no-control-socket",
        ], {**PRODUCTION, **env}, log)

    def start(self) -> None:
        super().start()
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if not self.running() or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start:\n{self.log.read_text()[-3000:]}") from None
                time.sleep(0.1)


def worker(env: dict[str, str], log: Path, *extra: str) -> Process:
    return Process("worker", ["-m", "django", "worker", "--poll", "0.2", *extra], env, log)
