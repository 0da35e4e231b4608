"""Benchmark of the staff workspace on PostgreSQL: queue pages, search and the case page.

    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:55433/bench \
        .venv/bin/python bench/desk_pages.py --cases 1000000 --requests 30
    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:55433/bench_search \
        .venv/bin/python bench/desk_pages.py --cases 1000000 --texts real --compare
    DATABASE_URL=sqlite:////tmp/desk100k.sqlite3 .venv/bin/python bench/desk_pages.py --cases 100000

Migrates, bulk-loads `--cases` cases (COPY on PostgreSQL, batched INSERTs on SQLite; skipped
when the database already holds that many), walks a few cases through the real transitions for
the case page, runs ANALYZE (as production has statistics), then times every queue page, the search box (`?q=`) and the case page with Django's test
Client and prints median and p95 per page. Not a test: the numbers depend on the machine.

--texts real   subjects and bodies recombined from real messages (../shared/data/teddy2020c,
               via bench/similar_1m.py), so that a search term matches as often as in life;
               the default repeats twelve subjects, which no search measurement should use.
--compare      first a baseline pass with the code and database as they were before the search
               and count changes (no trigram indexes; each page counts its own queue again),
               then the current code, in the same run on the same data.
--widgets      only the case pages, each request twice in turn: with Django's widget templates
               (the baseline) and with minpan.form_renderer (the product's FORM_RENDERER).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")
os.environ.setdefault("MINPAN_DEBUG", "0")  # as in production: no query log kept in memory
os.environ.setdefault("MINPAN_SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("MINPAN_DATA_KEY", "bench-only-data-key-" + "d" * 40)
os.environ.setdefault("MINPAN_QUERY_KEY", "bench-only-query-key-" + "q" * 40)
os.environ.setdefault("MINPAN_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("MINPAN_SSL_REDIRECT", "0")  # the test Client speaks plain HTTP

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from minpan.cases.models import Assignment, Case  # noqa: E402
from minpan.cases.transitions import apply  # noqa: E402
from minpan.desk.clock import Clock  # noqa: E402
from minpan.desk.queues import BY_SLUG, QUEUES, QueueFilter, queue_page  # noqa: E402
from minpan.units.models import Level, Membership, Unit  # noqa: E402
from minpan.units.roles import Role  # noqa: E402

PASSWORD = "bench-password-1234"
# Share of all cases in each state: most of a city's history is archived; about a tenth is in flight.
MIX = [
    ("archived", 0.880), ("published", 0.020), ("not_accepted", 0.010), ("received", 0.005), ("accepted", 0.002),
    ("registered", 0.004), ("returned", 0.002), ("dispatched", 0.015), ("in_progress", 0.030), ("drafted", 0.008),
    ("signed", 0.003), ("submitted", 0.010), ("sent_back", 0.002), ("approved", 0.009),
]
HOLDING = {"dispatched", "in_progress", "drafted", "signed", "submitted", "sent_back"}
UNASSIGNED = {"received", "accepted", "registered", "returned", "not_accepted"}
SUBJECTS = ["小区路灯不亮", "供暖温度不达标", "道路积水严重", "学校周边交通拥堵", "噪音扰民", "养老金发放咨询", "医保报销问题",
            "农贸市场卫生差", "公交线路调整建议", "物业收费不合理", "垃圾清运不及时", "施工夜间扰民"]
DOMAINS = ["urban", "environment", "transport", "education", "labour", "commerce", "health", "other"]
TYPES = ["consult", "suggestion", "complaint", "supervision", "other"]


def city() -> tuple[list[Unit], dict]:
    center, _ = Unit.objects.get_or_create(code="bench-center", defaults={"name": "基准测试中心", "level": Level.CENTER})
    units = []
    for i in range(40):
        unit, _ = Unit.objects.get_or_create(code=f"bench-u{i:02d}", defaults={"name": f"测试承办单位{i:02d}", "level": Level.CITY})
        units.append(unit)
    people = {}
    for name, unit, role in [("b_operator", center, Role.CENTER_OPERATOR), ("b_reviewer", center, Role.CENTER_REVIEWER),
                             ("b_handler", units[0], Role.UNIT_HANDLER), ("b_principal", units[0], Role.UNIT_PRINCIPAL),
                             ("b_leader", center, Role.CITY_LEADER), ("b_admin", center, Role.ADMIN)]:
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            user = get_user_model().objects.create_user(name, password=PASSWORD)
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
        people[name] = user
    return units, people


def _defaults(model) -> tuple[list[str], dict]:
    """Column names and the value each column takes unless the loader says otherwise."""
    cols, base = [], {}
    now = timezone.now()
    for f in model._meta.concrete_fields:
        cols.append(f.column)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            base[f.column] = now
        else:
            base[f.column] = f.get_default()  # "" for text columns without a default, None for nullable ones
    return cols, base


def load(n: int, units: list[Unit], texts: str = "synthetic") -> None:
    rng = random.Random(20260301)
    message = _texts(texts, rng)
    now = timezone.now()
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM cases_case")
        first = cur.fetchone()[0] + 1
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM cases_assignment")
        next_assignment = cur.fetchone()[0] + 1
    states = [s for s, _ in MIX]
    weights = [w for _, w in MIX]
    case_cols, case_base = _defaults(Case)
    asg_cols, asg_base = _defaults(Assignment)
    span = dt.timedelta(days=5 * 365)
    started = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection  # the psycopg or sqlite3 connection, inside one transaction (atomic, by the caller)
    with _Writer(raw, "cases_case", case_cols) as copy_cases:
        assignments = []
        for k in range(n):
            pk = first + k
            state = rng.choices(states, weights)[0]
            open_ = state not in ("archived", "published", "not_accepted")
            received = now - (rng.uniform(0, 20) * dt.timedelta(days=1) if open_ else rng.random() * span)
            lead = None if state in UNASSIGNED else rng.choice(units)
            row = dict(case_base)
            row.update(
                id=pk, channel=rng.choice(("people_daily", "people_daily_chairman")), tracking_code=f"K{pk:010d}",
                query_password="!", reg_no=None if state in ("received", "accepted", "not_accepted") else f"B{pk:012d}",
                **dict(zip(("subject", "body"), message(pk))),
                received_at=received, policy_name="tongliao", state=state, msg_type=rng.choice(TYPES),
                domain=rng.choice(DOMAINS), lead_unit_id=lead.pk if lead else None,
                created_at=received, updated_at=received,
            )
            if state in HOLDING:
                row["clock_started_at"] = received + dt.timedelta(hours=2)
                row["due_at"] = now + dt.timedelta(days=rng.uniform(-3, 8))
                row["extension_pending"] = state == "in_progress" and rng.random() < 0.05
            if state == "published":
                row["callback_due"] = rng.random() < 0.2
                row["answered_at"] = received + dt.timedelta(days=4)
            if state == "archived":
                row["archived_at"] = received + dt.timedelta(days=9)
            copy_cases.write_row([row[c] for c in case_cols])
            if lead is not None:
                assignments.append((pk, lead.pk, "lead", received))
                if rng.random() < 0.1:
                    assignments.append((pk, rng.choice(units).pk, "co", received))
            if (k + 1) % 100000 == 0:
                print(f"  {k + 1:>9,} cases  {time.perf_counter() - started:6.1f} s", flush=True)
    with _Writer(raw, "cases_assignment", asg_cols) as copy_asg:
        for j, (case_id, unit_id, role, at) in enumerate(assignments):
            row = dict(asg_base)
            row.update(id=next_assignment + j, case_id=case_id, unit_id=unit_id, role=role, active=True, dispatched_at=at)
            copy_asg.write_row([row[c] for c in asg_cols])
    if connection.vendor == "postgresql":
        with raw.cursor() as cur:
            for table in ("cases_case", "cases_assignment"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    print(f"  loaded {n:,} cases and {len(assignments):,} assignments in {time.perf_counter() - started:.1f} s", flush=True)


def analyze() -> float:
    """Planner statistics, as a long-lived database has them (autovacuum on PostgreSQL; on SQLite
    `ANALYZE`, or `PRAGMA optimize` at close). Without them SQLite picks plans it would not
    pick in production, both better and worse: issue 17's 395 ms case page appeared only after."""
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return time.perf_counter() - t


