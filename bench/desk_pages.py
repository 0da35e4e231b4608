"""Benchmark of the staff workspace on PostgreSQL: queue pages and the case page.

    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:55433/bench \
        .venv/bin/python bench/desk_pages.py --cases 1000000 --requests 30

Migrates, bulk-loads `--cases` cases with COPY (skipped when the database already
holds that many), walks a few cases through the real transitions for the case page,
then times every queue page and the case page with Django's test Client and prints
median and p95 per page. Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")
os.environ.setdefault("MINPAN_DEBUG", "0")  # as in production: no query log kept in memory
os.environ.setdefault("MINPAN_SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("MINPAN_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from minpan.cases.models import Assignment, Case  # noqa: E402
from minpan.cases.transitions import apply  # noqa: E402
from minpan.desk.clock import Clock  # noqa: E402
from minpan.desk.queues import QUEUES, QueueFilter, queue_page  # noqa: E402
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
                             ("b_handler", units[0], Role.UNIT_HANDLER), ("b_principal", units[0], Role.UNIT_PRINCIPAL)]:
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


def load(n: int, units: list[Unit]) -> None:
    rng = random.Random(20260301)
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
    raw = connection.connection  # the psycopg connection
    with raw.cursor() as cur:
        with cur.copy(f"COPY cases_case ({', '.join(case_cols)}) FROM STDIN") as copy_cases:
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
                    subject=f"{rng.choice(SUBJECTS)}（{pk}）", body="留言内容：" + rng.choice(SUBJECTS) * 8,
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
        with cur.copy(f"COPY cases_assignment ({', '.join(asg_cols)}) FROM STDIN") as copy_asg:
            for j, (case_id, unit_id, role, at) in enumerate(assignments):
                row = dict(asg_base)
                row.update(id=next_assignment + j, case_id=case_id, unit_id=unit_id, role=role, active=True, dispatched_at=at)
                copy_asg.write_row([row[c] for c in asg_cols])
        for table in ("cases_case", "cases_assignment"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    raw.commit()
    print(f"  loaded {n:,} cases and {len(assignments):,} assignments in {time.perf_counter() - started:.1f} s", flush=True)
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE cases_case") if connection.get_autocommit() else cur.execute("ANALYZE cases_case")
        cur.execute("ANALYZE cases_assignment")
    print(f"  vacuum/analyze {time.perf_counter() - t:.1f} s", flush=True)


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


def timed(client: Client, url: str, n: int) -> tuple[float, float, int]:
    for _ in range(3):
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--load-only", action="store_true", help="load the cases and stop")
    args = ap.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    call_command("migrate", verbosity=0)
    units, people = city()
    have = Case.objects.count()
    if have < args.cases:
        print(f"loading {args.cases - have:,} cases (database holds {have:,})", flush=True)
        load(args.cases - have, units)
    walked = walked_cases(units, people)
    if args.load_only:
        return
    total = Case.objects.count()
    print(f"\n{total:,} cases; {args.requests} timed requests per page after 3 warm-up requests\n")
    print(f"{'page':<28}{'user':<13}{'rows':>9}{'median ms':>11}{'p95 ms':>9}")
    worst = 0.0
    for username in ("b_operator", "b_handler", "b_reviewer"):
        client = Client()
        client.force_login(people[username])
        for q in QUEUES:
            total = queue_page(people[username], q, Clock(), QueueFilter(None), 1).total
            rows = "—" if total is None else f"{total:,}"
            med, p95, _ = timed(client, f"/desk/q/{q.slug}/", args.requests)
            worst = max(worst, p95)
            print(f"{'queue ' + q.label:<28}{username:<13}{rows:>9}{med:>11.1f}{p95:>9.1f}", flush=True)
        for pk in walked[:2]:
            med, p95, _ = timed(client, f"/desk/case/{pk}/", args.requests)
            worst = max(worst, p95)
            print(f"{'case page #' + str(pk):<28}{username:<13}{'':>9}{med:>11.1f}{p95:>9.1f}", flush=True)
    print(f"\nworst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
