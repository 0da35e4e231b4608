"""Querysets of a fixed shape, built by the ORM once per process and run with each call's values.

Building a statement through the ORM costs more CPU than PostgreSQL takes to run it for the
reads every staff page makes by key: the case with its writer's rows (91 columns, 2.2 ms of
CPU to build, 0.4 ms to run), its assignments, timeline and replies, the user's posts
(issue 17). Their text depends only on their shape; what changes is a key. So a `Prepared`
has the ORM build its queryset once per database with marker values, compiles it, and finds
the markers among the parameters; each call sends that text with its own values in their places
and turns the rows into objects through the ORM's own iterable (select_related, converters,
decryption and prefetch_related as the plain queryset would). tests/test_prepared_statements.py
holds every statement's objects equal to the plain queryset's, on SQLite and PostgreSQL.

Markers are integers, strings or aware datetimes no call passes; a shape argument (keyword)
that changes the text, like the related rows asked for, keeps one statement per value.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet

MOST = 256  # shapes kept per statement and process; beyond it the cache starts again


def _marker(kind: type, n: int) -> Any:
    if kind is int:
        return -7_301_000_000_000 - n
    if kind is str:
        return f"\x1fminpan-marker-{n}\x1f"
    if kind is dt.datetime:
        return dt.datetime(1901, 2, 3, 4, 5, n, tzinfo=dt.UTC)
    raise TypeError(f"no marker for {kind.__name__}")


@dataclass(frozen=True)
class _Learned:
    queryset: QuerySet
    compiler: Any  # the ORM's compiler after as_sql(): its select, klass_info and converters
    sql: str
    params: tuple
    slots: tuple[tuple[int, int], ...]  # (position among the parameters, which value)


class _Replay:
    """Stands in for the compiler of one call: the rows are already fetched."""

    def __init__(self, learned: _Learned, rows: list):
        self._compiler = learned.compiler
        self._rows = rows
        self.select = self._compiler.select
        self.klass_info = self._compiler.klass_info
        self.annotation_col_map = self._compiler.annotation_col_map

    def execute_sql(self, *args, **kwargs):
        rows = self._rows
        if self._compiler.has_extra_select:  # as the ORM's cursor_iter trims them
            rows = [r[: self._compiler.col_count] for r in rows]
        return [rows]

    def results_iter(self, results=None, tuple_expected=False, **kwargs):
        return self._compiler.results_iter(self.execute_sql() if results is None else results,
                                           tuple_expected=tuple_expected)


class Prepared:
    """`build(*values, **shape)` returns the queryset for one call; `rows(*values, **shape)` runs it."""

    def __init__(self, build: Callable[..., QuerySet], *kinds: type):
        self.build = build
        self.kinds = kinds or (int,)
        self._learned: dict[tuple, _Learned] = {}
        self._lock = threading.Lock()
        self._model: type[Model] | None = None

    def _learn(self, alias: str, shape: dict) -> _Learned:
        markers = [_marker(kind, n) for n, kind in enumerate(self.kinds)]
        queryset = self.build(*markers, **shape)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        ops = connections[alias].ops
        found = {_adapt(ops, m): n for n, m in enumerate(markers)}
        slots = tuple((i, found[p]) for i, p in enumerate(params) if hashable(p) and p in found)
        if sorted({n for _, n in slots}) != list(range(len(markers))):
            raise ValueError(f"{queryset.model.__name__}: a value does not reach the statement as a parameter")
        return _Learned(queryset=queryset, compiler=compiler, sql=sql, params=tuple(params), slots=slots)

    def rows(self, *values, known: tuple[str, Model] | None = None, **shape) -> list:
        """The objects, as list(build(*values, **shape)) would give them. `known`: (foreign key,
        object) for rows read as object.related_set is: that key then needs no query."""
        if self._model is None:
            self._model = self.build(*[_marker(kind, n) for n, kind in enumerate(self.kinds)], **shape).model
        alias = router.db_for_read(self._model)
        key = (alias, tuple(sorted(shape.items())))
        learned = self._learned.get(key)
        if learned is None:
            learned = self._learn(alias, shape)
            with self._lock:
                if len(self._learned) >= MOST:
                    self._learned.clear()
                self._learned[key] = learned
        # evaluated here and never chained on: the clone carries the replaying get_compiler
        return list(self._chained(learned, alias, values, known))

    def _chained(self, learned: _Learned, alias: str, values: tuple, known) -> QuerySet:
        connection = connections[alias]
        params = list(learned.params)
        for i, n in learned.slots:
            value = values[n]
            if not isinstance(value, self.kinds[n]):
                raise TypeError(f"value {n} must be {self.kinds[n].__name__}, not {type(value).__name__}")
            params[i] = _adapt(connection.ops, value)
        # a clone (the learned one is never evaluated); private attributes set as the ORM's own managers do
        queryset: Any = learned.queryset.using(alias)
        sql = learned.sql

        def compiler(using=None, connection=None, elide_empty=True):
            with connections[alias].cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            return _Replay(learned, rows)

        queryset.query.get_compiler = compiler
        if known is not None:
            field, obj = known
            queryset._known_related_objects = {queryset.model._meta.get_field(field): {obj.pk: obj}}
        return queryset


def _adapt(ops, value):
    # as the ORM hands a value to the driver (SQLite takes a datetime as UTC text)
    return ops.adapt_datetimefield_value(value) if isinstance(value, dt.datetime) else value


def hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


__all__ = ["Prepared", "hashable"]
