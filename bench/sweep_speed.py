"""How long one sweep takes over a city's open cases, with a share of them due.

    su postgres -c "createdb -h 127.0.0.1 -p PORT -O minpan bench_sweep"
    DATABASE_URL=postgres://minpan:minpan@127.0.0.1:PORT/bench_sweep \
        .venv/bin/python bench/sweep_speed.py --cases 1000000 --due 0.01

Loads N open cases (Tongliao policy, in progress, spread over 100 units) with COPY,
makes `--due` of them due for their reminder now, and times, in the same run:
  baseline  a sweep when nothing is due (the indexed look-ups alone)
  sweep     the sweep that sends every due reminder (event + inbox + e-mail/SMS rows)
  again     the same sweep run a second time (nothing left: idempotence)
Refuses to run on a database whose name does not contain "bench": it empties the case tables.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from minpan.cases.models import Case  # noqa: E402
from minpan.notify.sweep import sweep  # noqa: E402
from minpan.units.models import Level, Membership, Unit  # noqa: E402
from minpan.units.roles import Role  # noqa: E402

UTC = dt.UTC


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--due", type=float, default=0.01, help="share of cases due now")
    ap.add_argument("--keep", action="store_true", help="reuse the loaded cases (only reset what the sweep did)")
    ap.add_argument("--workers", type=int, default=1, help="also time N worker processes sweeping at once")
    ap.add_argument("--sweep-at", help=argparse.SUPPRESS)  # internal: one worker process of --workers
    args = ap.parse_args()
    if args.sweep_at:
        sweep(dt.datetime.fromisoformat(args.sweep_at))
        return
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql" or "bench" not in db["NAME"]:
        sys.exit("benchmark needs a PostgreSQL database whose name contains 'bench' (it empties the case tables)")
    call_command("migrate", verbosity=0)
    now = dt.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)  # Tue 09:00 in Shanghai, an ordinary working day
    due_every = round(1 / args.due)
    if not args.keep:
        started = time.perf_counter()
        units = _units()
        _load(args.cases, units, now, due_every)
        print(f"loaded {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
    else:
        _reset(now, due_every)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    due = Case.objects.filter(remind_at__lte=now).count()

    t0 = _timed(lambda: sweep(now - dt.timedelta(hours=2)))
    t1, done = _timed_result(lambda: sweep(now))
    t2 = _timed(lambda: sweep(now))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu()}, PostgreSQL {connection.pg_version // 10000}")
    print(f"cases: {args.cases:,} open, {due:,} due ({args.due:.1%})")
    print(f"baseline (nothing due): {t0 * 1000:.0f} ms")
    print(f"sweep ({done.get('remind', 0):,} reminders): {t1:.2f} s  = {t1 / max(due, 1) * 1000:.2f} ms per reminder")
    print(f"again (nothing left): {t2 * 1000:.0f} ms")
    print(f"ratio sweep / baseline: {t1 / t0:.0f}x")
    if args.workers > 1:
        _reset(now, due_every)
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, __file__, "--sweep-at", now.isoformat()]) for _ in range(args.workers)]
        if any(p.wait() for p in procs):
            sys.exit("a worker process failed")
        tw = time.perf_counter() - started
        sent = Case.objects.filter(reminded_for__isnull=False).count()
        print(f"{args.workers} worker processes at once: {tw:.2f} s for {sent:,} reminders (each sent once: {sent == due})")


def _timed(fn) -> float:
    return _timed_result(fn)[0]


def _timed_result(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _units() -> list[Unit]:
    Unit.objects.all().delete() if not Case.objects.exists() else None
    center, _ = Unit.objects.get_or_create(code="bench-center", defaults={"name": "中心", "level": Level.CENTER})
    User = get_user_model()
    units = []
    for i in range(100):
        unit, _ = Unit.objects.get_or_create(code=f"bench-{i}", defaults={"name": f"测试单位{i}", "level": Level.CITY})
        user, _ = User.objects.get_or_create(username=f"bench-fzr-{i}", defaults={"email": f"fzr{i}@example.cn"})
        Membership.objects.get_or_create(user=user, unit=unit, role=Role.UNIT_PRINCIPAL, defaults={"phone": f"1390000{i:04d}"})
        units.append(unit)
    return units


def _load(n: int, units, now, due_every: int) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE notify_delivery, notify_notification, notify_letter, cases_event, cases_assignment, "
            "cases_extensionrequest, cases_reply, cases_citizen, cases_case RESTART IDENTITY CASCADE"
        )
    fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    received = now - dt.timedelta(days=3)
    far_due = now + dt.timedelta(days=5)
    chunk = 100_000
    for base in range(0, n, chunk):
        buf = io.StringIO()
        for i in range(base, min(base + chunk, n)):
            due_now = i % due_every == 0
            row = _row(fields, i, units[i % len(units)].pk, received, now, far_due, due_now)
            buf.write("\t".join(row) + "\n")
        buf.seek(0)
        with connection.cursor() as cur, cur.copy(f"COPY cases_case ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(buf.read())


def _row(fields, i, unit_id, received, now, far_due, due_now) -> list[str]:
    values = {
        "channel": "people_daily", "external_id": "", "tracking_code": f"B{i:09d}", "query_password": "x",
        "reg_no": f"B-{i:07d}", "subject": f"测试留言 {i}", "body": "小区路灯不亮，请尽快修复。", "policy_name": "tongliao",
        "state": "in_progress", "msg_type": "complaint", "domain": "urban", "lead_unit_id": str(unit_id),
        "received_at": received.isoformat(), "clock_started_at": received.isoformat(),
        "due_at": (now + dt.timedelta(hours=15)).isoformat() if due_now else far_due.isoformat(),
        "remind_at": (now - dt.timedelta(hours=1)).isoformat() if due_now else (far_due - dt.timedelta(days=1)).isoformat(),
        "alarm_at": (received + dt.timedelta(days=60)).isoformat(),
        "created_at": received.isoformat(), "updated_at": received.isoformat(),
    }
    out = []
    for f in fields:
        if f.attname in values:
            out.append(values[f.attname])
        elif f.null:
            out.append("\\N")
        elif f.has_default():
            d = f.get_default()
            out.append("t" if d is True else "f" if d is False else str(d))
        else:
            out.append("")
    return out


def _reset(now, due_every) -> None:
    with connection.cursor() as cur:
        cur.execute("TRUNCATE notify_delivery, notify_notification, cases_event RESTART IDENTITY CASCADE")
        cur.execute(
            "UPDATE cases_case SET remind_at = %s, reminded_for = NULL, prompts = 0 WHERE id %% %s = 1",
            [now - dt.timedelta(hours=1), due_every],
        )


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
