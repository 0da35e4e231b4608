"""Instructions per staff page request, this tree against an earlier commit, counted by valgrind.

    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:55600/bench_desk100k \
        .venv/bin/python bench/page_instructions.py --base 626d228

Wall-clock figures on this shared machine move by ±30 % between runs minutes apart; the number of
instructions the app process executes for a request does not (callgrind counts them, whatever else
the machine is doing). For each page the script runs the same requests under
`valgrind --tool=callgrind` in a checkout of `--base` (a git worktree, removed afterwards) and in
this tree, each time after three warm-up requests that are not counted, and prints millions of
instructions per request and the ratio. The database's own work (the PostgreSQL server process) is
not counted: this measures the app's Python, which is what the page changes touch.

Needs a database loaded by bench/desk_pages.py (its users and walked cases) and Debian's valgrind.
About half a minute per page and tree.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
ENV = {
    "DJANGO_SETTINGS_MODULE": "minpan.settings", "MINPAN_DEBUG": "0", "MINPAN_SECRET_KEY": "bench-only-" + "k" * 60,
    "MINPAN_DATA_KEY": "bench-only-data-key-" + "d" * 40, "MINPAN_QUERY_KEY": "bench-only-query-key-" + "q" * 40,
    "MINPAN_ALLOWED_HOSTS": "testserver", "MINPAN_SSL_REDIRECT": "0", "PYTHONHASHSEED": "0",
}
# (user, page): the queue every role opens most, and the case page of the first walked case
PAGES = [("b_operator", "/desk/q/working/"), ("b_handler", "/desk/q/working/"), ("b_reviewer", "/desk/q/submitted/"),
         ("b_operator", "case"), ("b_handler", "case"), ("b_reviewer", "case"), ("b_principal", "case"), ("b_admin", "case")]


def child(user: str, url: str, n: int) -> None:
    """Inside valgrind: warm up, then count `n` requests only (callgrind_control switches counting)."""
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from minpan.cases.models import Case

    if url == "case":
        url = f"/desk/case/{Case.objects.get(external_id='bench-walk-0').pk}/"
    client = Client()
    client.force_login(get_user_model().objects.get(username=user))
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    _count("on")
    for _ in range(n):
        client.get(url)
    _count("off")


def _count(state: str) -> None:
    # callgrind_control talks to the running process: wait in small sleeps so it gets its turn
    proc = subprocess.Popen(["callgrind_control", "-i", state, str(os.getpid())], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None:
        if time.monotonic() > deadline:
            raise SystemExit("callgrind_control did not answer")
        time.sleep(0.005)


def instructions(tree: Path, user: str, url: str, n: int) -> float:
    """Millions of instructions per request."""
    cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
           sys.executable, "-W", "ignore", str(HERE / "bench" / "page_instructions.py"), "--child", user, url, str(n)]
    out = subprocess.run(cmd, cwd=tree, env={**os.environ, **ENV}, capture_output=True, text=True, timeout=1800)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode or not found:
        raise SystemExit(f"{user} {url} in {tree}: exit {out.returncode}\n{out.stderr[-2000:]}")
    return int(found.group(1)) / n / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="HEAD~1", help="the commit to compare with")
    ap.add_argument("--requests", type=int, default=5, help="counted requests per page and tree")
    ap.add_argument("--child", nargs=3, metavar=("USER", "URL", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL: the database bench/desk_pages.py loaded")
    base = subprocess.run(["git", "rev-parse", "--short", args.base], cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="minpan-base-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), base], cwd=HERE, check=True)
        try:
            print(f"millions of instructions per request (app process), {args.requests} requests each; base {base}, this tree {head}"
                  f"{' + uncommitted changes' if _dirty() else ''}")
            print(f"{'user':<13}{'page':<22}{'base':>9}{'now':>9}{'ratio':>8}", flush=True)
            for user, url in PAGES:
                before = instructions(tree, user, url, args.requests)
                after = instructions(HERE, user, url, args.requests)
                print(f"{user:<13}{url:<22}{before:>9.1f}{after:>9.1f}{before / after:>7.2f}×", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=HERE, check=False)


def _dirty() -> bool:
    """Uncommitted changes to the code the pages run (not to docs or benchmarks)."""
    return bool(subprocess.run(["git", "status", "--porcelain", "--", "minpan"], cwd=HERE,
                               capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
