"""Public submission (我要留言) against the limit of the same server: a bare one-INSERT view (issue 17).

    .venv/bin/python bench/intake_speed.py                      # SQLite, a fresh file under /tmp
    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:55500/minpan_intake_bench \\
        .venv/bin/python bench/intake_speed.py                  # PostgreSQL (the database is migrated)

Starts the app server on 127.0.0.1 — gunicorn with 2 sync workers (a dependency since the kill test
serves through it), or `manage.py runserver --noreload` (threaded) where it is missing, which the output says —
with production settings (MINPAN_DEBUG=0) and bench/intake_settings.py, whose URLconf adds the bare
view. A second process sends the load over 4 connections: rounds of bare INSERTs and of real
submissions in turn (a new writer, phone and address each time, as many citizens writing at once),
`--requests` of each in all, each round stopped after `--seconds`. Prints requests per second of
both, the fraction, the CPU each request cost the app server and the database (from /proc), the
queries of one submission and the load average. Not a test: the numbers
depend on the machine. `--worker` runs `minpan worker` beside the server during the load, as in
production, where it indexes and sends the receipts of what was just written.
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 4
ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.intake_settings", "MINPAN_DEBUG": "0", "MINPAN_SECRET_KEY": "bench-only-" + "k" * 60,
    "MINPAN_DATA_KEY": "bench-only-data-key-" + "d" * 40, "MINPAN_QUERY_KEY": "bench-only-query-key-" + "q" * 40,
    "MINPAN_ALLOWED_HOSTS": "127.0.0.1,testserver", "MINPAN_SSL_REDIRECT": "0", "MINPAN_SECURE_COOKIES": "0",
    "MINPAN_POLICY": "tongliao", "MINPAN_TRUSTED_PROXY_HEADER": "HTTP_X_REAL_IP", "MINPAN_LOG_LEVEL": "WARNING",
}
BODY = "幸福小区 {n} 号楼前路灯坏了一个月，晚上出行不便，老人孩子经常摔倒，请尽快派人修复。"


# ---- the load (a second process; standard library only) ---------------------------------------

def _request(port: int, method: str, path: str, body: str | None, headers: dict) -> tuple[int, str, list[str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(method, path, body, headers)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, text, resp.headers.get_all("Set-Cookie") or []


def _form(port: int) -> tuple[str, str]:
    """The CSRF cookie and token of the write form, as a browser holds them."""
    status, text, cookies = _request(port, "GET", "/write/", None, {})
    assert status == 200, status
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
    return cookie, token


def _one(port: int, kind: str, n: int, cookie: str, token: str) -> int:
    if kind == "bare":
        data = {"body": BODY.format(n=n)}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _, _ = _request(port, "POST", "/bench-bare/", urllib.parse.urlencode(data), headers)
        return status
    data = {
        "csrfmiddlewaretoken": token, "key": secrets.token_urlsafe(24), "name": "王小明", "phone": f"139{n:08d}", "email": "",
        "msg_type": "consult", "domain": "", "subject": f"路灯不亮 {n}", "body": BODY.format(n=n), "may_publish": "yes",
        "consent": "on", "website": "",
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
               "X-Real-IP": f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"}
    status, _, _ = _request(port, "POST", "/write/", urllib.parse.urlencode(data), headers)
    return status


def load(port: int, kind: str, count: int, seconds: float, first: int, out) -> None:
    """`count` requests of `kind` over CONNECTIONS connections, at most `seconds`; puts (done, elapsed, bad)."""
    cookie, token = _form(port)
    lock, done, bad = threading.Lock(), [0], [0]
    numbers = iter(range(first, first + count))
    stop = time.monotonic() + seconds

    def worker():
        while time.monotonic() < stop:
            with lock:
                n = next(numbers, None)
            if n is None:
                return
            status = _one(port, kind, n, cookie, token)
            with lock:
                done[0] += 1
                bad[0] += status not in (201, 302)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((done[0], time.monotonic() - start, bad[0]))


def run_load(port: int, kind: str, count: int, seconds: float, first: int) -> tuple[int, float, int]:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=load, args=(port, kind, count, seconds, first, out))
    proc.start()
    result = out.get()
    proc.join()
    return result


# ---- the server and the database ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(port: int, workers: int = 2) -> tuple[list[str], str]:
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
    if gunicorn:
        return [gunicorn, "--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                "--no-control-socket", "minpan.wsgi:application"], f"gunicorn, {workers} sync workers"
    return [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"], \
        "manage.py runserver --noreload (threaded; gunicorn is not installed)"


def cpu_times() -> tuple[int, int]:
    """(busy, all) jiffies of every core since boot, from /proc/stat (Linux); (0, 0) elsewhere."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)


