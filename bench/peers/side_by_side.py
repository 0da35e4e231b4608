"""minpan beside django-helpdesk 2.6.1, its nearest runnable peer, on the same machine in the same run.

    .venv/bin/python bench/peers/side_by_side.py                      # SQLite, 100,000 records each
    .venv/bin/python bench/peers/side_by_side.py --records 10000      # the quick run
    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:55500/minpan \\
        .venv/bin/python bench/peers/side_by_side.py --db postgres

helpdesk is not a dependency of minpan: the first run makes its own virtualenv (bench/peers/.venv,
ignored by git) and installs django-helpdesk==2.6.1 from PyPI there. Each system gets its own
database (SQLite files under --data, or two databases next to DATABASE_URL's on its server) and the
same number of records in the same mix: minpan's by bench/desk_pages.py --load-only, helpdesk's by
helpdesk_load.py; both then ANALYZE. Both run in bench/peers/serve.py, one single-threaded WSGI
server each (the same server code, so neither has an advantage; it adds X-Queries to every response),
and the requests alternate between them, page by page: the public landing page, the public
submission (GET the form untimed, POST it timed), the staff list and the ticket/case page.

Prints one table: page, helpdesk median ms, minpan median ms, ratio (helpdesk / minpan), queries
per request (helpdesk / minpan), the 1-minute load average while the page was measured.
Not a test: the figures depend on the machine and what else runs on it.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = HERE / ".venv"
PEER = "django-helpdesk==2.6.1"
PASSWORD = "bench-password-1234"


# ---- set-up ---------------------------------------------------------------------------

def peer_python() -> Path:
    """The helpdesk virtualenv's Python, made and filled on first use."""
    python = VENV / "bin" / "python"
    if not (VENV / ".installed").exists():
        print(f"making {VENV} and installing {PEER} from PyPI", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PEER, "psycopg[binary]"], check=True)
        (VENV / ".installed").write_text(PEER + "\n")
    return python


def databases(kind: str, data: Path, records: int) -> tuple[str, str]:
    """(minpan's DATABASE_URL, helpdesk's PEER_DATABASE_URL), made empty where missing."""
    if kind == "sqlite":
        folder = data / f"{records}"
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / 'minpan.sqlite3'}", f"sqlite:///{folder / 'helpdesk.sqlite3'}"
    return pg_database(f"peers_minpan_{records}"), pg_database(f"peers_helpdesk_{records}")


def pg_database(name: str) -> str:
    """A database of that name on DATABASE_URL's server (made if missing; DATABASE_URL's own is not touched)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("PostgreSQL runs need DATABASE_URL naming a PostgreSQL server")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit(f"not a plain database name: {name!r}")
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path="/" + name))


def minpan_env(url: str) -> dict:
    return {
        **os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "minpan.settings", "PYTHONPATH": str(ROOT),
        "MINPAN_DEBUG": "0", "MINPAN_SECRET_KEY": "bench-only-" + "k" * 60, "MINPAN_DATA_KEY": "bench-only-data-key-" + "d" * 40,
        "MINPAN_QUERY_KEY": "bench-only-query-key-" + "q" * 40,
        "MINPAN_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "MINPAN_SSL_REDIRECT": "0", "MINPAN_SECURE_COOKIES": "0",
        "MINPAN_HSTS_SECONDS": "0",
        # each submission comes from its own address, as the public's do: the per-address limits stay out of it
        "MINPAN_TRUSTED_PROXY_HEADER": "HTTP_X_REAL_IP",
    }


def peer_env(url: str) -> dict:
    return {**os.environ, "PEER_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "helpdesk_site.settings", "PYTHONPATH": str(HERE)}


def load_minpan(url: str, records: int) -> int:
    """Loads (skipped when there), ANALYZE; returns a walked case's id for the case page."""
    env = minpan_env(url)
    subprocess.run([sys.executable, "-W", "ignore", str(ROOT / "bench" / "desk_pages.py"), "--cases", str(records), "--load-only"],
                   env=env, check=True)
    code = ("import django; django.setup(); from minpan.cases.models import Case; "
            "print(Case.objects.filter(external_id='bench-walk-1').values_list('pk', flat=True).get())")
    return int(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout.split()[-1])


def load_peer(python: Path, url: str, records: int) -> dict:
    out = subprocess.run([str(python), str(HERE / "helpdesk_load.py"), "--records", str(records)],
                         env=peer_env(url), check=True, capture_output=True, text=True, cwd=HERE)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- HTTP -------------------------------------------------------------------------------