class _Writer:
    """COPY on PostgreSQL; on SQLite batched INSERTs in one transaction (it has no COPY)."""

    def __init__(self, raw, table: str, cols: list[str]):
        self.raw, self.table, self.cols, self.rows = raw, table, cols, []
        self.copy = connection.vendor == "postgresql"

    def __enter__(self):
        if self.copy:
            self.cur = self.raw.cursor()
            self.cm = self.cur.copy(f"COPY {self.table} ({', '.join(self.cols)}) FROM STDIN")
            self.inner = self.cm.__enter__()
        return self

    def write_row(self, values: list) -> None:
        if self.copy:
            # a JSON column's default ({} or []) goes as JSON text: COPY has no adapter for a dict
            self.inner.write_row([json.dumps(v) if isinstance(v, dict | list) else v for v in values])
            return
        self.rows.append([_sqlite_value(v) for v in values])
        if len(self.rows) >= 5000:
            self.flush()

    def flush(self) -> None:
        marks = ", ".join("?" * len(self.cols))
        self.raw.executemany(f"INSERT INTO {self.table} ({', '.join(self.cols)}) VALUES ({marks})", self.rows)
        self.rows = []

    def __exit__(self, *exc):
        if self.copy:
            self.cm.__exit__(*exc)
            self.cur.close()
        elif self.rows:
            self.flush()


