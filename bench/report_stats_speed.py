"""How long the statistics indicators take over a city's two years of cases.

    psql … -c "CREATE DATABASE bench_reports OWNER minpan"
    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:PORT/bench_reports \
        .venv/bin/python -W ignore bench/report_stats_speed.py --cases 1000000   # then --keep

Loads N cases spread over 2025–2026 and 100 units (two levels), with the events the
indicators count (受理, 报送, 评价, 退办, 延期, 退回重办, 回访), by INSERT … SELECT from one
template row each (--keep: reuse what is loaded; the migrations run either way), ANALYZEs, then
times for one month, each the median of --runs (after a first run, shown apart) with the load average beside it:
  baseline    SELECT count(*) FROM cases_case, before and after: read the others as multiples
              of it, since the machine's load moves every figure
  totals      minpan.reports.indicators.figures(period)          (the public page's total)
  by_unit     figures(period, by="unit")
  stats       minpan.reports.summary.stats(period)               (`minpan report stats`: the monthly report's data)
  dashboard   GET /desk/stats/ for the month by a city leader, rendered (test client)
  monthly     `minpan report monthly 2026-10 --out F.docx`: the 月报 gathered, drafted, charted and written
Refuses to run on a database whose name does not contain "bench": it empties the case tables.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from minpan.cases.models import Case, Event  # noqa: E402
from minpan.reports.indicators import figures  # noqa: E402
from minpan.reports.periods import Period  # noqa: E402
from minpan.reports.summary import stats  # noqa: E402
from minpan.units.models import Level, Membership, Unit  # noqa: E402
from minpan.units.roles import Role  # noqa: E402

UTC = dt.UTC
# column -> SQL over the template row `t`, the series number `g` (and for events the case `c`)
CASE_COLUMNS = {
    "tracking_code": "'B' || g",
    "reg_no": "NULL",
    "received_at": "timestamptz '2025-01-01 01:00+00' + (g % 730) * interval '1 day' + (g % 480) * interval '1 minute'",
    "channel": "(array['people_daily','people_daily_chairman'])[1 + g % 2]",
    "msg_type": "(array['consult','suggestion','complaint','supervision','other'])[1 + g % 5]",
    "domain": "(array['urban','environment','transport','education','labour','commerce','health','other'])[1 + g % 8]",
    "lead_unit_id": "(%(units)s)[1 + g % 100]",
    "state": "CASE WHEN g % 100 < 3 THEN 'in_progress' WHEN g % 100 = 3 THEN 'not_accepted' ELSE 'published' END",
}


def _insert(table: str, columns: list[str], overrides: dict[str, str], source: str, params=None) -> None:
    select = ", ".join(overrides.get(c, f"t.{connection.ops.quote_name(c)}") for c in columns)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {select} FROM {source}", params)  # nosec B608 (our own names)


def load(n: int) -> None:
    with connection.cursor() as cur:
        cur.execute("TRUNCATE cases_event, cases_assignment, cases_extensionrequest, cases_reply, cases_publiccopy, cases_citizen, cases_case CASCADE")
    Unit.objects.filter(code__startswith="bench-").delete()
    tops = [Unit.objects.create(name=f"市局{i:02d}", code=f"bench-{i}", level=Level.CITY) for i in range(50)]
    subs = [Unit.objects.create(name=f"{t.name}分局", code=f"bench-{t.pk}-sub", level=Level.TOWNSHIP, parent=t) for t in tops]
    units = "ARRAY[" + ",".join(str(u.pk) for u in tops + subs) + "]"
    t = Case.objects.create(channel="people_daily", tracking_code="TEMPLATE", query_password="x", subject="路灯不亮",
                            body="幸福小区路灯坏了。", received_at=dt.datetime(2025, 1, 1, tzinfo=UTC), policy_name="tongliao")
    columns = [f.column for f in Case._meta.concrete_fields if f.column != "id"]
    overrides = {k: v.replace("%(units)s", units) for k, v in CASE_COLUMNS.items()}
    start = time.perf_counter()
    _insert("cases_case", columns, overrides, f"cases_case t, generate_series(1, {n}) g WHERE t.id = {t.pk}")
    t.delete()
    with connection.cursor() as cur:
        # a same-day answer comes hours after the clock started: one before it would be a reopened
        # case's earlier round, overdue again (indicators._overdue_open)
        cur.execute("""UPDATE cases_case SET
            clock_started_at = CASE WHEN state <> 'not_accepted' THEN received_at + interval '1 hour' END,
            deadline_at = CASE WHEN state <> 'not_accepted' THEN date_trunc('day', received_at) + interval '8 days' END,
            answered_at = CASE WHEN state = 'published' THEN received_at + (id % 10) * interval '1 day'
                + CASE WHEN id % 10 = 0 THEN interval '3 hours' ELSE interval '0' END END,
            publish_mode = CASE WHEN state = 'published' THEN 'public' ELSE '' END""")
        cur.execute("UPDATE cases_case SET due_at = deadline_at WHERE state = 'in_progress'")
    print(f"cases     {n:>9,} rows in {time.perf_counter() - start:6.1f} s")
    _events()
    with connection.cursor() as cur:
        cur.execute("ANALYZE cases_case; ANALYZE cases_event")


def _events() -> None:
    start = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM cases_case LIMIT 1")
        first = cur.fetchone()[0]
    tpl = Event.objects.create(case_id=first, seq=0, role="system", at=dt.datetime(2025, 1, 1, tzinfo=UTC), action="note",
                               state_after="received", prev_hash="", hash="")
    columns = [f.column for f in Event._meta.concrete_fields if f.column != "id"]
    kinds = [
        (1, "accept", "c.received_at", "c.state <> 'not_accepted'", "'{}'"),
        (2, "submit", "c.answered_at - interval '2 hours'", "c.state = 'published'", "'{}'"),
        (3, "rate", "c.answered_at + interval '1 day'", "c.state = 'published' AND c.id % 2 = 0",
         """jsonb_build_object('rating', (array['satisfied','basically','unsatisfied'])[1 + c.id % 3])"""),
        (4, "return", "c.received_at + interval '2 hours'", "c.id % 50 = 7", "'{}'"),
        (5, "approve_extension", "c.received_at + interval '3 days'", "c.id % 33 = 5", "'{}'"),
        (6, "send_back", "c.answered_at - interval '1 hour'", "c.state = 'published' AND c.id % 20 = 3", "'{}'"),
        (7, "callback", "c.answered_at + interval '2 days'", "c.state = 'published' AND c.id % 10 = 1", "'{}'"),
    ]
    for seq, action, at, where, data in kinds:
        overrides = {"case_id": "c.id", "seq": str(seq), "action": f"'{action}'", "at": at, "data": data,
                     "unit_id": "c.lead_unit_id", "state_after": "c.state"}
        _insert("cases_event", columns, overrides, f"cases_event t, cases_case c WHERE t.id = {tpl.pk} AND {where}")
    with connection.cursor() as cur:
        # the template stays (events are append-only, a trigger refuses deletes): a note, counted by nothing
        cur.execute("SELECT count(*) FROM cases_event")
        count = cur.fetchone()[0]
    print(f"events    {count:>9,} rows in {time.perf_counter() - start:6.1f} s")


def load_average() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def timed(label: str, fn, runs: int = 3) -> float:
    """The median of `runs` runs after one first run, which is shown apart: a new process's first
    request compiles the templates and fills PostgreSQL's buffers, which a serving process does once."""
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    middle = statistics.median(times)
    print(f"{label:<10} median {middle:6.2f} s   (of {runs}: {', '.join(f'{t:.2f}' for t in times)}; first run {first:.2f})"
          f"   {load_average()}", flush=True)
    return middle