class Browser:
    """One person's cookies against one server; a new connection per request for both systems."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        head = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            head["Content-Type"] = "application/x-www-form-urlencoded"
        t = time.perf_counter()
        conn.request(method, path, body=body, headers=head)
        resp = conn.getresponse()
        data = resp.read()
        took = (time.perf_counter() - t) * 1000
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        conn.close()
        return resp.status, data.decode("utf-8", "replace"), took, int(resp.getheader("X-Queries") or 0)

    def get(self, path: str):
        return self.request("GET", path)

    def login(self, path: str, username: str) -> None:
        _, page, _, _ = self.get(path)
        status, _, _, _ = self.request("POST", path, {"csrfmiddlewaretoken": csrf(page), "username": username, "password": PASSWORD})
        if status != 302:
            sys.exit(f"sign-in as {username} at {path} answered {status}")


def csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def serve(python: Path, env: dict, port: int, cwd: Path) -> subprocess.Popen:
    proc = subprocess.Popen([str(python), str(HERE / "serve.py"), str(port)], env=env, cwd=cwd)
    for _ in range(600):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit(f"the server on port {port} did not start")


# ---- the pages ----------------------------------------------------------------------------

def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def measure(name: str, peer, ours, n: int) -> dict:
    """peer() and ours() each make one timed request and return (ms, queries); alternated."""
    times = {"helpdesk": [], "minpan": []}
    queries = {"helpdesk": 0, "minpan": 0}
    peer(), ours()  # warm up
    for i in range(n):
        order = (("helpdesk", peer), ("minpan", ours)) if i % 2 == 0 else (("minpan", ours), ("helpdesk", peer))
        for side, fn in order:
            ms, q = fn()
            times[side].append(ms)
            queries[side] = q
    row = {"page": name, "helpdesk": statistics.median(times["helpdesk"]), "minpan": statistics.median(times["minpan"]),
           "queries": f"{queries['helpdesk']} / {queries['minpan']}", "load": load_average()}
    row["ratio"] = row["helpdesk"] / row["minpan"] if row["minpan"] else float("nan")
    print(f"  {name:<26}{row['helpdesk']:>10.1f}{row['minpan']:>10.1f}{row['ratio']:>8.1f}{row['queries']:>10}{row['load']:>7}", flush=True)
    return row


def checked(result, want=(200,)):
    status, _, ms, q = result
    if status not in want:
        raise SystemExit(f"answered {status}")
    return ms, q


def run_pages(hd_port: int, mp_port: int, info: dict, case_pk: int, n: int) -> list[dict]:
    public_hd, public_mp = Browser(hd_port), Browser(mp_port)
    staff_hd, staff_mp = Browser(hd_port), Browser(mp_port)
    staff_hd.login("/login/", info["staff"])
    staff_mp.login("/desk/login/", "b_operator")
    _, listing, _, _ = staff_hd.get("/tickets/")
    rows_url = "/" + re.search(r"(datatables_ticket_list/[A-Za-z0-9=_-]+)", listing).group(1)
    rng = random.Random(17)

    def hd_list():
        ms1, q1 = checked(staff_hd.get("/tickets/"))
        ms2, q2 = checked(staff_hd.get(rows_url + "?draw=1&start=0&length=25"))  # the rows the page asks for
        return ms1 + ms2, q1 + q2

    def hd_submit():
        _, page, _, _ = public_hd.get("/tickets/submit/")
        form = {"csrfmiddlewaretoken": csrf(page), "queue": info["queue"], "title": "小区路灯不亮",
                "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
                "submitter_email": f"w{rng.randrange(10**9)}@example.cn", "priority": 3, "due_date": ""}
        return checked(public_hd.request("POST", "/tickets/submit/", form), (302,))

    def mp_submit():
        _, page, _, _ = public_mp.get("/write/")
        form = {"csrfmiddlewaretoken": csrf(page), "key": re.search(r'name="key" value="([^"]+)"', page).group(1),
                "name": "王小明", "phone": f"138{rng.randrange(10**8):08d}", "email": "", "msg_type": "consult", "domain": "",
                "subject": "小区路灯不亮", "body": "幸福小区 3 号楼前路灯坏了一个月，晚上出行不便，请尽快修复。",
                "may_publish": "yes", "consent": "on", "website": ""}
        addr = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return checked(public_mp.request("POST", "/write/", form, {"X-Real-IP": addr}), (302,))

    print(f"  {'page':<26}{'helpdesk':>10}{'minpan':>10}{'ratio':>8}{'queries':>10}{'load':>7}")
    return [
        measure("landing page", lambda: checked(public_hd.get("/")), lambda: checked(public_mp.get("/")), n),
        measure("public submission", hd_submit, mp_submit, n),
        measure("staff list / queue", hd_list, lambda: checked(staff_mp.get("/desk/q/working/")), n),
        measure("ticket / case page", lambda: checked(staff_hd.get(f"/tickets/{info['ticket']}/")),
                lambda: checked(staff_mp.get(f"/desk/case/{case_pk}/")), n),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000, help="records loaded into each system (10000 for a quick run)")
    ap.add_argument("--requests", type=int, default=20, help="timed requests per page and system")
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--data", type=Path, default=Path("/tmp/minpan-peers"), help="where the SQLite files go")
    ap.add_argument("--port", type=int, default=8710, help="helpdesk's port; minpan's is the next")
    ap.add_argument("--print-database", metavar="NAME", help="make database bench_NAME on DATABASE_URL's server, print its URL, stop")
    args = ap.parse_args()
    if args.print_database:
        print(pg_database("bench_" + args.print_database))
        return
    python = peer_python()
    mp_url, hd_url = databases(args.db, args.data, args.records)
    print(f"loading {args.records:,} records into each ({args.db})", flush=True)
    t = time.perf_counter()
    case_pk = load_minpan(mp_url, args.records)
    info = load_peer(python, hd_url, args.records)
    print(f"  loaded in {time.perf_counter() - t:.0f} s; helpdesk holds {info['tickets']:,} tickets", flush=True)
    servers = [serve(python, peer_env(hd_url), args.port, HERE), serve(Path(sys.executable), minpan_env(mp_url), args.port + 1, ROOT)]
    try:
        print(f"\n{args.db}, {args.records:,} records each, median of {args.requests} alternated requests (ms); "
              f"load average {load_average()}", flush=True)
        rows = run_pages(args.port, args.port + 1, info, case_pk, args.requests)
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=30)
    print("\n| page | helpdesk ms | minpan ms | ratio | queries (helpdesk / minpan) | load |\n|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['page']} | {r['helpdesk']:.1f} | {r['minpan']:.1f} | {r['ratio']:.1f}× | {r['queries']} | {r['load']} |")


if __name__ == "__main__":
    main()