def _sqlite_value(v):
    """What Django's SQLite backend would store: datetimes as naive UTC text, JSON as text."""
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(v, dict | list):
        return json.dumps(v)
    return v


def _texts(kind: str, rng: random.Random):
    """message(i) -> (subject, body). Real: the same text for the same i in every run. Synthetic:
    drawn from the loader's rng in the order the loader always drew it, so earlier loads repeat."""
    if kind == "real":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from similar_1m import Texts, corpus

        return Texts(*corpus()).message

    def synthetic(i: int) -> tuple[str, str]:
        subject = rng.choice(SUBJECTS)
        return f"{subject}（{i}）", "留言内容：" + rng.choice(SUBJECTS) * 8
    return synthetic


def walked_cases(units: list[Unit], people: dict) -> list[int]:
    """A few cases through the real transitions, for a case page with a real timeline."""
    from minpan.cases.services import case_collect

    existing = list(Case.objects.filter(external_id__startswith="bench-walk-").values_list("pk", flat=True))
    if existing:
        return existing
    op, rev, handler, principal = (people[k] for k in ("b_operator", "b_reviewer", "b_handler", "b_principal"))
    out = []
    for i in range(5):
        case, _ = case_collect(channel="people_daily", subject=f"基准：小区路灯不亮 {i}", body="路灯坏了一个月。" * 10,
                               citizen={"name": "王小明", "phone": "13800138000"}, external_id=f"bench-walk-{i}",
                               policy_name="tongliao")
        apply(case, "accept", actor=op)
        apply(case, "classify", actor=op, msg_type="complaint", domain="urban")
        apply(case, "dispatch", actor=op, lead=units[0], co=[units[1]])
        apply(case, "claim", actor=handler)
        apply(case, "draft", actor=handler, body="已修复。", handler_name="李工", handler_phone="0475-1234567")
        if i % 2:
            apply(case, "sign_off", actor=principal, sealed=True)
            apply(case, "submit", actor=handler)
        out.append(case.pk)
    return out


def timed(client: Client, url: str, n: int, warm: int = 3) -> tuple[float, float, int]:
    for _ in range(warm):
        client.get(url)  # warm the caches and the connection
    times = []
    for _ in range(n):
        t = time.perf_counter()
        resp = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, resp.status_code


# ---- search and the baseline ----------------------------------------------------------

def search_terms() -> list[tuple[str, str]]:
    """(label, q): lengths 1 to 16, common to absent, and a registration number. With
    --texts real: 路灯 1 %, 小区 35 %, 灯 2 %, 广场舞 0.2 %, 物业公司 1.2 % of messages; the
    sentence about 36 of 1,000,000; 量子通信基站 and 冰川 none."""
    reg_no = Case.objects.filter(state="in_progress").order_by("pk").values_list("reg_no", flat=True).first()
    return [
        ("1 char, common", "灯"), ("2 chars", "路灯"), ("2 chars, very common", "小区"),
        ("3 chars", "广场舞"), ("4 chars", "物业公司"), ("rare sentence", "附近群众实在是没办法凑钱不齐修路"),
        ("absent", "量子通信基站"), ("2 chars, absent", "冰川"), ("registration no.", reg_no or "B000000000001"),
    ]


TIME_DRIVEN = {"queue 即将到期", "queue 已逾期"}
SEARCH_PAGES = [("b_operator", "all"), ("b_operator", "working"), ("b_handler", "all")]


def search_indexes(build: bool) -> float:
    """Drop (build=False) or build the trigram indexes of cases migration 0006; seconds taken."""
    from importlib import import_module

    indexes = import_module("minpan.cases.migrations.0006_search_trigram").INDEXES
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '256MB'")  # a GIN build is several times faster with room
        for name, sql in indexes.items():
            cur.execute(sql if build else f"DROP INDEX IF EXISTS {name}")
        if build:
            cur.execute("ANALYZE cases_case")
    return time.perf_counter() - t


