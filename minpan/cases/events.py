"""The append-only, hash-chained record of a case.

Each event's hash covers its own fields and the previous event's hash, so
rewriting or deleting any row breaks the chain from that row on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from .models import Event

GENESIS = "0" * 64


def _payload(ev: Event) -> bytes:
    fields = {
        "case": ev.case_id,
        "seq": ev.seq,
        "actor": ev.actor_id,
        "actor_name": ev.actor_name,
        "role": ev.role,
        "unit": ev.unit_id,
        "at": ev.at.astimezone(dt.UTC).isoformat(),
        "action": ev.action,
        "before": ev.state_before,
        "after": ev.state_after,
        "note": ev.note,
        "data": ev.data,
        "prev": ev.prev_hash,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def digest(ev: Event) -> str:
    return hashlib.sha256(_payload(ev)).hexdigest()


def append(
    *, case, actor, role: str, unit, at: dt.datetime, action: str, before: str, after: str, note: str = "", data: dict | None = None,
    first: bool = False,
) -> Event:
    """Write the next event. The caller holds the case row lock, so seq cannot collide.
    `first`: the case was made in this transaction, so it has no event yet (one query less)."""
    last = None if first else Event.objects.filter(case=case).order_by("-seq").values_list("seq", "hash").first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    ev = Event(
        # the person's name as the timeline and documents show it, never the login name ("" for a
        # user with no name on file: the page shows the role instead)
        case=case, seq=seq, actor=actor, actor_name=actor.get_full_name().strip() if actor else "",
        role=role, unit=unit, at=at, action=action, state_before=before, state_after=after,
        note=note, data=_jsonable(data or {}), prev_hash=prev,
    )
    ev.hash = digest(ev)
    ev.save()
    return ev


def append_many(entries: list[dict]) -> list[Event]:
    """Append one event to each of many cases (all rows locked by the caller): one query for the
    cases' last hashes, one insert. Each entry has the keyword arguments of `append`."""
    from django.db.models import OuterRef, Subquery

    ids = [e["case"].pk for e in entries]
    newest = Event.objects.filter(case_id=OuterRef("case_id")).order_by("-seq").values("seq")[:1]
    last = {
        cid: (seq, h)
        for cid, seq, h in Event.objects.filter(case_id__in=ids, seq=Subquery(newest)).values_list("case_id", "seq", "hash")
    }
    rows = []
    for e in entries:
        seq, prev = last.get(e["case"].pk, (0, GENESIS))
        ev = Event(
            case=e["case"], seq=seq + 1, actor=None, actor_name="", role=e["role"], unit=None, at=e["at"],
            action=e["action"], state_before=e["before"], state_after=e["after"], note=e.get("note", ""),
            data=_jsonable(e.get("data") or {}), prev_hash=prev,
        )
        ev.hash = digest(ev)
        last[e["case"].pk] = (ev.seq, ev.hash)
        rows.append(ev)
    return Event.objects.bulk_create(rows)


def _jsonable(data: dict) -> dict:
    # Round-trip through JSON now, so the hash covers exactly what the database will return.
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


@dataclass
class Break:
    case_id: int
    seq: int
    problem: str


def verify_chain(events) -> Break | None:
    """The first break in one case's events (ordered by seq), or None."""
    prev = GENESIS
    expected_seq = 1
    for ev in events:
        if ev.seq != expected_seq:
            return Break(ev.case_id, expected_seq, f"缺少第 {expected_seq} 条记录")
        if ev.prev_hash != prev:
            return Break(ev.case_id, ev.seq, "前序散列不符（记录被删除或替换）")
        if digest(ev) != ev.hash:
            return Break(ev.case_id, ev.seq, "内容与散列不符（记录被改写）")
        prev = ev.hash
        expected_seq += 1
    return None


def verify_all(batch: int = 2000):
    """Yield a Break for every case whose chain is broken, streaming events in case order."""
    current: int | None = None
    bucket: list[Event] = []
    for ev in Event.objects.order_by("case_id", "seq").iterator(chunk_size=batch):
        if ev.case_id != current:
            if bucket and (brk := verify_chain(bucket)):
                yield brk
            current, bucket = ev.case_id, []
        bucket.append(ev)
    if bucket and (brk := verify_chain(bucket)):
        yield brk
