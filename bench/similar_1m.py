"""Near-duplicate search over the database index (minpan.similar) at 1,000,000 messages.

    .venv/bin/python bench/similar_1m.py --cases 1000000                 # SQLite file var/bench_similar.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:55433/bench_similar \
        .venv/bin/python bench/similar_1m.py --cases 1000000              # PostgreSQL

Fills an empty database (migrated here) with messages made by recombining real sentences
from ../shared/data/teddy2020c (titles and detail sentences of 15k messages; generated
filler when the data is absent), indexes them with the same fingerprints as case_collect,
and measures `similar_to_text` (what the initial-review panel calls):

  planted   --queries messages already in the database, re-submitted with an edit (greeting
            and closing added; only the first 60 %; 5 % of characters replaced; greeting +
            replacement): found = the original is the first hit.
  fresh     --queries / 2 new messages (not in the database): latency, and how many hits.

The same queries run at --baseline cases (loaded first) and again at --cases, in the same
run. Also: fingerprinting and loading speed, the cost of `index_case` for one arriving
message (through the ORM, as case_collect calls it), and the index's size on disk.
Not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import multiprocessing as mp
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_similar.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")
os.environ.setdefault("MINPAN_DEBUG", "0")
os.environ.setdefault("MINPAN_SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("MINPAN_DATA_KEY", "bench-only-data-key-" + "d" * 40)
os.environ.setdefault("MINPAN_QUERY_KEY", "bench-only-query-key-" + "q" * 40)

# the same edits as the in-memory measurement, so the two figures compare
from duplicates_eval import CJK, edits  # noqa: E402  (bench/ is on the path when run as a script)

from bench.shared_data import TEDDY as DATA  # noqa: E402

PLACES = ["A市", "A1区", "A2区", "A3区", "A4区", "A5区", "A6县", "A7县", "A8县", "A9市"]
ESTATES = "幸福 和平 东湖 西园 南山 北辰 金桥 银河 翠微 锦绣 华府 阳光 春江 秋月 丽景 泰和".split()


# ---- texts ----------------------------------------------------------------------------

def corpus() -> tuple[list[str], list[str]]:
    titles, sentences = [], []
    files = [DATA / n for n in ("domain_train.csv", "unlabeled_attachment2_test.csv", "domain_dev.csv")]
    for path in files:
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                title = re.sub(r"\s+", "", row.get("title") or row.get("留言主题") or "")
                detail = re.sub(r"\s+", "", row.get("detail") or row.get("留言详情") or "")
                if title:
                    titles.append(title)
                sentences += [s for s in re.findall(r"[^。！？!?；;]+[。！？!?；;]?", detail) if len(s) >= 6]
    if not titles:  # no data: generated filler, so the bench still runs
        rng = random.Random(1)
        words = ["".join(rng.choice(CJK) for _ in range(rng.randint(2, 4))) for _ in range(20000)]
        titles = ["".join(rng.choice(words) for _ in range(4)) for _ in range(15000)]
        sentences = ["".join(rng.choice(words) for _ in range(rng.randint(4, 12))) + "。" for _ in range(80000)]
    return titles, sentences


class Texts:
    """Message i is always the same text: a real title and 2–5 real sentences, with a place,
    an estate, a building number and a date mixed in, as messages about different things do."""

    def __init__(self, titles, sentences):
        self.titles, self.sentences = titles, sentences

    def message(self, i: int) -> tuple[str, str]:
        rng = random.Random(i * 7919 + 17)
        place, estate = rng.choice(PLACES), rng.choice(ESTATES) + rng.choice(("小区", "花园", "家园", "村"))
        title = rng.choice(self.titles)
        parts = [f"{place}{estate}{rng.randint(1, 30)}栋居民反映："]
        parts += rng.sample(self.sentences, rng.randint(2, 5))
        parts.insert(rng.randint(1, len(parts)), f"{rng.randint(2015, 2020)}年{rng.randint(1, 12)}月以来一直如此。")
        return title[:200], "".join(parts)[:5000]


def _init(titles, sentences):
    global _texts
    _texts = Texts(titles, sentences)


def _work(span):
    """Texts and fingerprints of messages [a, b): run in worker processes."""
    from minpan.similar.fingerprints import fingerprints

    out = []
    for i in range(*span):
        subject, body = _texts.message(i)
        prints = fingerprints(subject, body)
        out.append((i, subject, body, list(prints)))
    return out


def case_columns():
    from django.utils import timezone

    from minpan.cases.models import Case

    cols, base = [], {}
    now = timezone.now()
    for f in Case._meta.concrete_fields:
        cols.append(f.column)
        base[f.column] = now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
    return cols, base


def load(start: int, stop: int, titles, sentences, pool) -> dict:
    """Messages start..stop-1 (case pk = i + 1), with their fingerprints; returns timings."""
    from django.db import connection, transaction

    cols, base = case_columns()
    t0 = time.perf_counter()
    fp_cpu = 0.0
    n_samples = 0
    chunk = 2000
    spans = [(a, min(a + chunk, stop)) for a in range(start, stop, chunk)]
    received0 = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    pg = connection.vendor == "postgresql"
    cur = connection.cursor()
    if not pg:
        cur.execute("PRAGMA synchronous = OFF")
        cur.execute("PRAGMA cache_size = -4000000")  # 4 GB of page cache: the index is filled in random order
    batch_cases, batch_samples = [], []

    def flush():
        nonlocal batch_cases, batch_samples
        if pg:
            raw = connection.connection
            with raw.cursor() as c:
                with c.copy(f"COPY cases_case ({', '.join(cols)}) FROM STDIN") as cp:
                    for row in batch_cases:
                        cp.write_row(row)
                with c.copy("COPY similar_sample (fingerprint, case_id, size) FROM STDIN") as cp:
                    for row in batch_samples:
                        cp.write_row(row)
                with c.copy("COPY similar_indexed (case_id, size, version) FROM STDIN") as cp:
                    for row in indexed_rows:
                        cp.write_row(row)
            raw.commit()
        else:
            marks = ", ".join(["%s"] * len(cols))
            with transaction.atomic(), connection.cursor() as c:
                c.executemany(f"INSERT INTO cases_case ({', '.join(cols)}) VALUES ({marks})", batch_cases)
                c.executemany("INSERT INTO similar_sample (fingerprint, case_id, size) VALUES (%s, %s, %s)", batch_samples)
                c.executemany("INSERT INTO similar_indexed (case_id, size, version) VALUES (%s, %s, %s)", indexed_rows)
        batch_cases, batch_samples = [], []
        indexed_rows.clear()

    from minpan.similar.services import VERSION

    indexed_rows = []
    done = 0
    for part in pool.imap(_work, spans):
        for i, subject, body, prints in part:
            pk = i + 1
            row = dict(base)
            row.update(id=pk, channel="mayor_mailbox", tracking_code=f"S{pk:011d}", query_password="!", subject=subject,
                       body=body, received_at=received0 + dt.timedelta(minutes=3 * i), policy_name="tongliao",
                       state="archived", created_at=base["created_at"], updated_at=base["updated_at"])
            batch_cases.append([row[c] for c in cols])
            size = len(prints)
            batch_samples += [(fp, pk, size) for fp in prints]
            indexed_rows.append((pk, size, VERSION))
            n_samples += size
        done += len(part)
        if len(batch_cases) >= 20000:
            flush()
        if done % 100000 < chunk:
            print(f"  {start + done:>9,} messages  {time.perf_counter() - t0:7.1f} s", flush=True)
    flush()
    if pg:
        with connection.cursor() as c:
            c.execute("SELECT setval(pg_get_serial_sequence('cases_case', 'id'), (SELECT MAX(id) FROM cases_case))")
    return {"seconds": time.perf_counter() - t0, "samples": n_samples, "fp_cpu": fp_cpu}


def analyze():
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            old = connection.get_autocommit()
            connection.set_autocommit(True)
            c.execute("VACUUM ANALYZE similar_sample")
            c.execute("VACUUM ANALYZE cases_case")
            connection.set_autocommit(old)
        else:
            c.execute("ANALYZE")


def sizes() -> str:
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SELECT pg_total_relation_size('similar_sample'), pg_relation_size('similar_sample'), "
                      "pg_relation_size('similar_sample_fp'), pg_total_relation_size('cases_case')")
            total, heap, fp_index, cases = c.fetchone()
            return (f"similar_sample {total / 2**20:,.0f} MiB in all (table {heap / 2**20:,.0f} MiB, fingerprint index "
                    f"{fp_index / 2**20:,.0f} MiB); cases_case {cases / 2**20:,.0f} MiB")
        try:
            c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            got = dict(c.fetchall())
            idx = {k: v for k, v in got.items() if "similar_sample" in k}
            return "; ".join(f"{k} {v / 2**20:,.0f} MiB" for k, v in sorted(idx.items())) + \
                f"; cases_case {got.get('cases_case', 0) / 2**20:,.0f} MiB"
        except Exception:
            path = Path(connection.settings_dict["NAME"])
            return f"database file {path.stat().st_size / 2**20:,.0f} MiB (dbstat not available)"


# ---- measuring ------------------------------------------------------------------------

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p * len(values))) - 1))]


def measure(label: str, planted, fresh) -> None:
    from minpan.similar.selectors import similar_to_text

    for _, _, subject, body in planted[:5]:  # warm the connection and the caches
        similar_to_text(subject, body)
    times, by_kind = [], {}
    for original, kind, subject, body in planted:
        t = time.perf_counter()
        hits = similar_to_text(subject, body)
        times.append((time.perf_counter() - t) * 1000)
        ok = bool(hits) and hits[0][0].pk == original
        got = by_kind.setdefault(kind, [0, 0])
        got[0] += ok
        got[1] += 1
    from minpan.textmine.duplicates import ShingleIndex
    from minpan.textmine.features import message_text

    fresh_times, fresh_hits, confirmed = [], 0, 0
    for subject, body in fresh:
        t = time.perf_counter()
        hits = similar_to_text(subject, body)
        fresh_times.append((time.perf_counter() - t) * 1000)
        if hits:
            fresh_hits += 1
            # the pure rule of textmine.duplicates on the pair (no boilerplate over a pair): a real repeat?
            pair = ShingleIndex([message_text(hits[0][0].subject, hits[0][0].body)])
            confirmed += bool(pair.matches(message_text(subject, body)))
    both = times + fresh_times
    found = sum(v[0] for v in by_kind.values())
    print(f"\n[{label}] search latency over {len(both)} queries: p50 {statistics.median(both):.1f} ms, "
          f"p95 {pct(both, 0.95):.1f} ms, max {max(both):.1f} ms")
    print(f"  planted copies: p50 {statistics.median(times):.1f} ms, p95 {pct(times, 0.95):.1f} ms; "
          f"found as first hit {found}/{len(planted)} ({100 * found / len(planted):.1f} %)")
    for kind, (ok, n) in by_kind.items():
        print(f"    {kind:<26} {ok}/{n}")
    print(f"  fresh messages: p50 {statistics.median(fresh_times):.1f} ms, p95 {pct(fresh_times, 0.95):.1f} ms; "
          f"with any hit {fresh_hits}/{len(fresh)}, of which the pure duplicates.py rule on the pair confirms {confirmed}", flush=True)


def arrivals(n: int, texts: Texts, first: int) -> None:
    """index_case for `n` arriving messages, through the ORM as case_collect calls it."""
    from django.db import transaction

    from minpan.cases.models import Case
    from minpan.similar.services import index_case

    cases = list(Case.objects.filter(pk__gte=first, pk__lt=first + n))
    times = []
    for case in cases:
        t = time.perf_counter()
        with transaction.atomic():
            index_case(case)
        times.append((time.perf_counter() - t) * 1000)
    print(f"\nindex_case for {len(times)} arriving messages (fingerprints + replace rows, own transaction): "
          f"p50 {statistics.median(times):.2f} ms, p95 {pct(times, 0.95):.2f} ms", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--baseline", type=int, default=100_000, help="measure the same queries at this size first")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--measure-only", action="store_true",
                    help="the database already holds --cases messages from an earlier run: only measure again")
    args = ap.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from minpan.cases.models import Case

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"machine: {os.cpu_count()} cores; load average at start {os.getloadavg()}")
    call_command("migrate", verbosity=0)
    if args.measure_only:
        pass
    elif Case.objects.exists():
        sys.exit("the benchmark needs an empty database: drop it (or delete the SQLite file) first")
    titles, sentences = corpus()
    texts = Texts(titles, sentences)
    print(f"corpus: {len(titles):,} titles, {len(sentences):,} sentences")

    rng = random.Random(args.seed)
    baseline = min(args.baseline, args.cases)
    # originals drawn from the first `baseline` messages, so the same queries run at both sizes
    originals = rng.sample(range(baseline), args.queries)
    kinds = edits(rng)
    planted = []
    for j, i in enumerate(originals):
        name, fn = kinds[j % len(kinds)]
        subject, body = fn(*texts.message(i))
        planted.append((i + 1, name, subject, body))
    fresh = [texts.message(args.cases + 10_000_000 + j) for j in range(args.queries // 2)]
    mean_len = statistics.mean(len(s) + len(b) for s, b in (texts.message(i) for i in range(2000)))
    print(f"mean message length {mean_len:.0f} characters")

    if args.measure_only:
        if Case.objects.count() < args.cases:
            sys.exit(f"--measure-only: the database holds fewer than {args.cases:,} messages")
        measure(f"{args.cases:,} messages, measured again", planted, fresh)
        arrivals(200, texts, args.cases - 300)
        print(f"\nindex size: {sizes()}")
        print(f"load average at end {os.getloadavg()}")
        return
    with mp.Pool(args.workers, initializer=_init, initargs=(titles, sentences)) as pool:
        # one-core fingerprinting speed, on this process
        _init(titles, sentences)
        t = time.perf_counter()
        sample = _work((0, 2000))
        per = (time.perf_counter() - t) / 2000 * 1e6
        print(f"text + fingerprints: {per:.0f} µs per message on one core; "
              f"{statistics.mean(len(p) for *_, p in sample):.1f} fingerprints per message")

        got = load(0, baseline, titles, sentences, pool)
        print(f"loaded {baseline:,} messages, {got['samples']:,} fingerprints in {got['seconds']:.1f} s")
        analyze()
        measure(f"{baseline:,} messages", planted, fresh)
        if args.cases > baseline:
            got = load(baseline, args.cases, titles, sentences, pool)
            print(f"loaded {args.cases - baseline:,} more messages, {got['samples']:,} fingerprints in {got['seconds']:.1f} s "
                  f"({got['seconds'] / (args.cases - baseline) * 1e6:.0f} µs per message with {args.workers} workers)")
            t = time.perf_counter()
            analyze()
            print(f"analyze {time.perf_counter() - t:.1f} s")
            measure(f"{args.cases:,} messages", planted, fresh)
    arrivals(200, texts, args.cases - 300)
    print(f"\nindex size: {sizes()}")
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
