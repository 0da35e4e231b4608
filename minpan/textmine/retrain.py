"""Scheduled retraining of the text models from staff labels, run by `minpan worker`.

Every MINPAN_RETRAIN_HOURS one worker claims the job (a conditional update of one
RetrainLock row, so of several workers exactly one takes it), checks whether staff have
classified anything since the newest model was trained, and if so starts
`minpan classify retrain` as a child process at low priority. The worker's loop only polls the
child, so sweeps and tasks go on; the web never waits for it and picks the new model up when
CURRENT changes. A child that runs past TIMEOUT is killed. The child keeps the previous model
when training fails or the new model's grouped cross-validation is worse by more than MARGIN.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from . import classify, msgtype
from .models import Kind, Outcome, RetrainLock, Suggestion

log = logging.getLogger("minpan.textmine")

NAME = "classify"
TIMEOUT = 3600.0  # seconds; training on 12,000 messages takes about 30 s on two cores
MARGIN = 0.02  # macro-F1 a new model may lose in grouped CV before the old one is kept
MIN_DOMAIN_ROWS = 20
FIELDS = {"domain": "domain", "msgtype": "msg_type"}  # artefact kind → case field
SUGGESTION_KINDS = {"domain": Kind.DOMAIN, "msgtype": Kind.MSG_TYPE}


# ---------------------------------------------------------------- the staff labels

def labelled(kind: str) -> tuple[list, list, list, dict]:
    """(titles, bodies, labels, info) from the cases whose domain / type staff set.

    info records the last classify event included (so the next run can tell whether anything
    is new) and how many rows are corrections of a suggestion: what the operator chose instead.
    """
    from minpan.cases.models import Case, Event

    # Read before the cases, so a label set while reading counts as new next time.
    upto = Event.objects.filter(action="classify").aggregate(m=Max("id"))["m"] or 0
    field = FIELDS[kind]
    rows = list(Case.objects.exclude(**{field: ""}).values_list("pk", "subject", "body", field))
    decided = dict(Suggestion.objects.filter(kind=SUGGESTION_KINDS[kind]).exclude(outcome=Outcome.PENDING)
                   .values_list("case_id", "outcome"))
    outcomes = Counter(decided.get(pk) for pk, *_ in rows)
    info = {"labels_upto_event": upto, "from_corrections": outcomes[Outcome.CORRECTED],
            "from_accepted_suggestions": outcomes[Outcome.ACCEPTED]}
    if not rows:
        return [], [], [], info
    _, titles, bodies, labels = (list(x) for x in zip(*rows))
    return titles, bodies, labels, info


def latest_meta(kind: str, root: Path | None = None) -> dict | None:
    """meta.json of the newest version trained (current or kept back), or None."""
    base = Path(root or classify.models_dir()) / kind
    versions = sorted(p for p in base.glob("*/meta.json")) if base.is_dir() else []
    if not versions:
        return None
    import json

    return json.loads(versions[-1].read_text(encoding="utf-8"))


def due_kinds(root: Path | None = None) -> list[str]:
    """The kinds with staff labels newer than their newest model, and enough of them to learn from."""
    from minpan.cases.models import Event

    out = []
    for kind, field in FIELDS.items():
        meta = latest_meta(kind, root) or {}
        since = meta.get("labels_upto_event", 0) if str(meta.get("source", "")).startswith("database") else 0
        if not Event.objects.filter(action="classify", pk__gt=since).exists():
            continue
        counts = _counts(field)
        if kind == "domain" and sum(counts.values()) >= MIN_DOMAIN_ROWS and len(counts) >= 2:
            out.append(kind)
        if kind == "msgtype" and msgtype.enough(list(counts.elements())):
            out.append(kind)
    return out


def _counts(field: str) -> Counter:
    from django.db.models import Count

    from minpan.cases.models import Case

    return Counter(dict(Case.objects.exclude(**{field: ""}).values(field).annotate(n=Count("id")).values_list(field, "n")))


# ---------------------------------------------------------------- the worker's step

def default_command(kinds: list[str], root: Path) -> list[str]:
    if _database_url() is None:
        raise ValueError("数据库在内存中，子进程无法读取，不能定期训练")
    cmd = [sys.executable, "-m", "minpan.cli", "classify", "retrain", "--models-dir", str(root),
           "--keep-if-worse-by", str(MARGIN)]
    for kind in kinds:
        cmd += ["--kind", kind]
    return cmd


def _database_url() -> str | None:
    """The database this process uses, as DATABASE_URL, so the child trains on the same one
    (under a test runner that is the test database, not the one the environment names)."""
    from urllib.parse import quote, urlencode

    from django.db import connection

    d = connection.settings_dict
    if d["ENGINE"].endswith("postgresql"):
        auth = f"{quote(d['USER'] or '')}:{quote(d['PASSWORD'] or '')}@" if d["USER"] else ""
        # the connection's options (sslmode=require …) travel in the query, as settings read them
        options = {k: v for k, v in (d.get("OPTIONS") or {}).items() if isinstance(v, str | int)}
        query = f"?{urlencode(options)}" if options else ""
        return f"postgres://{auth}{d['HOST'] or ''}{':' + str(d['PORT']) if d['PORT'] else ''}/{quote(d['NAME'])}{query}"
    name = str(d["NAME"])
    if d["ENGINE"].endswith("sqlite3") and name and ":memory:" not in name and "mode=memory" not in name:
        return f"sqlite:///{Path(name).resolve()}"
    return None


def _child_env() -> dict:
    env = dict(os.environ)
    url = _database_url()
    if url:
        env["DATABASE_URL"] = url
    return env


class Retrainer:
    """The worker's scheduled retraining: `tick()` in every loop, never blocking."""

    def __init__(self, worker_id: str, *, hours: float | None = None, timeout: float = TIMEOUT,
                 check_every: float = 60.0, command=default_command):
        self.worker_id = worker_id
        self.hours = settings.MINPAN_RETRAIN_HOURS if hours is None else hours
        self.timeout = timeout
        self.check_every = check_every
        self.command = command
        self.child: subprocess.Popen | None = None
        self._next_check = 0.0

    def tick(self, now: dt.datetime | None = None) -> str | None:
        """Start, poll or finish the job; returns what happened ("started", "skipped", "done",
        "failed", "timeout") or None when there was nothing to do."""
        if self.child is not None:
            return self._poll(now)
        if not self.hours or time.monotonic() < self._next_check:
            return None
        self._next_check = time.monotonic() + self.check_every
        now = now or timezone.now()
        if not self._claim(now):
            return None
        try:
            root = classify.models_dir()
            kinds = due_kinds(root)
            if not kinds:
                self._release(now, "跳过：自上次训练以来没有新的人工分类（或数量不足）")
                return "skipped"
            self._out = tempfile.TemporaryFile()
            self.child = subprocess.Popen(
                self.command(kinds, root), stdout=self._out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=_child_env(), preexec_fn=_lower_priority, close_fds=True,
            )
        except Exception as exc:
            self._release(now, f"未能开始训练：{exc}")
            raise
        self._started = time.monotonic()
        log.info("定期训练开始：%s（进程 %s）", "、".join(kinds), self.child.pid)
        return "started"

    def wait(self, poll: float = 0.5) -> str | None:
        """Block until the running child ends (for `worker --once`)."""
        result = None
        while self.child is not None:
            result = self._poll(None)
            if self.child is not None:
                time.sleep(poll)
        return result

    def stop(self) -> None:
        """The worker is stopping: end the child and give the job back."""
        if self.child is not None:
            self.child.kill()
            self.child.wait()
            self._finish("工作进程停止，训练中断，保留原模型")

    def _poll(self, now) -> str | None:
        child = self.child
        if child is None:
            return None
        rc = child.poll()
        if rc is None:
            if time.monotonic() - self._started <= self.timeout:
                return None
            child.kill()
            child.wait()
            log.error("定期训练超过 %s 秒，已终止，保留原模型", int(self.timeout))
            self._finish(f"超时（{int(self.timeout)} 秒）已终止，保留原模型", now)
            return "timeout"
        self._out.seek(0)
        output = self._out.read().decode("utf-8", "replace").strip()
        tail = output[-2000:]
        if rc == 0:
            log.info("定期训练完成：%s", tail)
            self._finish(f"完成：{tail}", now)
            return "done"
        log.error("定期训练失败（退出码 %s），保留原模型：%s", rc, tail)
        self._finish(f"失败（退出码 {rc}），保留原模型：{tail}", now)
        return "failed"

    def _finish(self, outcome: str, now=None) -> None:
        self.child = None
        self._out.close()
        self._release(now or timezone.now(), outcome)

    def _claim(self, now: dt.datetime) -> bool:
        RetrainLock.objects.bulk_create([RetrainLock(name=NAME)], ignore_conflicts=True)
        due_before = now - dt.timedelta(hours=self.hours)
        return bool(
            RetrainLock.objects.filter(name=NAME)
            .filter(Q(until__isnull=True) | Q(until__lt=now))
            .filter(Q(started_at__isnull=True) | Q(started_at__lte=due_before))
            # held a little past the child's timeout, so a worker that died mid-training frees it
            .update(holder=self.worker_id, until=now + dt.timedelta(seconds=self.timeout + 300), started_at=now)
        )

    def _release(self, now: dt.datetime, outcome: str) -> None:
        RetrainLock.objects.filter(name=NAME, holder=self.worker_id).update(
            holder="", until=None, finished_at=now, outcome=outcome[:4000])


def _lower_priority() -> None:
    # Two shared cores: the web and the sweep come first.
    os.nice(10)
