"""The tab counts' statement, built by the ORM once per shape and run with each request's clock.

Every queue page counts all its tabs in one aggregate (desk.queues.counts). Building that statement
through the ORM (eighteen filtered counts, and for a unit's staff the EXISTS over their units) cost
4–8 ms of CPU per page, as much as the database took to run it (issue 17). The statement's text
depends only on which tabs are counted and whose cases they are (every case, or the cases of
these units); what changes from one request to the next is the clock. So the ORM builds it once,
with a clock whose moments can be found again among the parameters (sending an empty question in
its place), and each request puts its own moments in their places. tests/desk/test_tab_counts_statement.py holds the counts equal to
the ORM's own for users, tabs and clocks that differ.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router

from minpan.cases.models import Case
from minpan.statements import hashable
from minpan.workdays.arith import end_of_day

# Moments no request has: found among the parameters, they mark where the clock goes.
_NOW = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
_SOON = dt.datetime(1901, 2, 3, 4, 5, 7, tzinfo=dt.UTC)
_TODAY = dt.date(1901, 2, 5)
MOST = 512  # shapes kept per process: tab sets × unit sets; beyond it the cache starts again


@dataclass(frozen=True)
class MarkedClock:
    """What a queue's condition reads of desk.clock.Clock, with the marked moments."""

    now: dt.datetime = _NOW
    soon: dt.datetime = _SOON
    today: dt.date = _TODAY


@dataclass(frozen=True)
class Statement:
    sql: str
    params: tuple
    slots: tuple[tuple[int, str], ...]  # (position, "now" | "soon" | "end_of_today")


_cache: dict[tuple, Statement] = {}
_lock = threading.Lock()


def _moments(ops, clock) -> dict[str, object]:
    # as the ORM passes them to the driver (SQLite: UTC text; PostgreSQL: the datetime itself)
    return {"now": ops.adapt_datetimefield_value(clock.now), "soon": ops.adapt_datetimefield_value(clock.soon),
            "end_of_today": ops.adapt_datetimefield_value(end_of_day(clock.today))}


NOTHING = "SELECT 1 WHERE 1 = 0"  # answers the ORM with no row: its aggregate then gives its defaults


def _capture(alias: str, names: tuple[str, ...], run: Callable[[object], object]) -> Statement | None:
    """The counting statement `run` makes with the marked clock, or None if it makes none. That
    statement is kept and NOTHING is sent in its place; any other read `run` makes goes through."""
    connection = connections[alias]
    aliases = [f"AS {connection.ops.quote_name(n)}" for n in names]
    sent: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        if sent or not all(a in sql for a in aliases):
            return execute(sql, params, many, context)
        sent.append((sql, tuple(params or ())))
        return execute(NOTHING, (), many, context)

    with connection.execute_wrapper(record):
        run(MarkedClock())
    if not sent:
        return None
    sql, params = sent[0]
    marks = {value: name for name, value in _moments(connection.ops, MarkedClock()).items()}
    slots = tuple((i, marks[p]) for i, p in enumerate(params) if hashable(p) and p in marks)
    return Statement(sql=sql, params=params, slots=slots)


def counts(names: tuple[str, ...], scope: tuple, clock, build: Callable[[object], dict[str, int]]) -> dict[str, int]:
    """`build(clock)` counts through the ORM, one count per name; `names` and `scope` are everything
    its statement depends on besides the clock. The first call for them has `build` make the
    statement with the marked clock (not sent: the database is asked for nothing instead); every
    call runs that statement with `clock`'s moments."""
    alias = router.db_for_read(Case)
    key = (alias, names, scope)
    statement = _cache.get(key)
    if statement is None:
        statement = _capture(alias, names, build)
        if statement is None:
            return build(clock)
        with _lock:
            if len(_cache) >= MOST:
                _cache.clear()
            _cache[key] = statement
    connection = connections[alias]
    params = list(statement.params)
    moments = _moments(connection.ops, clock)
    for i, name in statement.slots:
        params[i] = moments[name]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        columns = [c[0] for c in cursor.description]
        row = cursor.fetchone()
    return {name: int(value or 0) for name, value in zip(columns, row, strict=True)}
