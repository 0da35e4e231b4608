"""Time hot-topic grouping on 泰迪杯 attachment 3 (4,310 messages): `python bench/hot_topics.py [--runs 3]`.

`--city` groups a month the size of a busy city's instead: attachment 3 plus the 12,251 training and
2,791 later test messages of the same contest (about 19,000 real messages), all in one period.

Prints the machine's load average with the figures: the machine is shared, so a single time means
little without it. Not a test.
"""
import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.shared_data import TEDDY  # noqa: E402
from minpan.textmine import hot  # noqa: E402
from minpan.textmine.features import words  # noqa: E402

DEFAULT = TEDDY / "hot_topics_attachment3.csv"


def more_messages(folder: Path, at) -> list:
    """The contest's other messages (columns id,title,detail or 留言主题/留言详情), given one time."""
    import csv

    out = []
    for name in ("domain_train.csv", "unlabeled_attachment2_test.csv"):
        with open(folder / name, encoding="utf-8-sig") as f:
            for i, row in enumerate(csv.DictReader(f)):
                title = row.get("title") or row.get("留言主题") or ""
                body = row.get("detail") or row.get("留言详情") or ""
                out.append(hot.Message(key=f"{name}:{i}", title=title, body=body, at=at))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--city", action="store_true", help="about 19,000 messages as one month")
    args = parser.parse_args()
    messages, _ = hot.read_csv(args.csv)
    if args.city:
        messages += more_messages(Path(args.csv).parent, messages[0].at)
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
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; nproc {os.cpu_count()}; "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
