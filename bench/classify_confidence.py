"""Whether the classifier's confidences can be trusted, on the dev set.

    .venv/bin/python bench/classify_confidence.py [--train TRAIN.csv] [--dev DEV.csv]

Trains as `minpan classify train` does (temperature fitted on grouped out-of-fold scores of
TRAIN only), then on DEV prints: top-1 and top-3 accuracy (the operator sees three
alternatives), expected calibration error over 10 confidence bins, and for a few thresholds
the share of messages whose first suggestion is at least that confident and how often it is right.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.shared_data import TEDDY as DATA  # noqa: E402
from minpan.textmine import classify  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(DATA / "domain_train.csv"))
    ap.add_argument("--dev", default=str(DATA / "domain_dev.csv"))
    args = ap.parse_args()
    train, dev = classify.read_csv(args.train), classify.read_csv(args.dev)
    model = classify.DomainClassifier().fit([r["title"] for r in train], [r["detail"] for r in train],
                                            [r["label"] for r in train])
    print(f"temperature {model.temperature:.3f}; grouped 3-fold on train: {model.cv}")
    p = model.proba((r["title"], r["detail"]) for r in dev)
    y = np.searchsorted(model.classes_, [r["label"] for r in dev])
    rank = np.argsort(-p, axis=1)
    conf, right = p.max(1), rank[:, 0] == y
    print(f"dev {len(dev)}: top-1 accuracy {right.mean():.4f}, top-3 accuracy {np.mean([y[i] in rank[i, :3] for i in range(len(y))]):.4f}")
    bins = np.minimum((conf * 10).astype(int), 9)
    ece = sum(abs(conf[bins == b].mean() - right[bins == b].mean()) * np.mean(bins == b) for b in range(10) if np.any(bins == b))
    print(f"expected calibration error (10 bins) {ece:.4f}; mean confidence {conf.mean():.4f} vs accuracy {right.mean():.4f}")
    for th in (0.5, 0.7, 0.9):
        sel = conf >= th
        print(f"confidence ≥ {th}: {sel.mean():.1%} of messages, right {right[sel].mean():.1%}; below: right {right[~sel].mean():.1%}")


if __name__ == "__main__":
    main()
