"""How well duplicates.DuplicateFinder finds a repeated message, and how fast.

    .venv/bin/python bench/duplicates_eval.py [--n 500] [--threshold 0.5]

Index: the 12,251 teddy2020c training messages. Queries:
  edited copies   N indexed messages (detail ≥ 80 characters) re-submitted with a change:
                  a greeting and a closing added; only the first 60 % kept; 5 % of the
                  characters replaced at random; greeting + replacement together.
                  Found = the original is the first hit.
  other city      the 商洛 mayor's-mailbox letters (another province, other years): any hit
                  is a false alarm.
  dev set         the 360 dev messages: how many repeat a training message (reported, and a
                  few shown, so the matches can be read).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.shared_data import SHARED_DATA as DATA  # noqa: E402
from minpan.textmine import classify  # noqa: E402
from minpan.textmine.duplicates import DuplicateFinder  # noqa: E402
from minpan.textmine.features import normalise  # noqa: E402

CJK = [chr(c) for c in range(0x4E00, 0x9FA5)]


def edits(rng):
    def greeting(t, d):
        return t, f"尊敬的领导：您好！{d}望尽快解决，谢谢！"

    def first_part(t, d):
        return t, d[: int(len(d) * 0.6)]

    def typos(t, d):
        chars = list(d)
        for i in rng.sample(range(len(chars)), max(1, len(chars) // 20)):
            chars[i] = rng.choice(CJK)
        return t, "".join(chars)

    def both(t, d):
        return greeting(*typos(t, d))

    return {"greeting + closing": greeting, "first 60 %": first_part, "5 % characters replaced": typos,
            "greeting + 5 % replaced": both}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    rng = random.Random(0)
    print(f"nproc {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    train = classify.read_csv(DATA / "teddy2020c" / "domain_train.csv")
    t = time.perf_counter()
    finder = DuplicateFinder(threshold=args.threshold)
    for i, r in enumerate(train):
        finder.add(i, r["title"], r["detail"])
    print(f"index of {len(train)} messages built in {time.perf_counter() - t:.1f} s, threshold {args.threshold}")

    long = [i for i, r in enumerate(train) if len(normalise(r["detail"])) >= 80]
    sample = rng.sample(long, args.n)
    times = []
    for name, edit in edits(rng).items():
        found = 0
        for i in sample:
            title, detail = edit(normalise(train[i]["title"]), normalise(train[i]["detail"]))
            t = time.perf_counter()
            hits = finder.find(title, detail)
            times.append((time.perf_counter() - t) * 1000)
            found += bool(hits) and hits[0][0] == i
        print(f"edited copies, {name:<24} found {found}/{len(sample)} = {found / len(sample):.3f}")

    with open(DATA / "shangluo" / "letters.csv", encoding="utf-8") as f:
        letters = list(csv.DictReader(f))
    alarms = 0
    for r in letters:
        t = time.perf_counter()
        alarms += bool(finder.find(r["title"], r["query"]))
        times.append((time.perf_counter() - t) * 1000)
    print(f"other city: {alarms} of {len(letters)} letters matched a training message (false alarms)")

    dev = classify.read_csv(DATA / "teddy2020c" / "domain_dev.csv")
    matched = [(r, finder.find(r["title"], r["detail"])) for r in dev]
    matched = [(r, h) for r, h in matched if h]
    agree = sum(r["label"] == train[h[0][0]]["label"] for r, h in matched)
    print(f"dev set: {len(matched)} of {len(dev)} repeat a training message; same label in {agree} of them")
    for r, h in sorted(matched, key=lambda x: x[1][0][1])[:3]:
        o = train[h[0][0]]
        print(f"  {h[0][1]:.2f}  dev: {normalise(r['title'])[:24]} | {normalise(r['detail'])[:40]}")
        print(f"        train: {normalise(o['title'])[:24]} | {normalise(o['detail'])[:40]}")
    times.sort()
    print(f"one search: median {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms")


if __name__ == "__main__":
    main()
