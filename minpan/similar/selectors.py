"""Reading the near-duplicate index: the earlier messages most like a given one.

A search reads, for each of the message's fingerprints, at most CAP + 1 postings; a fingerprint
with more is boilerplate (尊敬的领导您好…) and ignored, as textmine.duplicates ignores shingles
found in more than COMMON texts. Candidates are ranked by shared fingerprints / the smaller
message's fingerprints (an estimate of the containment), and the best few are then scored
exactly on their shingles with duplicates' rule (THRESHOLD, MIN_SHARED, NEAR_TOTAL), so the
thresholds measured in docs/text-duplicates.md ("The rule") apply unchanged.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import connection

from minpan.cases.models import Case
from minpan.cases.states import State
from minpan.textmine.duplicates import COMMON, MIN_SHARED, NEAR_TOTAL, THRESHOLD, shingles
from minpan.textmine.normal import message_text

from .fingerprints import fingerprints
from .models import Sample

CAP = COMMON
# How many candidates, best estimate first, are checked exactly, and the estimate below which a
# candidate is not worth checking (the estimate runs low for edited copies: an edit changes
# which shingle is the smallest of its window).
CANDIDATES = 40
FLOOR = 0.2
# SQLite allows 500 terms in one compound SELECT.
TERMS = 200


def similar_cases(case: Case, k: int = 5, threshold: float = THRESHOLD) -> list[tuple[Case, float]]:
    """[(earlier case, containment 0..1)], best first: messages received before `case` that it
    near-duplicates. A merged case is replaced by the case it was merged into (the one the writer
    follows). Every state is shown, 不予受理 too: the operator sees how the same message was
    decided before (that one cannot be merged into; it can be refused again as a duplicate)."""
    return similar_to_text(case.subject, case.body, before=(case.received_at, case.pk), k=k, threshold=threshold)


def similar_to_text(subject: str, body: str, *, before: tuple[dt.datetime, int] | None = None, k: int = 5,
                    threshold: float = THRESHOLD) -> list[tuple[Case, float]]:
    """The same for a text that may not be a case yet; `before` = (received_at, pk) of the asking case."""
    prints = fingerprints(subject, body)
    if not prints:
        return []
    postings = _postings(list(prints))
    boiler = {fp for fp, rows in postings.items() if len(rows) > CAP}
    shared: Counter = Counter()
    sizes: dict[int, int] = {}
    for fp, rows in postings.items():
        if fp in boiler:
            continue
        for case_id, size in rows:
            shared[case_id] += 1
            sizes[case_id] = size
    own = before[1] if before else None
    shared.pop(own, None)
    n = len(prints)
    ranked = sorted(((s / min(n, sizes[c]), s, c) for c, s in shared.items()), reverse=True)
    ids = [c for estimate, _, c in ranked[:CANDIDATES] if estimate >= FLOOR]
    if not ids:
        return []
    mine = shingles(message_text(subject, body))
    kept = frozenset(prints.values())
    skip = frozenset(prints[fp] for fp in boiler)
    found: dict[int, float] = {}
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids)}
    for pk in ids:
        c = cases.get(pk)
        if c is None or (before and (c.received_at, c.pk) >= before):
            continue
        score = _containment(mine, shingles(message_text(c.subject, c.body)), kept, skip, threshold)
        if score is not None:
            found[pk] = max(found.get(pk, 0.0), score)
    return _roots(found, cases, own, k)


def _containment(a: frozenset, b: frozenset, kept: frozenset, skip: frozenset, threshold: float) -> float | None:
    """duplicates.ShingleIndex's rule on two shingle sets, or None when they are not near-duplicates.

    The shingles both share are counted exactly, less the share of them that is boilerplate. Only
    the kept shingles' document frequency is known, so that share is read off them: of the kept
    shingles `b` also has, the part that is boilerplate (`skip`).
    """
    if not a or not b:
        return None
    both = len(a & b)
    seen = len(kept & b)
    n = both * (1 - len(skip & b) / seen) if seen else both
    score = n / min(len(a), len(b))
    if score >= NEAR_TOTAL or (score >= threshold and n >= MIN_SHARED):
        return round(min(score, 1.0), 3)
    return None


def _roots(found: dict[int, float], cases: dict[int, Case], own: int | None, k: int) -> list[tuple[Case, float]]:
    """Merged cases give way to the case they were merged into (followed to the end of the chain)."""
    best: dict[int, float] = {}
    for pk, score in found.items():
        c, hops = cases[pk], 0
        while c.state == State.MERGED and c.merged_into_id and hops < 20:
            if c.merged_into_id not in cases:
                cases[c.merged_into_id] = Case.objects.get(pk=c.merged_into_id)
            c, hops = cases[c.merged_into_id], hops + 1
        if c.pk == own or c.state == State.MERGED:
            continue
        best[c.pk] = max(best.get(c.pk, 0.0), score)
    order = sorted(best.items(), key=lambda x: (-x[1], -cases[x[0]].received_at.timestamp()))
    return [(cases[pk], score) for pk, score in order[:k]]


def _postings(prints: list[int]) -> dict[int, list[tuple[int, int]]]:
    """{fingerprint: [(case id, size)]}, at most CAP + 1 per fingerprint, in one query per TERMS."""
    table = connection.ops.quote_name(Sample._meta.db_table)
    out: dict[int, list[tuple[int, int]]] = {fp: [] for fp in prints}
    with connection.cursor() as cur:
        for i in range(0, len(prints), TERMS):
            part = prints[i:i + TERMS]
            # bandit B608 (SQL built from strings): our model's quoted table name and an int constant; fingerprints are %s parameters.
            one = f"SELECT * FROM (SELECT fingerprint, case_id, size FROM {table} WHERE fingerprint = %s LIMIT {CAP + 1}) AS t{{}}"  # nosec B608
            sql = " UNION ALL ".join(one.format(j) for j in range(len(part)))
            cur.execute(sql, part)
            for fp, case_id, size in cur.fetchall():
                out[fp].append((case_id, size))
    return out