def process_cpu(server_pid: int) -> tuple[float, float]:
    """CPU seconds used so far by (the app server: gunicorn's master and workers, the database:
    every `postgres` process), from /proc (Linux, the same machine; (0, 0) elsewhere). SQLite runs
    inside the app server, so its work is the server's."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    app = db = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone since the listing
        pid = int(stat.parent.name)
        comm, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        ppid, used = int(rest[1]), int(rest[11]) + int(rest[12])
        if pid == server_pid or ppid == server_pid:
            app += used
        elif comm.startswith("postgres"):
            db += used
    return app / tick, db / tick


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """How much of the cores' time was spent working between two cpu_times(): under 100 %, the load
    waited on something other than the processors (a lock, the disk)."""
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total else 0.0


def wait_for(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def prepare(env: dict) -> None:
    """Migrate, and make the bare view's table (bench only)."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "from bench.intake_urls import BARE_TABLE\n"
        "key = 'integer primary key autoincrement' if connection.vendor == 'sqlite' else 'bigserial primary key'\n"
        "with connection.cursor() as c: c.execute(f'CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id {key}, body text)')\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def queries_of_one_submission(env: dict) -> str:
    code = (
        "import django, secrets; django.setup()\n"
        "from django.db import connection\nfrom django.test import Client\nfrom django.test.utils import CaptureQueriesContext\n"
        "c = Client(HTTP_X_REAL_IP='192.0.2.1')\n"
        "data = {'key': secrets.token_urlsafe(24), 'name': '王', 'phone': '13700000001', 'email': '', 'msg_type': 'consult',"
        " 'domain': '', 'subject': '路灯', 'body': '幸福小区路灯坏了一个月，请修复。', 'may_publish': 'yes', 'consent': 'on', 'website': ''}\n"
        "with CaptureQueriesContext(connection) as q:\n"
        "    assert c.post('/write/', data).status_code == 302\n"
        "print(len(q.captured_queries), '; '.join(x['sql'].split(' (')[0][:40] for x in q.captured_queries))\n"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1200, help="of each kind, in all (default 1200)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of each kind, in turn (default 4)")
    parser.add_argument("--seconds", type=float, default=30.0, help="at most this long per round (default 30)")
    parser.add_argument("--worker", action="store_true", help="run `minpan worker` beside the server during the load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers (default 2, one per core)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="minpan-intake-"))
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT), "MINPAN_FILES_DIR": str(tmp / "files")}
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    prepare(env)
    port = free_port()
    command, server = server_command(port, args.workers)
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker = None
    try:
        wait_for(port, proc)
        if args.worker:
            worker = subprocess.Popen([sys.executable, "manage.py", "worker", "--poll", "0.2"], cwd=ROOT, env=env,
                                      stdout=log, stderr=subprocess.STDOUT)
        # new writers every run, also on a database kept from an earlier run: the same phone or
        # address again within the day would meet the limits (the small check), not the server
        first = secrets.randbelow(90_000_000)
        run_load(port, "bare", 40, 10, first)  # warm up both paths (imports, templates, connections)
        run_load(port, "portal", 40, 10, first)
        totals = {"bare": [0, 0.0, 0], "portal": [0, 0.0, 0]}
        cpu = {"bare": [0.0, 0.0], "portal": [0.0, 0.0]}  # CPU seconds of (the app server, the database)
        per_round = max(1, args.requests // args.rounds)
        rounds = []  # (bare req/s, submission req/s, the cores' busy share during each)
        for r in range(args.rounds):
            pair = []
            for kind in ("bare", "portal"):
                before, used = cpu_times(), process_cpu(proc.pid)
                done, elapsed, bad = run_load(port, kind, per_round, args.seconds, first + 1000 + r * per_round)
                pair += [done / elapsed, busy_share(before, cpu_times())]
                app, db = (b - a for a, b in zip(used, process_cpu(proc.pid)))
                totals[kind][0] += done
                totals[kind][1] += elapsed
                totals[kind][2] += bad
                cpu[kind][0] += app
                cpu[kind][1] += db
            rounds.append(pair)
        load_avg = os.getloadavg()
        queries = queries_of_one_submission(env)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    rate = {k: v[0] / v[1] for k, v in totals.items()}
    print(f"{database}, {server}, {CONNECTIONS} connections from a second process, {os.cpu_count()} cores"
          + (", worker running" if args.worker else ""))
    for kind, label in (("bare", "bare one-INSERT view"), ("portal", "public submission")):
        done, elapsed, bad = totals[kind]
        print(f"  {label:22} {rate[kind]:8.1f} req/s  ({done} requests in {elapsed:.1f} s, {bad} not accepted)")
    print(f"  fraction of the limit  {rate['portal'] / rate['bare']:8.1%}   (by round: "
          + ", ".join(f"{p / b:.0%}" for b, _, p, _ in rounds) + ")")
    print("  cores busy by round (bare / submission): " + ", ".join(f"{bb:.0%} / {pb:.0%}" for _, bb, _, pb in rounds))
    print("  CPU per request, app server / database (ms): " + ", ".join(
        f"{label} {1000 * cpu[kind][0] / totals[kind][0]:.2f} / {1000 * cpu[kind][1] / totals[kind][0]:.2f}"
        for kind, label in (("bare", "bare"), ("portal", "submission")) if totals[kind][0]))
    print(f"  queries of one submission: {queries}")
    print(f"  load average: {load_avg[0]:.2f} {load_avg[1]:.2f} {load_avg[2]:.2f}")


if __name__ == "__main__":
    main()
