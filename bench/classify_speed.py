"""How long the domain classifier takes to train, to load and to suggest for one message.

    .venv/bin/python bench/classify_speed.py [--train ../shared/data/teddy2020c/domain_train.csv]
                                             [--test ../shared/data/teddy2020c/domain_dev.csv]

Trains exactly as `minpan classify train --csv TRAIN` does (features, SVM, grouped
out-of-fold calibration) into a temporary models directory, then times
`suggest_domain(title, body)` one message at a time over TEST (after one warm-up call, which
pays for loading the artefact). Prints the machine (nproc, CPU model, load average) because
the machine is shared: wall times move with its load, CPU times much less.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench.shared_data import TEDDY as DATA  # noqa: E402
from minpan.textmine import classify  # noqa: E402


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(DATA / "domain_train.csv"))
    ap.add_argument("--test", default=str(DATA / "domain_dev.csv"))
    args = ap.parse_args()

    print(f"machine: nproc {os.cpu_count()}, {cpu_model()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    train, test = classify.read_csv(args.train), classify.read_csv(args.test)
    with tempfile.TemporaryDirectory() as tmp:
        settings.MINPAN_MODELS_DIR = Path(tmp)  # not the server's models
        t, cpu = time.perf_counter(), time.process_time()
        path, meta = classify.train_artefact([r["title"] for r in train], [r["detail"] for r in train],
                                             [r["label"] for r in train], source=f"csv:{args.train}")
        total, cpu = time.perf_counter() - t, time.process_time() - cpu
        size = sum(f.stat().st_size for f in path.iterdir())
        print(f"train: {len(train)} rows, fit {meta['train_seconds']} s, with saving {total:.1f} s "
              f"(CPU {cpu:.1f} s over both cores); "
              f"artefact {size / 1e6:.1f} MB; grouped CV macro_f1 {meta['scores']['cross_validation'].get('macro_f1')}")

        t = time.perf_counter()
        classify.suggest_domain(test[0]["title"], test[0]["detail"])
        print(f"first suggestion (loads the artefact): {(time.perf_counter() - t) * 1000:.0f} ms")

        times, cpu = [], time.process_time()
        for r in test:
            t = time.perf_counter()
            classify.suggest_domain(r["title"], r["detail"])
            times.append((time.perf_counter() - t) * 1000)
        cpu = (time.process_time() - cpu) * 1000 / len(test)
        times.sort()
        print(f"one suggestion over {len(times)} messages: median {statistics.median(times):.2f} ms, "
              f"p95 {times[int(len(times) * 0.95)]:.2f} ms, max {times[-1]:.2f} ms (wall); CPU {cpu:.2f} ms on average")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