class Baseline:
    """The code as it was before (commit f6a11c2): each page counted its own queue again
    although the tab counts held that number. Patched into the view for the baseline pass."""

    def __init__(self):
        import minpan.desk.views.queues as view

        self.view, self.current = view, view.queue_page

    def __enter__(self):
        current = self.current

        def recount(user, queue, clock, filters, number, tab_count=None):
            return current(user, queue, clock, filters, number)
        self.view.queue_page = recount

    def __exit__(self, *exc):
        self.view.queue_page = self.current


def time_pages(people: dict, walked: list[int], requests: int, search_requests: int) -> dict:
    """{(page, user): (rows, median, p95)} for every queue, the search and the case page."""
    out = {}
    terms = search_terms()
    for username in ("b_operator", "b_handler", "b_reviewer"):
        client = Client()
        client.force_login(people[username])
        for q in QUEUES:
            total = queue_page(people[username], q, Clock(), QueueFilter(None), 1).total
            med, p95, _ = timed(client, f"/desk/q/{q.slug}/", requests)
            out[("queue " + q.label, username)] = ("—" if total is None else f"{total:,}", med, p95)
            print(f"  {'queue ' + q.label:<40}{username:<13}{med:>9.1f}{p95:>9.1f}", flush=True)
        for who, slug in SEARCH_PAGES:
            if who != username:
                continue
            for label, term in terms:
                filters = QueueFilter({"q": term})
                page = queue_page(people[username], BY_SLUG[slug], Clock(), filters, 1)
                rows = f"{page.total:,}" if page.total is not None else (f"{len(page.rows)}+" if page.has_next else str(len(page.rows)))
                med, p95, _ = timed(client, f"/desk/q/{slug}/?{urlencode({'q': term})}", search_requests, warm=1)
                name = f"search {BY_SLUG[slug].label} {label} ({len(term)})"
                out[(name, username)] = (rows, med, p95)
                print(f"  {name:<40}{username:<13}{med:>9.1f}{p95:>9.1f}", flush=True)
    out.update(time_case_pages(people, walked, requests))
    return out


def time_case_pages(people: dict, walked: list[int], requests: int) -> dict:
    """The case page for every role, on a drafted case (walked[0]) and a submitted one (walked[1])."""
    out = {}
    for username in ("b_operator", "b_reviewer", "b_handler", "b_principal", "b_leader", "b_admin"):
        client = Client()
        client.force_login(people[username])
        for pk in walked[:2]:
            med, p95, _ = timed(client, f"/desk/case/{pk}/", requests)
            out[("case page #" + str(pk), username)] = ("", med, p95)
            print(f"  {'case page #' + str(pk):<40}{username:<13}{med:>9.1f}{p95:>9.1f}", flush=True)
    return out


def time_widgets(people: dict, walked: list[int], requests: int) -> None:
    """The case pages drawn with Django's widget templates (the baseline) and with
    minpan.form_renderer, request by request in turn, so that both meet the same machine. One
    renderer throughout (the product's, whose template engine and its cache stay warm); for the
    baseline its render is Django's own."""
    from django.forms.renderers import DjangoTemplates

    from minpan.form_renderer import FastWidgets

    renders = {"templates": DjangoTemplates.render, "python": FastWidgets.render}
    print(f"{'case page':<22}{'user':<13}{'templates ms':>13}{'python ms':>11}{'ratio':>7}")
    try:
        for username in ("b_operator", "b_reviewer", "b_handler", "b_principal", "b_leader", "b_admin"):
            client = Client()
            client.force_login(people[username])
            for pk in walked[:2]:
                url, times = f"/desk/case/{pk}/", {kind: [] for kind in renders}
                for i in range(requests + 3):
                    for kind, render in renders.items():
                        FastWidgets.render = render  # type: ignore[method-assign]
                        t = time.perf_counter()
                        assert client.get(url).status_code == 200
                        if i >= 3:  # warm-up
                            times[kind].append((time.perf_counter() - t) * 1000)
                slow, fast = (statistics.median(times[kind]) for kind in renders)
                print(f"{'#' + str(pk):<22}{username:<13}{slow:>13.1f}{fast:>11.1f}{slow / fast:>6.2f}×", flush=True)
    finally:
        FastWidgets.render = renders["python"]  # type: ignore[method-assign]


