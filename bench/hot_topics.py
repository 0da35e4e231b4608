"""Time hot-topic grouping on 泰迪杯 attachment 3 (4,310 messages): `python bench/hot_topics.py [--runs 3]`.

Prints the machine's load average with the figures: the machine is shared, so a single time means
little without it. Not a test.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from minpan.textmine import hot  # noqa: E402
from minpan.textmine.features import words  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "teddy2020c" / "hot_topics_attachment3.csv"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    messages, _ = hot.read_csv(args.csv)
    started = time.perf_counter()
    words("预热")  # jieba's dictionary loads once per process (about 1 s); timed apart
    print(f"jieba load {time.perf_counter() - started:.2f} s")
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        topics = hot.topics(messages)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"{len(messages)} messages -> {len(topics)} topics; wall median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; nproc {os.cpu_count()}")


if __name__ == "__main__":
    main()
