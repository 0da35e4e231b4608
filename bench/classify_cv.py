"""Grouped k-fold cross-validation of the domain classifier on the training data, and the dev figures.

    .venv/bin/python bench/classify_cv.py [--train TRAIN.csv] [--dev DEV.csv] [--folds 5]

Rows are first grouped by near-duplicates (duplicates.groups: ≥ 50 % of the smaller text's
8-character shingles in the other), so a message re-posted with another greeting never sits in
training and test at once. Each fold refits everything (TF-IDF vocabulary included) on its
training part. Prints macro-F1 over all rows and over the rows that have both a title and a
detail (what cases look like), then trains on all of TRAIN and scores DEV, with and without
the DEV rows that near-duplicate a TRAIN row. Figures are quoted in docs/text.md.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.model_selection import StratifiedGroupKFold  # noqa: E402

from bench.shared_data import TEDDY as DATA  # noqa: E402
from minpan.textmine import classify, duplicates  # noqa: E402
from minpan.textmine.features import message_text, normalise  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(DATA / "domain_train.csv"))
    ap.add_argument("--dev", default=str(DATA / "domain_dev.csv"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=classify.DEFAULTS["C"], help="to compare with other settings")
    ap.add_argument("--class-weight", default=classify.DEFAULTS["class_weight"], help="'balanced' or 'none'")
    args = ap.parse_args()
    settings = {"C": args.C, "class_weight": None if args.class_weight == "none" else args.class_weight}
    print(f"settings {settings}")
    print(f"nproc {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    train, dev = classify.read_csv(args.train), classify.read_csv(args.dev)
    titles = [r["title"] for r in train]
    bodies = [r["detail"] for r in train]
    y = np.array([r["label"] for r in train])
    both = np.array([bool(normalise(t)) and bool(normalise(b)) for t, b in zip(titles, bodies)])
    groups = duplicates.groups([message_text(t, b) for t, b in zip(titles, bodies)])
    print(f"train {len(y)} rows, {len(set(groups))} near-duplicate groups "
          f"({len(y) - len(set(groups))} rows repeat another), {both.sum()} with title and detail")

    oof = np.empty(len(y), dtype=object)
    splitter = StratifiedGroupKFold(n_splits=args.folds, shuffle=True, random_state=0)
    for k, (tr, te) in enumerate(splitter.split(np.zeros(len(y)), y, groups), 1):
        t = time.perf_counter()
        model = classify.DomainClassifier(**settings).fit([titles[i] for i in tr], [bodies[i] for i in tr], y[tr], calibrate=False)
        oof[te] = model.predict((titles[i], bodies[i]) for i in te)
        print(f"  fold {k}: {len(te)} rows, accuracy {np.mean(oof[te] == y[te]):.4f} ({time.perf_counter() - t:.0f} s)", flush=True)
    lines, macro = classify.report(list(y), list(oof))
    print(f"grouped {args.folds}-fold, all rows:")
    print("\n".join(lines))
    _, macro_both = classify.report(list(y[both]), list(oof[both]))
    print(f"grouped {args.folds}-fold macro_f1 {macro:.4f}; on the {both.sum()} rows with title and detail {macro_both:.4f}")

    model = classify.DomainClassifier(**settings).fit(titles, bodies, y, calibrate=False)
    yd = [r["label"] for r in dev]
    pred = list(model.predict((r["title"], r["detail"]) for r in dev))
    seen = duplicates.overlap([message_text(t, b) for t, b in zip(titles, bodies)],
                              [message_text(r["title"], r["detail"]) for r in dev])
    exact = {message_text(t, b) for t, b in zip(titles, bodies)}
    n_exact = sum(message_text(r["title"], r["detail"]) in exact for r in dev)
    keep = [i for i, s in enumerate(seen) if not s]
    _, macro_dev = classify.report(yd, pred)
    _, macro_unseen = classify.report([yd[i] for i in keep], [pred[i] for i in keep])
    print(f"dev {len(dev)} rows: exact duplicates of train {n_exact}, near-duplicates {len(dev) - len(keep)}")
    print(f"dev macro_f1 {macro_dev:.4f}; without near-duplicates {macro_unseen:.4f} ({len(keep)} rows)")
    # How much 360 rows can tell: the spread of macro-F1 over bootstrap resamples of the dev set.
    rng = np.random.default_rng(0)
    yd, pred = np.array(yd), np.array(pred)
    boot = sorted(classify._macro_f1(yd[i], pred[i]) for i in (rng.integers(0, len(yd), len(yd)) for _ in range(1000)))
    print(f"dev macro_f1 bootstrap 95 % interval {boot[25]:.4f} – {boot[974]:.4f}")


if __name__ == "__main__":
    main()