def time_recount(people: dict, n: int) -> None:
    """What an unfiltered page no longer runs: its own count of the queue (median of n, ms), next
    to the one aggregate that counts every tab. The tab count is what the page now shows."""
    from minpan.cases.access import visible_cases
    from minpan.desk.queues import counts, queues_for
    from minpan.desk.views.common import staff_roles

    def median_ms(fn) -> float:
        fn()
        times = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)

    print(f"{'user':<13}{'queue':<14}{'rows':>9}{'own count ms':>14}")
    for username in ("b_operator", "b_handler"):
        user, clock = people[username], Clock()
        tabs = queues_for(staff_roles(user))
        took = median_ms(lambda user=user, tabs=tabs, clock=clock: counts(user, tabs, clock))
        print(f"{username:<13}{'(all tabs)':<14}{'':>9}{took:>14.1f}")
        for q in tabs:
            if not q.counted:
                continue
            qs = visible_cases(user).filter(q.where(clock))
            print(f"{username:<13}{q.label:<14}{qs.count():>9,}{median_ms(qs.count):>14.1f}", flush=True)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--search-requests", type=int, default=10, help="timed requests per search page")
    ap.add_argument("--texts", choices=("synthetic", "real"), default="synthetic", help="what the loaded messages say")
    ap.add_argument("--compare", action="store_true", help="time the code before the search and count changes first")
    ap.add_argument("--recount", action="store_true", help="time the count query a page no longer runs, and stop")
    ap.add_argument("--load-only", action="store_true", help="load the cases and stop")
    ap.add_argument("--widgets", action="store_true",
                    help="time the case pages with Django's widget templates and with minpan's renderer, in turn, and stop")
    args = ap.parse_args()
    pg = connection.vendor == "postgresql"
    if not pg and (args.compare or args.recount):
        sys.exit("--compare and --recount measure PostgreSQL's trigram indexes: DATABASE_URL must name a PostgreSQL database")
    call_command("migrate", verbosity=0)
    units, people = city()
    have = Case.objects.count()
    if have < args.cases:
        print(f"loading {args.cases - have:,} cases (database holds {have:,})", flush=True)
        if pg:
            search_indexes(build=False)  # a bulk load fills a GIN index far faster by building it afterwards
        with transaction.atomic():
            load(args.cases - have, units, args.texts)
        if pg:
            print(f"  trigram indexes built in {search_indexes(build=True):.1f} s", flush=True)
    walked = walked_cases(units, people)
    print(f"  ANALYZE {analyze():.1f} s", flush=True)
    if args.load_only:
        return
    if args.widgets:
        print(f"load average {load_average()}")
        time_widgets(people, walked, args.requests)
        print(f"load average {load_average()}")
        return
    if args.recount:
        print(f"load average {load_average()}")
        time_recount(people, args.requests)
        print(f"load average {load_average()}")
        return
    total = Case.objects.count()
    print(f"\n{total:,} cases; {args.requests} timed requests per page after 3 warm-up requests, "
          f"{args.search_requests} per search page after 1\n")
    before = None
    if args.compare:
        print(f"baseline (no trigram index, each page recounts its queue); load average {load_average()}", flush=True)
        # The indexes are dropped inside a transaction that is rolled back after the pass (the
        # test Client keeps the one connection): no rebuild, and the same planner statistics.
        with transaction.atomic(), Baseline():
            search_indexes(build=False)
            before = time_pages(people, walked, args.requests, args.search_requests)
            transaction.set_rollback(True)
    print(f"current code; load average {load_average()}", flush=True)
    after = time_pages(people, walked, args.requests, args.search_requests)
    print(f"load average at the end {load_average()}\n")
    head = f"{'page':<44}{'user':<13}{'rows':>9}"
    head += f"{'before p50':>12}{'p95':>8}{'after p50':>11}{'p95':>8}" if before else f"{'median ms':>11}{'p95 ms':>9}"
    print(head)
    worst = 0.0
    for key, (rows, med, p95) in after.items():
        worst = max(worst, p95)
        line = f"{key[0]:<44}{key[1]:<13}{rows:>9}"
        if before:
            b = before[key]
            line += f"{b[1]:>12.1f}{b[2]:>8.1f}{med:>11.1f}{p95:>8.1f}"
            if b[0] != rows:  # the same results before and after, or the comparison means nothing
                moved = key[0] in TIME_DRIVEN  # the passes minutes apart: random due times passed meanwhile
                line += f"  {'(time moved) ' if moved else 'ROWS DIFFER: '}before {b[0]}"
        else:
            line += f"{med:>11.1f}{p95:>9.1f}"
        print(line)
    print(f"\nworst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
