"""How well the message-type cue rules agree with hand labels.

    .venv/bin/python bench/msgtype_eval.py [--labels bench/data/msgtype_labels.csv] [--data ../shared/data]

The labels (bench/data/msgtype_labels.csv: source file, message id, type) were made by one
engineer of this project reading each message, before the rules were first run on them; no
one else checked them, so they measure agreement with one reader, not truth. The file holds
no text: the messages are read from the data directory, which is not shipped.

Prints accuracy, macro-F1 over the types present in the labels, top-2 accuracy, the per-type
table, a confusion table, accuracy by confidence, and the majority-type baseline.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.shared_data import SHARED_DATA as DATA  # noqa: E402
from minpan.textmine import classify, msgtype  # noqa: E402


def _id(value: str) -> str:
    return value.strip().removesuffix(".0")


def load(labels_path: Path, data: Path) -> list[tuple[str, str, str]]:
    """(title, detail, label) for every labelled message found in the data."""
    with open(labels_path, encoding="utf-8", newline="") as f:
        wanted = list(csv.DictReader(f))
    texts = {}
    for source in {r["source"] for r in wanted}:
        with open(data / source, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                texts[(source, _id(r["id"]))] = (r["title"] or "", r["detail"] or "")
    missing = [r["id"] for r in wanted if (r["source"], _id(r["id"])) not in texts]
    if missing:
        sys.exit(f"{len(missing)} labelled ids not found in {data}: {missing[:5]} …")
    return [(*texts[(r["source"], _id(r["id"]))], r["msg_type"]) for r in wanted]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", default=str(ROOT / "bench" / "data" / "msgtype_labels.csv"))
    ap.add_argument("--data", default=str(DATA))
    args = ap.parse_args()
    rows = load(Path(args.labels), Path(args.data))
    gold = [y for _, _, y in rows]
    ranked = [msgtype.rank_by_cues(t, d, k=3) for t, d, _ in rows]
    pred = [r[0][0] for r in ranked]
    print(f"{len(rows)} hand-labelled messages ({msgtype.RULES_VERSION}): {dict(Counter(gold).most_common())}")

    def name(code):
        return msgtype.MESSAGE_TYPES[code]

    lines, _ = classify.report([name(y) for y in gold], [name(p) for p in pred])
    for line in lines:
        print(line)
    # macro-F1 over the types the labels use: a type only ever predicted (其它) is an error
    # counted in the others' precision, not a class of its own.
    present = sorted(set(gold))
    from sklearn.metrics import f1_score

    macro = f1_score(gold, pred, labels=present, average="macro", zero_division=0)
    accuracy = sum(p == y for p, y in zip(pred, gold)) / len(gold)
    top2 = sum(y in [c for c, _ in r[:2]] for r, y in zip(ranked, gold)) / len(gold)
    majority, n = Counter(gold).most_common(1)[0]
    base_f1 = f1_score(gold, [majority] * len(gold), labels=present, average="macro", zero_division=0)
    print(f"accuracy {accuracy:.4f}  macro_f1 {macro:.4f} (over {len(present)} types)  top-2 {top2:.4f}")
    print(f"baseline, always {name(majority)}: accuracy {n / len(gold):.4f}  macro_f1 {base_f1:.4f}")

    print("\nconfusion (rows: label, columns: rules' first type)")
    cols = [c for c in msgtype.TYPES if c in set(pred) | set(gold)]
    print("      " + " ".join(f"{name(c):>4}" for c in cols))
    for y in cols:
        if y in gold:
            print(f"{name(y):>4}  " + " ".join(f"{sum(1 for g, p in zip(gold, pred) if g == y and p == c):>6}" for c in cols))

    print("\nby confidence of the first type")
    for lo, hi in ((0, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 1.01)):
        idx = [i for i, r in enumerate(ranked) if lo <= r[0][1] < hi]
        if idx:
            right = sum(pred[i] == gold[i] for i in idx)
            print(f"  [{lo:.1f}, {min(hi, 1):.1f}): {len(idx):4d} messages, right {right / len(idx):.2%}")
    no_cue = [i for i, (t, d, _) in enumerate(rows) if not msgtype.cues_found(t, d)]
    print(f"messages with no cue at all: {len(no_cue)}")

    # The rules were revised once after the first run, looking only at the errors in the first
    # half of the file; the second half stayed unread and says how much that revision overfits.
    half = len(rows) // 2
    for part, idx in (("first half (revision looked at its errors)", range(half)), ("second half (held out)", range(half, len(rows)))):
        g, p = [gold[i] for i in idx], [pred[i] for i in idx]
        acc = sum(a == b for a, b in zip(g, p)) / len(g)
        f1 = f1_score(g, p, labels=sorted(set(g)), average="macro", zero_division=0)
        print(f"{part}: {len(g)} messages, accuracy {acc:.4f}, macro_f1 {f1:.4f}")


if __name__ == "__main__":
    main()
