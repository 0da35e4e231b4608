"""Lead-unit routing with the dispatch catalogue (派单目录) against without it, on the 商洛市市长信箱 letters.

    .venv/bin/python bench/routing_catalogue.py [--test-share 0.2] [--min-letters 3]

Time-ordered, as `minpan route evaluate`: letters by date, the oldest 80 % train, the newest 20 %
test. Shangluo has no published catalogue, so one is built from the training letters only, as a
clerk would write it from the units' past work: for each unit with at least --min-letters training
letters, one matter whose keywords are the words (jieba, two characters or more) of its letters'
titles that occur in at least two of its titles and of which at least 60 % of all training uses were
the unit's — at most 8 per unit, the most frequent first. Nothing of the test letters is read.

Routes compared, each scored top-1 / top-3 against the unit that answered:
  learnt      textmine.routing.UnitRouter (text + place in the unit's name), as the page has it
  catalogue   catalogue.matching on the built catalogue, the learnt units filling the list after it
              (catalogue.selectors.dispatch_proposals's order)
and the catalogue's own coverage (test letters it matched) and precision (its first unit right).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.shared_data import SHARED_DATA  # noqa: E402

LETTERS = SHARED_DATA / "shangluo" / "letters.csv"


def read_letters(path: Path = LETTERS) -> list[dict]:
    """The letters with a date and an agency, each id once, agency names unified, by date."""
    import csv

    from minpan.textmine.management.commands.route import canonical_agency

    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        raw = list(csv.DictReader(f))
    rows, ids = [], set()
    for r in raw:
        if not r["query_date"].strip() or not r["reply_agency"].strip() or (r.get("mail_id") and r["mail_id"] in ids):
            continue
        ids.add(r.get("mail_id"))
        rows.append({**r, "unit": canonical_agency(r["reply_agency"])})
    rows.sort(key=lambda r: r["query_date"])
    return rows


CENTER_OFFICE = "信息办（中心）"  # the portal's own office: the center answering itself, no unit's matter


def build_catalogue(train: list[dict], *, min_letters: int = 3, per_unit: int = 8, share: float = 0.6,
                    min_count: int = 2) -> dict[str, list[str]]:
    """unit → keywords, from the training letters' titles only; the center's own office gets none."""
    from minpan.catalogue.matching import normalise, words

    by_unit: dict[str, Counter] = defaultdict(Counter)
    overall: Counter = Counter()
    letters = Counter(r["unit"] for r in train)
    for r in train:
        ws = {w for w in words(normalise(r["title"])) if len(w) >= 2 and not w.isdigit()}
        by_unit[r["unit"]].update(ws)
        overall.update(ws)
    out = {}
    for unit, counts in by_unit.items():
        if letters[unit] < min_letters or unit == CENTER_OFFICE:
            continue
        kws = [w for w, n in counts.most_common() if n >= min_count and n / overall[w] >= share][:per_unit]
        if kws:
            out[unit] = kws
    return out


def evaluate(test_share: float = 0.2, min_letters: int = 3, share: float = 0.6, min_count: int = 2) -> dict:
    from minpan.catalogue.matching import Entry, match
    from minpan.textmine.routing import UnitRouter

    rows = read_letters()
    n = int(len(rows) * (1 - test_share))
    train, test = rows[:n], rows[n:]
    catalogue = build_catalogue(train, min_letters=min_letters, share=share, min_count=min_count)
    entries = [Entry(unit, tuple(kws)) for unit, kws in catalogue.items()]
    router = UnitRouter().fit([r["title"] for r in train], [r["query"] for r in train], [r["unit"] for r in train])
    hits = {"learnt": [0, 0], "catalogue": [0, 0]}
    matched = right = 0
    for r in test:
        learnt = [u for u, _ in router.suggest(r["title"], r["query"], k=3)]
        from_catalogue = [h.key for h in match(r["title"], r["query"], entries, k=3)]
        combined = list(dict.fromkeys(from_catalogue + learnt))[:3]
        if from_catalogue:
            matched += 1
            right += from_catalogue[0] == r["unit"]
        for name, ranked in (("learnt", learnt), ("catalogue", combined)):
            hits[name][0] += ranked[:1] == [r["unit"]]
            hits[name][1] += r["unit"] in ranked[:3]
    return {
        "letters": len(rows), "train": len(train), "test": len(test), "until": train[-1]["query_date"],
        "from": test[0]["query_date"], "matters": len(catalogue), "keywords": sum(map(len, catalogue.values())),
        "top1": {k: v[0] / len(test) for k, v in hits.items()}, "top3": {k: v[1] / len(test) for k, v in hits.items()},
        "coverage": matched / len(test), "precision": right / matched if matched else 0.0,
        "example": next(iter(sorted(catalogue.items(), key=lambda kv: -len(kv[1])))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-share", type=float, default=0.2)
    parser.add_argument("--min-letters", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.6, help="a keyword's least share of its uses in the unit's letters")
    parser.add_argument("--min-count", type=int, default=2, help="a keyword's least number of the unit's titles")
    args = parser.parse_args()
    if not LETTERS.exists():
        sys.exit(f"no {LETTERS}: set MINPAN_SHARED_DATA to the shared data directory (see bench/shared_data.py)")
    r = evaluate(args.test_share, args.min_letters, args.share, args.min_count)
    print(f"letters {r['letters']}: train {r['train']} up to {r['until']}, test {r['test']} from {r['from']}")
    print(f"catalogue built from the training titles: {r['matters']} units' matters, {r['keywords']} keywords; "
          f"e.g. {r['example'][0]}: {'、'.join(r['example'][1])}")
    print(f"catalogue matched {r['coverage']:.1%} of test letters; its first unit right on {r['precision']:.1%} of those")
    for name in ("learnt", "catalogue"):
        label = "learnt only" if name == "learnt" else "catalogue first, learnt after"
        print(f"{label:<30} top-1 {r['top1'][name]:.3f}  top-3 {r['top3'][name]:.3f}")


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")
    django.setup()
    main()