def baseline() -> None:
    """A bare count over the cases: what the machine does in the same minute, to read the others against."""
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_case")
        cur.fetchone()


def leader_client() -> Client:
    """A test client logged in as a city leader (the 统计看板 is the center's and leaders' page)."""
    center, _ = Unit.objects.get_or_create(code="bench_center", defaults={"name": "市民盼中心（测）", "level": Level.CENTER})
    user, _ = get_user_model().objects.get_or_create(username="bench_leader")
    Membership.objects.get_or_create(user=user, unit=center, role=Role.CITY_LEADER)
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(user)
    return client


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--keep", action="store_true", help="reuse the loaded cases")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql" or "bench" not in db["NAME"]:
        sys.exit("benchmark needs a PostgreSQL database whose name contains 'bench' (it empties the case tables)")
    call_command("migrate", verbosity=0)
    if not args.keep:
        load(args.cases)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
        cur.execute("SELECT version()")
        print(cur.fetchone()[0].split(",")[0], f"on {os.cpu_count()} cores")
    month = Period.month(2026, 10)
    print(f"period    {month}; cases in the database: {Case.objects.count():,}")
    client = leader_client()
    query = {"from": month.first.isoformat(), "to": month.last.isoformat()}

    def dashboard():
        response = client.get("/desk/stats/", query)
        assert response.status_code == 200, response.status_code

    def monthly():
        with tempfile.TemporaryDirectory() as tmp:
            call_command("report", "monthly", "2026-10", "--out", os.path.join(tmp, "月报.docx"), stderr=open(os.devnull, "w"))

    base = timed("baseline", baseline, args.runs)
    results = {
        "totals": timed("totals", lambda: figures(month), args.runs),
        "by_unit": timed("by_unit", lambda: figures(month, by="unit"), args.runs),
        "stats": timed("stats", lambda: stats(month), args.runs),  # the monthly report's data (`report stats`)
        "dashboard": timed("dashboard", dashboard, args.runs),  # GET /desk/stats/ for the month, rendered
        "monthly": timed("monthly", monthly, args.runs),  # the whole `minpan report monthly` DOCX
    }
    base = min(base, timed("baseline", baseline, args.runs))
    print("as multiples of the baseline (SELECT count(*) FROM cases_case, the lower median of its two runs): "
          + ", ".join(f"{k} {v / base:.1f}×" for k, v in results.items()))


if __name__ == "__main__":
    main()
